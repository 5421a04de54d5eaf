/**
 * Issue 9, finding 1: a subdistrict administrator took over the platform administrator (whose
 * home tenant is that subdistrict) by resetting its password. A caller now acts on another account
 * only when every active grant of it lies within what the caller could grant; a password reset or
 * an edit also needs the caller to hold the appointed (case-file) permissions the target holds.
 * The forced password change is enforced by the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region, Station, Tenant } from '../../../contracts/territory';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser, TEST_PASSWORD, type TestUser } from '../../test/factories/accounts.factory';
import {
  makeCommunity,
  makeRegionChain,
  makeStation,
  makeTenant,
} from '../../test/factories/territory.factory';

let ta: TestApp;
let tenant: Tenant;
let district: Region;
let station: Station;
let communityId: string;
let admin: TestUser;
let adminCookie: string;
let platformCookie: string;
let seq = 0;

beforeAll(async () => {
  ta = await buildTestApp({ loginMaxPerMinute: 10_000 });
  district = (await makeRegionChain(ta.deps)).district;
  tenant = await makeTenant(ta.deps, { district });
  communityId = (await makeCommunity(ta.deps, tenant)).id;
  station = await makeStation(ta.deps, tenant, [communityId]);
  admin = await makeUser(ta.deps, {
    homeTenantId: tenant.id,
    grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: tenant.id }],
  });
  adminCookie = await login(ta.app, admin.username);
  const platform = await makeUser(ta.deps, {
    homeTenantId: tenant.id,
    grants: [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null }],
  });
  platformCookie = await login(ta.app, platform.username);
});
afterAll(() => ta?.close());

/** Accounts homed in the administrator's own subdistrict, as in the demo. */
const targets = {
  platformAdmin: () =>
    makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'platform_admin', scopeKind: 'platform', scopeId: null }],
    }),
  regionViewer: () =>
    makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'region_viewer', scopeKind: 'region', scopeId: district.id }],
    }),
  stationHead: () =>
    makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'station_head', scopeKind: 'station', scopeId: station.id }],
    }),
  socialWorker: () =>
    makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'social_worker', scopeKind: 'community', scopeId: communityId }],
    }),
  volunteer: () =>
    makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'volunteer', scopeKind: 'tenant', scopeId: tenant.id }],
    }),
  otherAdmin: () =>
    makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: tenant.id }],
    }),
};

const reset = (cookie: string, id: string) =>
  ta.app.inject({
    method: 'POST',
    url: `/api/v1/users/${id}/password`,
    headers: { cookie },
    payload: { password: `taken-over-${++seq}-password` },
  });
