import { describe, expect, it } from 'vitest';
import { groupBy, sortBuildings } from './territory.repository';

describe('building order', () => {
  it('sorts numbers by value, then suffixes, the way people read them', () => {
    const numbers = ['10', '2', '1', '10A', '10B', '03', '4栋', '11', 'B2', 'B10', '100'];
    expect(sortBuildings(numbers.map((number) => ({ number }))).map((b) => b.number)).toEqual([
      '1',
      '2',
      '03',
      '4栋',
      '10',
      '10A',
      '10B',
      '11',
      '100',
      'B2',
      'B10',
    ]);
  });
  it('groups in one pass, keeping order', () => {
    const g = groupBy(
      [
        { k: 'a', n: 1 },
        { k: 'b', n: 2 },
        { k: 'a', n: 3 },
      ],
      (r) => r.k,
    );
    expect(g.get('a')!.map((r) => r.n)).toEqual([1, 3]);
    expect(g.get('b')!.map((r) => r.n)).toEqual([2]);
  });
});
