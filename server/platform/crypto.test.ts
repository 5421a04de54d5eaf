import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from './crypto';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('field crypto', () => {
  it('seals and opens; the sealed text reveals nothing and differs every time', () => {
    const c = createFieldCrypto(A);
    const s1 = c.seal('11010519491231002X');
    const s2 = c.seal('11010519491231002X');
    expect(s1).not.toBe(s2);
    expect(s1).not.toContain('110105');
    expect(c.open(s1)).toBe('11010519491231002X');
  });

  it('refuses a tampered value', () => {
    const c = createFieldCrypto(A);
    const s = c.seal('13812341234');
    const parts = s.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => c.open(parts.join('.'))).toThrow();
  });

  it('opens values sealed under a retired key after rotation, and seals new ones under the new key', () => {
    const old = createFieldCrypto(A);
    const sealed = old.seal('张三');
    const rotated = createFieldCrypto(B, [A]);
    expect(rotated.open(sealed)).toBe('张三');
    expect(rotated.seal('x').split('.')[1]).toBe(rotated.currentKeyId);
    expect(rotated.currentKeyId).not.toBe(old.currentKeyId);
    expect(() => createFieldCrypto(B).open(sealed)).toThrow(/unknown/);
  });

  it('hashes for lookup with a key: equal inputs match, and the hash is not a plain digest', () => {
    const c = createFieldCrypto(A);
    expect(c.lookupHash('11010519491231002X')).toBe(c.lookupHash('11010519491231002X'));
    expect(c.lookupHash('11010519491231002X')).not.toBe(
      createFieldCrypto(B).lookupHash('11010519491231002X'),
    );
    expect(c.lookupHash('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
  });
});
