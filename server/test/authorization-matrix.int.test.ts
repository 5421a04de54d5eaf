/**
 * The authorization matrix (DESIGN.md §6): every registered route × every role ×
 * {own place, other place in the same tenant, other tenant}, plus anonymous callers.
 * Expectations are written out per route (server/test/route-specs.ts); a registered route
 * without an entry fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../contracts/common';
import { type RegisteredRoute, routeRegistry } from '../platform/routes';
import { buildTestApp, type TestApp } from './build-test-app';
import { login } from './factories/accounts.factory';
import { PUBLIC, type Req, specs, useRouteSpecs } from './route-specs';
import { buildWorld, MATRIX_ROLES, type World } from './world';

let ta: TestApp;
let w: World;

function url(def: RouteDef, req: Req) {
  let path = def.path;
  for (const [k, v] of Object.entries(req.params ?? {})) path = path.replace(`:${k}`, v);
  const qs = new URLSearchParams(req.query ?? {}).toString();
  return qs ? `${path}?${qs}` : path;
}

beforeAll(async () => {
  // Many logins from one address: lift the login limit here (its own test checks it).
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  w = await buildWorld(ta.deps, ta.app);
  useRouteSpecs(ta, w);
});
afterAll(() => ta?.close());

describe('authorization matrix', () => {
  it('every registered route is public by design or has a matrix entry', () => {
    const missing = routeRegistry
      .filter((r: RegisteredRoute) => !PUBLIC.has(r.def) && !specs.has(r.def))
      .map((r) => `${r.def.method} ${r.def.path}`);
    expect(missing).toEqual([]);
    for (const r of routeRegistry) {
      expect(r.access === 'public', `${r.def.method} ${r.def.path} public?`).toBe(PUBLIC.has(r.def));
    }
    expect(routeRegistry.length).toBeGreaterThanOrEqual(40);
  });

  it('gives each role exactly the access written for it, at its own place, another place and another tenant', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [def, spec] of specs) {
      for (const where of ['own', 'other', 'otherTenant'] as const) {
        for (const role of [...MATRIX_ROLES, 'anonymous' as const]) {
          const req = spec.target ? await spec.target(w, where) : {};
          const cookie =
            role === 'anonymous'
              ? undefined
              : spec.freshSession
                ? await login(ta.app, w.users[role].username)
                : w.cookies[role];
          const res = await ta.app.inject({
            method: def.method,
            url: url(def, req),
            headers: { ...req.headers, ...(cookie ? { cookie } : {}) },
            ...(req.body !== undefined
              ? { payload: req.body as object }
              : def.method !== 'GET' && def.body
                ? { payload: {} }
                : {}),
          });
          checked++;
          const allowed = role !== 'anonymous' && (spec.allow[where] as readonly string[]).includes(role);
          const passed = res.statusCode < 300 || (spec.ok ?? []).includes(res.statusCode);
          const denied = role === 'anonymous' ? res.statusCode === 401 : [403, 404].includes(res.statusCode);
          if (allowed ? !passed : !denied) {
            wrong.push(
              `${def.method} ${def.path} as ${role} @${where}: ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(specs.size * 3 * (MATRIX_ROLES.length + 1));
    // Thousands of requests with their fixtures: minutes on PostgreSQL on a busy 2-core machine.
  }, 600_000);
});
