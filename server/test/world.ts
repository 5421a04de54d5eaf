import type { FastifyInstance } from 'fastify';
import type { Role, ScopeKind } from '../../contracts/access';
import type { Building, Community, Compound, Region, Station, Tenant } from '../../contracts/territory';
import type { Deps } from '../platform/deps';
import { login, makeUser, type TestUser } from './factories/accounts.factory';
import {
  makeBuilding,
  makeCommunity,
  makeCompound,
  makeRegionChain,
  makeStation,
  makeTenant,
} from './factories/territory.factory';

export const MATRIX_ROLES = [
  'platform_admin',
  'region_viewer',
  'tenant_admin',
  'subdistrict_officer',
  'station_head',
  'supervisor',
  'social_worker',
  'community_worker',
  'building_leader',
  'volunteer',
  'resident',
] as const satisfies readonly Role[];
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * Two tenants in two different districts. Tenant A has communities A1 (with compound k1,
 * building b1, station S covering A1) and A2 (compound k2, building b2); tenant B has B1.
 * Every role is held by one user at its "own place" in A (A1, b1, S, tenant A, A's district).
 */
export interface World {
  tenantA: Tenant;
  tenantB: Tenant;
  a1: Community;
  a2: Community;
  b1c: Community;
  k1: Compound;
  k2: Compound;
  kb: Compound;
  b1: Building;
  b2: Building;
  bb: Building;
  station: Station;
  stationB: Station;
  districtA: Region;
  users: Record<MatrixRole, TestUser>;
  cookies: Record<MatrixRole, string>;
  /** Plain accounts (no grants) in A and B, as targets for user routes. */
  userA: TestUser;
  userB: TestUser;
}

export async function buildWorld(deps: Deps, app: FastifyInstance): Promise<World> {
  const ra = await makeRegionChain(deps);
  const rb = await makeRegionChain(deps);
  const tenantA = await makeTenant(deps, { district: ra.district, name: '甲街道' });
  const tenantB = await makeTenant(deps, { district: rb.district, name: '乙街道' });
  const a1 = await makeCommunity(deps, tenantA, '甲一社区');
  const a2 = await makeCommunity(deps, tenantA, '甲二社区');
  const b1c = await makeCommunity(deps, tenantB, '乙一社区');
  const k1 = await makeCompound(deps, a1, { name: '甲一小区' });
  const k2 = await makeCompound(deps, a2, { name: '甲二小区' });
  const kb = await makeCompound(deps, b1c, { name: '乙一小区' });
  const b1 = await makeBuilding(deps, k1, '1');
  const b2 = await makeBuilding(deps, k2, '1');
  const bb = await makeBuilding(deps, kb, '1');
  const station = await makeStation(deps, tenantA, [a1.id]);
  const stationB = await makeStation(deps, tenantB, [b1c.id]);

  const at: Record<MatrixRole, { scopeKind: ScopeKind; scopeId: string | null }> = {
    platform_admin: { scopeKind: 'platform', scopeId: null },
    region_viewer: { scopeKind: 'region', scopeId: ra.district.id },
    tenant_admin: { scopeKind: 'tenant', scopeId: tenantA.id },
    subdistrict_officer: { scopeKind: 'tenant', scopeId: tenantA.id },
    station_head: { scopeKind: 'station', scopeId: station.id },
    supervisor: { scopeKind: 'station', scopeId: station.id },
    social_worker: { scopeKind: 'community', scopeId: a1.id },
    community_worker: { scopeKind: 'community', scopeId: a1.id },
    building_leader: { scopeKind: 'building', scopeId: b1.id },
    volunteer: { scopeKind: 'tenant', scopeId: tenantA.id },
    resident: { scopeKind: 'building', scopeId: b1.id },
  };
  const users = {} as Record<MatrixRole, TestUser>;
  const cookies = {} as Record<MatrixRole, string>;
  for (const role of MATRIX_ROLES) {
    users[role] = await makeUser(deps, {
      homeTenantId: role === 'platform_admin' ? null : tenantA.id,
      grants: [{ role, ...at[role] }],
    });
    cookies[role] = await login(app, users[role].username);
  }
  const userA = await makeUser(deps, { homeTenantId: tenantA.id });
  const userB = await makeUser(deps, { homeTenantId: tenantB.id });
  return {
    tenantA,
    tenantB,
    a1,
    a2,
    b1c,
    k1,
    k2,
    kb,
    b1,
    b2,
    bb,
    station,
    stationB,
    districtA: ra.district,
    users,
    cookies,
    userA,
    userB,
  };
}