const patch = (cookie: string, id: string, body: object) =>
  ta.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${id}`,
    headers: { cookie },
    payload: { version: 1, ...body },
  });
const loginStatus = async (u: TestUser, password = TEST_PASSWORD) =>
  (
    await ta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password },
      remoteAddress: `10.9.0.${++seq % 250}`,
    })
  ).statusCode;
const row = (id: string) =>
  ta.deps.db
    .selectFrom('app_user')
    .select(['password_hash', 'display_name', 'status', 'version', 'must_change_password'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('acting on another account (issue 9 finding 1)', () => {
  it('refuses a subdistrict admin resetting the password of the platform admin, a region viewer or the station head', async () => {
    for (const [name, make] of [
      ['platform admin', targets.platformAdmin],
      ['region viewer', targets.regionViewer],
      ['station head', targets.stationHead],
      ['social worker', targets.socialWorker],
    ] as const) {
      const victim = await make();
      const victimCookie = await login(ta.app, victim.username);
      const before = await row(victim.id);
      const res = await reset(adminCookie, victim.id);
      expect(res.statusCode, name).toBe(403);
      expect(res.json().code, name).toBe('accounts.target_exceeds_own');
      expect(res.json().message, name).toMatch(/超出您权限范围/);
      // Nothing changed: same hash, sessions alive, the old password still works.
      expect(await row(victim.id), name).toEqual(before);
      expect(
        (await ta.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: victimCookie } }))
          .statusCode,
        name,
      ).toBe(200);
      expect(await loginStatus(victim), name).toBe(200);
    }
  });

  it('refuses editing those accounts, and disabling the platform admin or a region viewer', async () => {
    for (const make of [targets.platformAdmin, targets.regionViewer, targets.stationHead]) {
      const victim = await make();
      const before = await row(victim.id);
      const res = await patch(adminCookie, victim.id, { displayName: '改个名字' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('accounts.target_exceeds_own');
      expect(await row(victim.id)).toEqual(before);
    }
    for (const make of [targets.platformAdmin, targets.regionViewer]) {
      const victim = await make();
      const res = await patch(adminCookie, victim.id, { status: 'disabled' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('accounts.target_exceeds_own');
      expect((await row(victim.id)).status).toBe('active');
      expect(await loginStatus(victim)).toBe(200);
    }
  });

  it('lets the subdistrict dismiss the station head it appointed (disable, revoke) but not add to a stronger account', async () => {
    const head = await targets.stationHead();
    const disabled = await patch(adminCookie, head.id, { status: 'disabled' });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(await loginStatus(head)).toBe(403);

    const sw = await targets.socialWorker();
    const detail = await ta.app.inject({
      method: 'GET',
      url: `/api/v1/users/${sw.id}`,
      headers: { cookie: adminCookie },
    });
    const revoked = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/grants/${detail.json().grants[0].id}/revoke`,
      headers: { cookie: adminCookie },
      payload: {},
    });
    expect(revoked.statusCode, revoked.body).toBe(200);

    const boss = await targets.platformAdmin();
    const grant = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/users/${boss.id}/grants`,
      headers: { cookie: adminCookie },
      payload: { role: 'volunteer', scopeKind: 'tenant', scopeId: tenant.id },
    });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().code).toBe('accounts.target_exceeds_own');
    const grants = await ta.deps.db
      .selectFrom('role_grant')
      .select('role')
      .where('user_id', '=', boss.id)
      .execute();
    expect(grants.map((g) => g.role)).toEqual(['platform_admin']);
  });

  it('still lets the subdistrict reset, edit and disable accounts within its reach, and the platform admin any', async () => {
    for (const make of [targets.volunteer, targets.otherAdmin]) {
      const u = await make();
      const edited = await patch(adminCookie, u.id, { displayName: '新名字' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await reset(adminCookie, u.id)).statusCode).toBe(200);
    }
    const plain = await makeUser(ta.deps, { homeTenantId: tenant.id });
    expect((await reset(adminCookie, plain.id)).statusCode).toBe(200);
    for (const make of [targets.stationHead, targets.regionViewer, targets.platformAdmin]) {
      const u = await make();
      expect((await reset(platformCookie, u.id)).statusCode).toBe(200);
      expect((await row(u.id)).must_change_password).toBe(1);
    }
  });
});

describe('forced password change (issue 9 finding 1)', () => {
  it('answers 403 to everything but me, logout and the password change until the new password is set', async () => {
    const u = await targets.volunteer();
    const newPassword = `reset-by-admin-${++seq}`;
    const r = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/password`,
      headers: { cookie: adminCookie },
      payload: { password: newPassword },
    });
    expect(r.statusCode).toBe(200);
    const cookie = await login(ta.app, u.username, newPassword);
    const get = (url: string, c = cookie) => ta.app.inject({ method: 'GET', url, headers: { cookie: c } });

    const me = await get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);
    for (const url of ['/api/v1/territory/tree', '/api/v1/access/catalog', `/api/v1/users/${u.id}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('accounts.password_change_required');
      expect(res.json().message, url).toMatch(/修改密码/);
    }
    const write = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: {},
    });
    expect(write.json().code).toBe('accounts.password_change_required');

    const changed = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: newPassword, newPassword: `${newPassword}-mine` },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const fresh = `gz_session=${changed.cookies.find((c) => c.name === 'gz_session')!.value}`;
    expect((await get('/api/v1/auth/me', fresh)).json().mustChangePassword).toBe(false);
    expect((await get('/api/v1/territory/tree', fresh)).statusCode).toBe(200);
  });

  it('lets a user who must change the password sign out', async () => {
    const u = await targets.volunteer();
    const pw = `reset-by-admin-${++seq}`;
    await ta.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/password`,
      headers: { cookie: adminCookie },
      payload: { password: pw },
    });
    const cookie = await login(ta.app, u.username, pw);
    const out = await ta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    expect(
      (await ta.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });
});
