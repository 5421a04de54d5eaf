import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Community, Tenant } from '../../../contracts/territory';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { login, makeUser } from '../../test/factories/accounts.factory';
import {
  makeBuilding,
  makeCommunity,
  makeCompound,
  makeStation,
  makeTenant,
} from '../../test/factories/territory.factory';

let ta: TestApp;
let tenant: Tenant;
let c1: Community;
let c2: Community;
let cookie: string;
beforeAll(async () => {
  ta = await buildTestApp();
  tenant = await makeTenant(ta.deps);
  c1 = await makeCommunity(ta.deps, tenant, '一号社区');
  c2 = await makeCommunity(ta.deps, tenant, '二号社区');
  const admin = await makeUser(ta.deps, {
    homeTenantId: tenant.id,
    grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: tenant.id }],
  });
  cookie = await login(ta.app, admin.username);
});
afterAll(() => ta?.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ta.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('territory', () => {
  it('moves a compound to another community, and its buildings with it', async () => {
    const k = await makeCompound(ta.deps, c1);
    const b = await makeBuilding(ta.deps, k, '9');
    const res = await call('PATCH', `/api/v1/territory/compounds/${k.id}`, {
      communityId: c2.id,
      version: k.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().communityId).toBe(c2.id);
    const moved = (await call('GET', `/api/v1/territory/buildings/${b.id}`)).json();
    expect(moved.communityId).toBe(c2.id);
    const ev = (await call('GET', `/api/v1/audit/events?entityId=${k.id}&action=compound.move`)).json();
    expect(ev.items).toHaveLength(1);
  });

  it('refuses to retire a node with active children (409), then retires it once they are gone; nothing is deleted', async () => {
    const k = await makeCompound(ta.deps, c1);
    const b = await makeBuilding(ta.deps, k, '1');
    const busy = await call('POST', `/api/v1/territory/compounds/${k.id}/retire`, { version: 1 });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('territory.has_active_children');
    expect(
      (await call('POST', `/api/v1/territory/buildings/${b.id}/retire`, { version: 1 })).statusCode,
    ).toBe(200);
    const done = await call('POST', `/api/v1/territory/compounds/${k.id}/retire`, { version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'retired' });
    expect((await call('GET', `/api/v1/territory/compounds/${k.id}`)).json().status).toBe('retired');
    const again = await call('POST', `/api/v1/territory/compounds/${k.id}/retire`, { version: 2 });
    expect(again.json().code).toBe('territory.already_retired');
    const under = await call('POST', '/api/v1/territory/buildings', {
      communityId: c1.id,
      compoundId: k.id,
      number: '2',
      units: 1,
      floors: 3,
    });
    expect(under.statusCode).toBe(409);
    expect(under.json().code).toBe('territory.parent_retired');
  });

  it('answers 409 to a stale version and leaves the row as it was', async () => {
    const k = await makeCompound(ta.deps, c1, { name: '原名小区' });
    expect(
      (await call('PATCH', `/api/v1/territory/compounds/${k.id}`, { name: '第一次', version: 1 })).statusCode,
    ).toBe(200);
    const stale = await call('PATCH', `/api/v1/territory/compounds/${k.id}`, { name: '第二次', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('platform.version_conflict');
    expect((await call('GET', `/api/v1/territory/compounds/${k.id}`)).json().name).toBe('第一次');
  });

  it('keeps community codes inside the tenant and unique', async () => {
    const outside = await call('POST', '/api/v1/territory/communities', {
      tenantId: tenant.id,
      code: '999999999001',
      name: '外面',
      codeVintage: 2023,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].path).toBe('code');
    const dup = await call('POST', '/api/v1/territory/communities', {
      tenantId: tenant.id,
      code: c1.code,
      name: '重复',
      codeVintage: 2023,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('territory.code_taken');
  });

  it('refuses a duplicate building number in one compound', async () => {
    const k = await makeCompound(ta.deps, c1);
    await makeBuilding(ta.deps, k, '3');
    const dup = await call('POST', '/api/v1/territory/buildings', {
      communityId: c1.id,
      compoundId: k.id,
      number: '3',
      units: 1,
      floors: 3,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0].path).toBe('number');
    const wrongCommunity = await call('POST', '/api/v1/territory/buildings', {
      communityId: c2.id,
      compoundId: k.id,
      number: '4',
      units: 1,
      floors: 3,
    });
    expect(wrongCommunity.statusCode).toBe(400);
  });

  it('shows coverage gaps and closes them when a station and a social worker are assigned', async () => {
    const t = await makeTenant(ta.deps);
    const a = await makeCommunity(ta.deps, t, '甲社区');
    const b = await makeCommunity(ta.deps, t, '乙社区');
    const admin = await makeUser(ta.deps, {
      homeTenantId: t.id,
      grants: [{ role: 'tenant_admin', scopeKind: 'tenant', scopeId: t.id }],
    });
    const ck = await login(ta.app, admin.username);
    const cov = async () =>
      (
        await ta.app.inject({
          method: 'GET',
          url: `/api/v1/territory/coverage?tenantId=${t.id}`,
          headers: { cookie: ck },
        })
      ).json();
    const before = await cov();
    expect(before.summary).toEqual({ communities: 2, withStation: 0, withSocialWorker: 0 });
    expect(before.rows[0].gaps).toEqual(['no_station', 'no_social_worker']);
    await makeStation(ta.deps, t, [a.id, b.id]);
    const sw = await makeUser(ta.deps, { homeTenantId: t.id });
    const g = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/users/${sw.id}/grants`,
      headers: { cookie: ck },
      payload: { role: 'social_worker', scopeKind: 'community', scopeId: a.id },
    });
    expect(g.statusCode).toBe(201);
    const after = await cov();
    expect(after.summary).toEqual({ communities: 2, withStation: 2, withSocialWorker: 1 });
    expect(after.rows.find((r: { name: string }) => r.name === '乙社区').gaps).toEqual(['no_social_worker']);
    await ta.app.inject({
      method: 'POST',
      url: `/api/v1/grants/${g.json().id}/revoke`,
      headers: { cookie: ck },
    });
    expect((await cov()).summary.withSocialWorker).toBe(0);
  });

  it('lets a station head reach the communities the station and its service points cover', async () => {
    const t = await makeTenant(ta.deps);
    const a = await makeCommunity(ta.deps, t);
    const b = await makeCommunity(ta.deps, t);
    const st = await makeStation(ta.deps, t, []);
    await makeStation(ta.deps, t, [a.id], 'service_point', st.id);
    const head = await makeUser(ta.deps, {
      homeTenantId: t.id,
      grants: [{ role: 'station_head', scopeKind: 'station', scopeId: st.id }],
    });
    const ck = await login(ta.app, head.username);
    const me = (
      await ta.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: ck } })
    ).json();
    expect(me.grants[0].scopeName).toBe(st.name);
    // Reading works across the tenant; the community detail shows covering stations.
    const detail = (
      await ta.app.inject({
        method: 'GET',
        url: `/api/v1/territory/communities/${a.id}`,
        headers: { cookie: ck },
      })
    ).json();
    expect(detail.stations).toHaveLength(1);
    const detailB = (
      await ta.app.inject({
        method: 'GET',
        url: `/api/v1/territory/communities/${b.id}`,
        headers: { cookie: ck },
      })
    ).json();
    expect(detailB.stations).toHaveLength(0);
  });

  it('does not let a grant exceed the grantor’s own rights', async () => {
    const cw = await makeUser(ta.deps, {
      homeTenantId: tenant.id,
      grants: [{ role: 'community_worker', scopeKind: 'community', scopeId: c1.id }],
    });
    const target = await makeUser(ta.deps, { homeTenantId: tenant.id });
    const ck = await login(ta.app, cw.username);
    const res = await ta.app.inject({
      method: 'POST',
      url: `/api/v1/users/${target.id}/grants`,
      headers: { cookie: ck },
      payload: { role: 'tenant_admin', scopeKind: 'tenant', scopeId: tenant.id },
    });
    expect([403, 404]).toContain(res.statusCode);
    const wrongScope = await call('POST', `/api/v1/users/${target.id}/grants`, {
      role: 'building_leader',
      scopeKind: 'tenant',
      scopeId: tenant.id,
    });
    expect(wrongScope.statusCode).toBe(400);
    expect(wrongScope.json().code).toBe('accounts.role_scope_invalid');
    const platform = await call('POST', `/api/v1/users/${target.id}/grants`, {
      role: 'platform_admin',
      scopeKind: 'platform',
      scopeId: null,
    });
    expect(platform.statusCode).toBe(404);
  });

  it('answers every list with at most 5 queries, however much data there is', async () => {
    const count = async (url: string) => {
      const res = await call('GET', url);
      expect(res.statusCode, url).toBe(200);
      return Number(res.headers['x-db-queries']);
    };
    // A page (the community detail) may take one more, but never more as the data grows.
    const detail = `/api/v1/territory/communities/${c1.id}`;
    const small = await count(detail);
    for (let i = 0; i < 5; i++) await makeBuilding(ta.deps, await makeCompound(ta.deps, c1));
    expect(await count(detail)).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
    for (const url of [
      `/api/v1/territory/tree?tenantId=${tenant.id}`,
      `/api/v1/territory/communities?tenantId=${tenant.id}`,
      `/api/v1/territory/coverage?tenantId=${tenant.id}`,
      `/api/v1/territory/stations?tenantId=${tenant.id}`,
      '/api/v1/users?limit=20',
      '/api/v1/audit/events?limit=20',
      '/api/v1/audit/access?limit=20',
    ]) {
      expect(await count(url), url).toBeLessThanOrEqual(5);
    }
  });
});
