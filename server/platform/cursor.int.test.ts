/**
 * Issue 9, finding 11: a tampered `cursor` answered 200 (a silently different page) on /users,
 * /people, /audit/events, /audit/access and /governance/bodies. Every keyset list decodes its
 * cursor with platform/cursor.ts: anything this server did not make is 400 naming `cursor`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { login, makeUser } from '../test/factories/accounts.factory';
import { makeTenant } from '../test/factories/territory.factory';
import { decodeCursor, encodeCursor } from './cursor';

let ta: TestApp;
let cookie: string;
let tenantId: string;
beforeAll(async () => {
  ta = await buildTestApp();
  tenantId = (await makeTenant(ta.deps)).id;
  const admin = await makeUser(ta.deps, {
    homeTenantId: null,
    grants: [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null }],
  });
  for (let i = 0; i < 3; i++) await makeUser(ta.deps, { homeTenantId: tenantId });
  cookie = await login(ta.app, admin.username);
});
afterAll(() => ta?.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const TAMPERED = [
  'not a cursor!',
  'zzzz',
  b64({ a: 1 }),
  b64(['x', 'y', 'z', 'w']),
  b64([1, 2, 3]),
  b64(['2026-01-01T00:00:00.000Z', 'chain', 'not-a-number']),
  'bm90IGpzb24',
];
/** Lists keyed on an id alone: a one-string cursor that is no id. */
const NOT_AN_ID = b64(['not-a-uuid']);

describe('keyset cursors (issue 9 finding 11)', () => {
  it('answers 400 naming cursor for a tampered cursor on every keyset list', async () => {
    const lists = [
      '/api/v1/users?',
      `/api/v1/people?tenantId=${tenantId}&`,
      '/api/v1/audit/events?',
      '/api/v1/audit/access?',
      `/api/v1/governance/bodies?tenantId=${tenantId}&`,
    ];
    const wrong: string[] = [];
    for (const list of lists) {
      const byId = list.includes('/access') || list.includes('/bodies');
      for (const cursor of byId ? [...TAMPERED, NOT_AN_ID] : TAMPERED) {
        const res = await ta.app.inject({
          method: 'GET',
          url: `${list}cursor=${encodeURIComponent(cursor)}`,
          headers: { cookie },
        });
        const body = res.json();
        if (
          res.statusCode !== 400 ||
          body.code !== 'platform.validation' ||
          !body.details?.some((d: { path: string }) => d.path === 'cursor')
        )
          wrong.push(`${list} ${cursor}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('still pages with the cursors the server hands out', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ta.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((u: { username: string }) => u.username));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.length).toBe(4);
    expect([...seen].sort()).toEqual(seen);

    const events: unknown[] = [];
    let ec: string | null = null;
    do {
      const url: string = `/api/v1/audit/events?limit=5${ec ? `&cursor=${ec}` : ''}`;
      const res = await ta.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      events.push(...res.json().items);
      ec = res.json().nextCursor;
    } while (ec);
    expect(events.length).toBeGreaterThan(5);
  });

  it('decodes only the declared shape', () => {
    expect(decodeCursor(undefined, ['string'])).toBeNull();
    expect(decodeCursor(encodeCursor(['a', 2]), ['string', 'int'])).toEqual(['a', 2]);
    expect(() => decodeCursor(encodeCursor(['a', 2.5]), ['string', 'int'])).toThrow();
    expect(() => decodeCursor(encodeCursor(['a']), ['string', 'int'])).toThrow();
    expect(() => decodeCursor('a+b/', ['string'])).toThrow();
  });
});
