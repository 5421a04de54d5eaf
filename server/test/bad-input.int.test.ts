/**
 * Bad input on every write route (generated from the route registry): a clear 400 naming the
 * field, and the database exactly as it was before.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { introspect } from '../db/dialect';
import { routeRegistry } from '../platform/routes';
import { buildTestApp, type TestApp } from './build-test-app';
import { login, makeUser } from './factories/accounts.factory';
import { makeCommunity, makeCompound, makeTenant } from './factories/territory.factory';

let ta: TestApp;
let cookie: string;
let communityId: string;
let tenantId: string;
beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  const t = await makeTenant(ta.deps);
  tenantId = t.id;
  communityId = (await makeCommunity(ta.deps, t)).id;
  await makeCompound(ta.deps, await makeCommunity(ta.deps, t));
  const admin = await makeUser(ta.deps, {
    homeTenantId: null,
    grants: [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null }],
  });
  cookie = await login(ta.app, admin.username);
});
afterAll(() => ta?.close());

async function snapshot(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await introspect(ta.database.db, ta.database.dialect)) {
    if (t.name === 'session') continue; // logins are writes too; they are not under test here
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.name)}`.execute(
      ta.database.db,
    );
    out[t.name] = Number(r.rows[0]!.n);
  }
  return out;
}

const writes = () => routeRegistry.filter((r) => r.def.method !== 'GET' && r.access !== 'public');
/** Fills path parameters: the given id for :id and every :somethingId, a real tag code for :code. */
const fill = (path: string, id = '01a21f5c-0000-7000-8000-000000000000') =>
  path.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' || name.endsWith('Id') ? id : 'veteran'));

describe('bad input on every write route', () => {
  it('answers 400 naming each wrong field, and changes nothing', async () => {
    const before = await snapshot();
    const problems: string[] = [];
    let checked = 0;
    for (const { def } of writes()) {
      const shape = def.body instanceof z.ZodObject ? (def.body.shape as Record<string, z.ZodType>) : null;
      if (!shape) continue;
      // Each field alone set to a value no field accepts.
      for (const field of Object.keys(shape)) {
        const res = await ta.app.inject({
          method: def.method,
          url: fill(def.path),
          headers: { cookie },
          payload: { [field]: { nested: ['x'] } },
        });
        checked++;
        const paths = (res.json().details ?? []).map((d: { path: string }) => d.path);
        // An object field may be named by its own parts (closure.reason).
        const named = paths.some((p: string) => p === field || p.startsWith(`${field}.`));
        if (res.statusCode !== 400 || !named || res.json().code !== 'platform.validation') {
          problems.push(
            `${def.method} ${def.path} field ${field}: ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
      // Not JSON at all.
      const broken = await ta.app.inject({
        method: def.method,
        url: fill(def.path),
        headers: { cookie, 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      checked++;
      if (broken.statusCode !== 400)
        problems.push(`${def.method} ${def.path} broken JSON: ${broken.statusCode}`);
    }
    // A path id that is not an id.
    for (const { def } of writes().filter((r) => r.def.path.includes(':id'))) {
      const res = await ta.app.inject({
        method: def.method,
        url: fill(def.path, 'not-an-id'),
        headers: { cookie },
        payload: {},
      });
      checked++;
      const paths = (res.json().details ?? []).map((d: { path: string }) => d.path);
      if (res.statusCode !== 400 || !paths.includes('id'))
        problems.push(`${def.method} ${def.path} bad id: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 to out-of-range values with the field named', async () => {
    const cases: [string, string, object, string][] = [
      [
        'POST',
        '/api/v1/territory/communities',
        { tenantId, code: '12345', name: 'x', codeVintage: 2023 },
        'code',
      ],
      [
        'POST',
        '/api/v1/territory/communities',
        { tenantId, code: '123456789012', name: '   ', codeVintage: 2023 },
        'name',
      ],
      ['POST', '/api/v1/territory/buildings', { communityId, number: '1', units: 0, floors: 3 }, 'units'],
      ['POST', '/api/v1/territory/buildings', { communityId, number: '1', units: 1, floors: 1000 }, 'floors'],
      ['POST', '/api/v1/territory/compounds', { communityId, name: 'x', kind: 'castle' }, 'kind'],
      [
        'POST',
        '/api/v1/users',
        {
          username: 'A b',
          displayName: 'x',
          staffKind: 'volunteer',
          homeTenantId: tenantId,
          password: 'long-enough-pw',
        },
        'username',
      ],
      [
        'POST',
        '/api/v1/users',
        {
          username: 'okname',
          displayName: 'x',
          staffKind: 'volunteer',
          homeTenantId: tenantId,
          password: 'long-enough-pw',
          phone: '12345',
        },
        'phone',
      ],
      [
        'POST',
        '/api/v1/territory/stations',
        { tenantId, kind: 'station', name: 's', establishedOn: '2017-13-45' },
        'establishedOn',
      ],
      [
        'POST',
        '/api/v1/territory/compounds',
        { communityId, name: 'nul\u0000byte', kind: 'open_old' },
        'name',
      ],
      [
        'POST',
        '/api/v1/territory/compounds',
        { communityId, name: '长'.repeat(61), kind: 'open_old' },
        'name',
      ],
    ];
    const before = await snapshot();
    for (const [method, url, payload, field] of cases) {
      const res = await ta.app.inject({ method: method as 'POST', url, headers: { cookie }, payload });
      expect(res.statusCode, `${url} ${field}`).toBe(400);
      expect(
        res.json().details.map((d: { path: string }) => d.path),
        `${url} ${field}`,
      ).toContain(field);
      expect(res.json().message).toBeTruthy();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('stores hostile and unusual text exactly, and returns it unchanged', async () => {
    const strings = [
      "'; DROP TABLE community; --",
      '" OR 1=1 --',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style payload, on purpose
      '${jndi:ldap://x}',
      '张·三丰',
      '‮RTL override‬',
      'zero\u200bwidth',
      '👨‍👩‍👧 小区',
      'NULL',
      '\\u0000',
      '%s%s%n',
      '../../etc/passwd',
    ];
    for (const name of strings) {
      const res = await ta.app.inject({
        method: 'POST',
        url: '/api/v1/territory/compounds',
        headers: { cookie },
        payload: { communityId, name, kind: 'open_old' },
      });
      expect(res.statusCode, name).toBe(201);
      const got = await ta.app.inject({
        method: 'GET',
        url: `/api/v1/territory/compounds/${res.json().id}`,
        headers: { cookie },
      });
      expect(got.json().name).toBe(name.trim());
    }
    const q = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/users?q=${encodeURIComponent("%' OR '1'='1")}`,
      headers: { cookie },
    });
    expect(q.statusCode).toBe(200);
    expect(q.json().items).toEqual([]);
  });
});
