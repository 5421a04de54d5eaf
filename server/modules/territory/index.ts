/** The territory module's public face: routes, and what other modules may ask about places. */
import type { ScopeKind } from '../../../contracts/access';
import { PLATFORM, type Place } from '../../platform/access';
import type { Deps } from '../../platform/deps';
import { buildingPlace, communityPlace, compoundPlace, stationPlace } from './territory.policy';
import * as repo from './territory.repository';
import { communityNames, referenceData } from './territory.service';

export { territoryRoutesPlugin } from './territory.routes';
export type { StaffAt, StaffDirectory } from './territory.service';

export interface NodeRef {
  place: Place;
  name: string;
  tenantId: string | null;
  active: boolean;
}

/** Looks up any node a role can be granted at: its place (for the policy), display name and tenant. */
export async function findNode(deps: Deps, kind: ScopeKind, id: string | null): Promise<NodeRef | null> {
  const db = repo.narrow(deps.db);
  if (kind === 'platform')
    return id === null ? { place: PLATFORM, name: '全平台', tenantId: null, active: true } : null;
  if (!id) return null;
  if (kind === 'region') {
    const r = (await referenceData(deps)).regions.find((x) => x.id === id);
    return r
      ? { place: { tenantId: null, regionId: r.id }, name: r.name, tenantId: null, active: true }
      : null;
  }
  if (kind === 'tenant') {
    const t = (await referenceData(deps)).tenants.find((x) => x.id === id);
    return t
      ? { place: { tenantId: t.id }, name: t.name, tenantId: t.id, active: t.status === 'active' }
      : null;
  }
  if (kind === 'community') {
    const c = await repo.findCommunity(db, null, id);
    return c
      ? { place: communityPlace(c), name: c.name, tenantId: c.tenant_id, active: c.status === 'active' }
      : null;
  }
  if (kind === 'compound') {
    const c = await repo.findCompound(db, id);
    return c
      ? { place: compoundPlace(c), name: c.name, tenantId: c.tenant_id, active: c.status === 'active' }
      : null;
  }
  if (kind === 'building') {
    const b = await repo.findBuilding(db, id);
    if (!b) return null;
    const k = b.compound_id ? await repo.findCompound(db, b.compound_id) : null;
    return {
      place: buildingPlace(b),
      name: `${k?.name ?? ''}${b.number}栋`,
      tenantId: b.tenant_id,
      active: b.status === 'active',
    };
  }
  const s = await repo.findStation(db, id);
  return s
    ? { place: stationPlace(s), name: s.name, tenantId: s.tenant_id, active: s.status === 'active' }
    : null;
}

/** Display names for many nodes at once (one query per kind present). */
export async function nodeNames(
  deps: Deps,
  refs: { kind: ScopeKind; id: string | null }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const data = await referenceData(deps);
  const db = repo.narrow(deps.db);
  const ids = (k: ScopeKind) => [...new Set(refs.filter((r) => r.kind === k && r.id).map((r) => r.id!))];
  for (const r of data.regions) out.set(r.id, r.name);
  for (const t of data.tenants) out.set(t.id, t.name);
  const [communities, compounds, buildings, stations] = await Promise.all([
    ids('community').length
      ? communityNames(deps).then((all) => ids('community').map((id) => ({ id, name: all.get(id) ?? '' })))
      : [],
    ids('compound').length
      ? db.selectFrom('compound').select(['id', 'name']).where('id', 'in', ids('compound')).execute()
      : [],
    ids('building').length
      ? db
          .selectFrom('building')
          .leftJoin('compound', (j) =>
            j
              .onRef('compound.tenant_id', '=', 'building.tenant_id')
              .onRef('compound.id', '=', 'building.compound_id'),
          )
          .select(['building.id', 'building.number', 'compound.name'])
          .where('building.id', 'in', ids('building'))
          .execute()
      : [],
    ids('station').length
      ? db.selectFrom('station').select(['id', 'name']).where('id', 'in', ids('station')).execute()
      : [],
  ]);
  for (const c of communities) out.set(c.id, c.name);
  for (const c of compounds) out.set(c.id, c.name);
  for (const b of buildings) out.set(b.id, `${b.name ?? ''}${b.number}栋`);
  for (const s of stations) out.set(s.id, s.name);
  return out;
}

/** Every tenant under a region (at any depth), or every tenant for the platform. */
export async function tenantsUnder(deps: Deps, regionId: string | null): Promise<string[]> {
  const data = await referenceData(deps);
  if (regionId === null) return data.tenants.map((t) => t.id);
  const below = new Set([regionId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of data.regions) {
      if (r.parent_id && below.has(r.parent_id) && !below.has(r.id)) {
        below.add(r.id);
        grew = true;
      }
    }
  }
  return data.tenants.filter((t) => below.has(t.region_id)).map((t) => t.id);
}

/** A station's reach: itself, its service points, and every community any of them covers. */
export async function stationReach(deps: Deps, tenantId: string, stationId: string) {
  const db = repo.narrow(deps.db);
  const [stations, cover] = await Promise.all([
    repo.stationsOfTenant(db, tenantId),
    repo.coverageOfTenant(db, tenantId),
  ]);
  const stationIds = new Set([stationId]);
  for (const s of stations) if (s.parent_id === stationId && s.status === 'active') stationIds.add(s.id);
  const communityIds = [
    ...new Set(cover.filter((c) => stationIds.has(c.station_id)).map((c) => c.community_id)),
  ];
  return { stationIds: [...stationIds], communityIds };
}

/**
 * Every community, compound and building of a tenant with the names people write in files
 * (community code, compound name, building number): the resident import resolves places from it.
 */
export async function placeDirectory(deps: Deps, tenantId: string) {
  const db = repo.narrow(deps.db);
  const [communities, compounds, buildings] = await Promise.all([
    repo.listCommunities(db, [tenantId], 'all'),
    repo.compoundsOfTenant(db, tenantId),
    repo.treeBuildingsOfTenant(db, tenantId),
  ]);
  return {
    communities: communities.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      active: c.status === 'active',
    })),
    compounds: compounds.map((k) => ({
      id: k.id,
      communityId: k.community_id,
      name: k.name,
      active: k.status === 'active',
    })),
    buildings: buildings.map((b) => ({
      id: b.id,
      communityId: b.community_id,
      compoundId: b.compound_id,
      number: b.number,
      active: b.status === 'active',
    })),
  };
}

export async function tenantName(deps: Deps, tenantId: string): Promise<string | null> {
  return (await referenceData(deps)).tenants.find((t) => t.id === tenantId)?.name ?? null;
}

export { createBuilding, createCompound } from './places.service';
export { createStation } from './stations.service';
export { createCommunity, createRegion, createTenant, retireCommunity } from './territory.service';

/** A compound's kind and property company (a closed compound's partner in its council's work). */
export async function compoundPartner(
  deps: Deps,
  compoundId: string,
): Promise<{ kind: 'open_old' | 'closed_modern'; propertyCompany: string | null } | null> {
  const k = await repo.findCompound(repo.narrow(deps.db), compoundId);
  return k ? { kind: k.kind, propertyCompany: k.property_company } : null;
}

/** Every tenant's id, township code and name (cached reference data: no query most of the time). */
export async function tenantDirectory(deps: Deps): Promise<{ id: string; code: string; name: string }[]> {
  return (await referenceData(deps)).tenants.map((t) => ({ id: t.id, code: t.code, name: t.name }));
}
