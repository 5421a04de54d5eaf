import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from './audit-writer';
import { uuidv7 } from './ids';
import { maskIdNumber, maskMobile, maskName } from './masking';

describe('uuidv7', () => {
  it('is a version-7 RFC 9562 UUID and sorts in creation order', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('masking', () => {
  it('masks names, mobiles and ID numbers as DOMAIN.md says', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('阿依古丽·买买提')).toBe('阿*******');
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('+8613812341234')).toBe('138****1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('audit hash', () => {
  const row = {
    chain: 't',
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    actor_id: null,
    actor_name: '系统',
    ip: null,
    request_id: null,
    tenant_id: 't',
    action: 'x.create',
    entity: 'x',
    entity_id: '1',
    before_json: null,
    after_json: '{"a":1}',
    prev_hash: GENESIS_HASH,
  };
  it('changes when any field changes', () => {
    const h = auditHash(row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const k of Object.keys(row) as (keyof typeof row)[]) {
      expect(auditHash({ ...row, [k]: k === 'seq' ? 2 : `${row[k]}!` }), k).not.toBe(h);
    }
  });
});
