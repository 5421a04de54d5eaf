import type { z } from 'zod';
import type {
  CommunityCreate,
  CommunityDetail,
  CommunityUpdate,
  Coverage,
  RegionCreate,
  TenantCreate,
  TenantUpdate,
  TerritoryTree,
} from '../../../contracts/territory';
import { isUniqueViolation } from '../../db/dialect';
import { PLATFORM, scopeOf } from '../../platform/access';
import { accessChanged, accessGeneration } from '../../platform/access-cache';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { communityPlace, tenantPlace } from './territory.policy';
import * as repo from './territory.repository';
import type { CommunityRow, RegionRow, TenantRow } from './territory.tables';
import { insertNode, newNode, retireNode, updateVersioned } from './territory.writes';

/** Who works where, supplied by the accounts module (wired in app.ts). */
export interface StaffAt {
  userId: string;
  displayName: string;
  role: string;
  staffKind: string;
  fundingSource: string | null;
  scopeKind: string;
  scopeId: string | null;
}
export interface StaffDirectory {
  staffAt(tenantId: string, role?: string): Promise<StaffAt[]>;
}

type RefData = { gen: number; at: number; regions: RegionRow[]; tenants: TenantRow[] };
let ref: RefData | null = null;

/** Regions and tenants change rarely and are read on every tree: keep them in memory briefly. */
export async function referenceData(deps: Deps): Promise<RefData> {
  if (ref && ref.gen === accessGeneration() && Date.now() - ref.at < 30_000) return ref;
  const db = repo.narrow(deps.db);
  const [regions, tenants] = await Promise.all([repo.allRegions(db), repo.allTenants(db)]);
  ref = { gen: accessGeneration(), at: Date.now(), regions, tenants };
  return ref;
}

const communityCache = new WeakMap<object, { gen: number; at: number; names: Map<string, string> }>();
let namesGen = 0;

/**
 * Every community's name, kept in memory like the reference data (lists in other modules name
 * the community of each row; this saves them a query per page).
 */
export async function communityNames(deps: Deps): Promise<Map<string, string>> {
  const hit = communityCache.get(deps.db);
  if (hit && hit.gen === namesGen && Date.now() - hit.at < 30_000) return hit.names;
  const rows = await repo.narrow(deps.db).selectFrom('community').select(['id', 'name']).execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  communityCache.set(deps.db, { gen: namesGen, at: Date.now(), names });
  return names;
}

/** The region chain above a tenant, province first. */
export function regionChain(data: RefData, regionId: string): RegionRow[] {
  const byId = new Map(data.regions.map((r) => [r.id, r]));
  const out: RegionRow[] = [];
  for (let r = byId.get(regionId); r; r = r.parent_id ? byId.get(r.parent_id) : undefined) out.unshift(r);
  return out;
}

/** Chooses the tenant a request is about: the one asked for, else the caller's home tenant, else their first. */
export async function resolveTenant(
  deps: Deps,
  ctx: RequestContext,
  tenantId: string | undefined,
): Promise<TenantRow> {
  const p = ctx.user();
  const data = await referenceData(deps);
  const reachable = scopeOf(p, 'territory.read');
  const candidates = data.tenants.filter((t) => reachable.all || reachable.tenantIds.has(t.id));
  const id = tenantId ?? (candidates.find((t) => t.id === p.homeTenantId) ?? candidates[0])?.id;
  const tenant = data.tenants.find((t) => t.id === id);
  if (!tenant) throw notFound('街道');
  ctx.authorize('territory.read', tenantPlace(tenant.id), '街道');
  return tenant;
}

export async function listRegions(deps: Deps, ctx: RequestContext) {
  ctx.scoped();
  return (await referenceData(deps)).regions.map(repo.toRegion);
}

export async function createRegion(deps: Deps, ctx: RequestContext, input: z.output<typeof RegionCreate>) {
  ctx.authorize('platform.manage', PLATFORM);
  const db = repo.narrow(deps.db);
  const parent = input.parentId
    ? await db.selectFrom('region').selectAll().where('id', '=', input.parentId).executeTakeFirst()
    : null;
  const expectedParent = { province: null, city: 'province', district: 'city' }[input.level];
  if ((parent?.level ?? null) !== expectedParent) {
    throw new AppError(
      'territory.region_level_invalid',
      `${input.level} 的上级须为 ${expectedParent ?? '无'}`,
      [{ path: 'parentId', message: '上级区划层级不符' }],
    );
  }
  const row: RegionRow = {
    id: uuidv7(),
    parent_id: input.parentId,
    level: input.level,
    code: input.code,
    name: input.name,
    code_vintage: input.codeVintage,
    created_at: clock.iso(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('region').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: null,
        action: 'region.create',
        entity: 'region',
        entityId: row.id,
        after: row,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('territory.code_taken', '该区划代码已存在', [{ path: 'code', message: '已存在' }]);
    throw e;
  }
  accessChanged();
  return repo.toRegion(row);
}

export async function listTenants(deps: Deps, ctx: RequestContext) {
  const s = scopeOf(ctx.scoped(), 'territory.read');
  return (await referenceData(deps)).tenants.filter((t) => s.all || s.tenantIds.has(t.id)).map(repo.toTenant);
}

export async function createTenant(deps: Deps, ctx: RequestContext, input: z.output<typeof TenantCreate>) {
  ctx.authorize('platform.manage', PLATFORM);
  const db = repo.narrow(deps.db);
  const region = await db
    .selectFrom('region')
    .selectAll()
    .where('id', '=', input.regionId)
    .executeTakeFirst();
  if (!region) throw invalid('regionId', '区划不存在');
  if (region.level !== 'district') throw invalid('regionId', '街道/镇须挂在区县之下');
  if (!input.code.startsWith(region.code.slice(0, 6)))
    throw invalid('code', `乡级代码须以所属区县代码 ${region.code.slice(0, 6)} 开头`);
  const now = clock.iso();
  const row: TenantRow = {
    id: uuidv7(),
    region_id: region.id,
    code: input.code,
    name: input.name,
    // Township digits 001–099 are subdistricts (街道); 100 and above towns and townships.
    kind: Number(input.code.slice(6)) < 100 ? 'subdistrict' : 'town',
    status: 'active',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('tenant').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: row.id,
        action: 'tenant.create',
        entity: 'tenant',
        entityId: row.id,
        after: row,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('territory.code_taken', '该街道代码已存在', [{ path: 'code', message: '已存在' }]);
    throw e;
  }
  accessChanged();
  return repo.toTenant(row);
}

export async function updateTenant(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof TenantUpdate>,
) {
  ctx.authorize('platform.manage', PLATFORM);
  const db = repo.narrow(deps.db);
  const row = await db.transaction().execute(async (trx) => {
    const before = await repo.findTenant(trx, id);
    if (!before) throw notFound('街道');
    const after = await updateVersioned(trx, 'tenant', null, id, input.version, { name: input.name });
    await writeAudit(trx, ctx, {
      tenantId: id,
      action: 'tenant.update',
      entity: 'tenant',
      entityId: id,
      before,
      after,
    });
    return after as TenantRow;
  });
  accessChanged();
  return repo.toTenant(row);
}

/** The tenant's communities with their compounds and buildings, in official code order. */
export async function tree(deps: Deps, ctx: RequestContext, tenantId?: string): Promise<TerritoryTree> {
  const tenant = await resolveTenant(deps, ctx, tenantId);
  const db = repo.narrow(deps.db);
  const [communities, compounds, buildings] = await Promise.all([
    repo.listCommunities(db, [tenant.id], 'all'),
    repo.compoundsOfTenant(db, tenant.id),
    repo.treeBuildingsOfTenant(db, tenant.id),
  ]);
  const pickB = (b: (typeof buildings)[number]) => ({
    id: b.id,
    number: b.number,
    units: b.units,
    floors: b.floors,
    status: b.status,
  });
  const sorted = repo.sortBuildings(buildings);
  const byCompound = repo.groupBy(sorted, (b) => b.compound_id);
  const looseByCommunity = repo.groupBy(
    sorted.filter((b) => !b.compound_id),
    (b) => b.community_id,
  );
  const compoundsByCommunity = repo.groupBy(compounds, (k) => k.community_id);
  return {
    tenant: repo.toTenant(tenant),
    regions: regionChain(await referenceData(deps), tenant.region_id).map(repo.toRegion),
    communities: communities.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      status: c.status,
      compounds: (compoundsByCommunity.get(c.id) ?? []).map((k) => ({
        id: k.id,
        name: k.name,
        kind: k.kind,
        propertyCompany: k.property_company,
        status: k.status,
        buildings: (byCompound.get(k.id) ?? []).map(pickB),
      })),
      looseBuildings: (looseByCommunity.get(c.id) ?? []).map(pickB),
    })),
  };
}

export async function listCommunities(
  deps: Deps,
  ctx: RequestContext,
  q: { tenantId?: string; status: 'active' | 'retired' | 'all' },
) {
  const db = repo.narrow(deps.db);
  if (q.tenantId) {
    await resolveTenant(deps, ctx, q.tenantId);
    return (await repo.listCommunities(db, [q.tenantId], q.status)).map(repo.toCommunity);
  }
  const s = scopeOf(ctx.scoped(), 'territory.read');
  return (await repo.listCommunities(db, s.all ? 'all' : [...s.tenantIds], q.status)).map(repo.toCommunity);
}

export async function loadCommunity(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  perm: 'territory.read' | 'territory.write',
) {
  const row = await repo.findCommunity(repo.narrow(deps.db), null, id);
  if (!row) throw notFound('社区');
  ctx.authorize(perm, communityPlace(row), '社区');
  return row;
}

export async function getCommunity(
  deps: Deps,
  staff: StaffDirectory,
  ctx: RequestContext,
  id: string,
): Promise<z.input<typeof CommunityDetail>> {
  const c = await loadCommunity(deps, ctx, id, 'territory.read');
  const db = repo.narrow(deps.db);
  const [compounds, buildings, stations, people] = await Promise.all([
    repo.compoundsOfCommunity(db, c.tenant_id, c.id),
    repo.buildingsOfCommunity(db, c.tenant_id, c.id),
    repo.stationsCovering(db, c.tenant_id, c.id),
    staff.staffAt(c.tenant_id),
  ]);
  return {
    ...repo.toCommunity(c),
    compounds: compounds.map(repo.toCompound),
    buildings: repo.sortBuildings(buildings).map(repo.toBuilding),
    stations,
    workers: people
      .filter((w) => w.scopeKind === 'community' && w.scopeId === c.id)
      .map((w) => ({ userId: w.userId, displayName: w.displayName, role: w.role, staffKind: w.staffKind })),
  };
}

function checkCode(tenant: TenantRow, code: string) {
  if (!code.startsWith(tenant.code)) {
    throw new AppError('territory.code_outside_tenant', `社区代码须以本街道代码 ${tenant.code} 开头`, [
      { path: 'code', message: `须以 ${tenant.code} 开头` },
    ]);
  }
}
const codeTaken = () =>
  new AppError('territory.code_taken', '该社区代码已被使用', [{ path: 'code', message: '已被使用' }]);

export async function createCommunity(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof CommunityCreate>,
) {
  const db = repo.narrow(deps.db);
  const tenant = await repo.findTenant(db, input.tenantId);
  if (!tenant) throw notFound('街道');
  ctx.authorize('territory.write', tenantPlace(tenant.id), '街道');
  checkCode(tenant, input.code);
  const row: CommunityRow = {
    ...newNode(tenant.id),
    code: input.code,
    name: input.name,
    code_vintage: input.codeVintage,
  };
  try {
    await insertNode(deps, ctx, 'community', row);
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken();
    throw e;
  }
  namesGen++;
  return repo.toCommunity(row);
}

export async function updateCommunity(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof CommunityUpdate>,
) {
  const before = await loadCommunity(deps, ctx, id, 'territory.write');
  if (input.code) {
    const tenant = await repo.findTenant(repo.narrow(deps.db), before.tenant_id);
    checkCode(tenant!, input.code);
  }
  try {
    const after = await repo
      .narrow(deps.db)
      .transaction()
      .execute(async (trx) => {
        const after = await updateVersioned(trx, 'community', before.tenant_id, id, input.version, {
          code: input.code,
          name: input.name,
          code_vintage: input.codeVintage,
        });
        await writeAudit(trx, ctx, {
          tenantId: before.tenant_id,
          action: 'community.update',
          entity: 'community',
          entityId: id,
          before,
          after,
        });
        return after as CommunityRow;
      });
    namesGen++;
    return repo.toCommunity(after);
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken();
    throw e;
  }
}

/** Retire a community: refused while it still has active compounds or buildings. */
export async function retireCommunity(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  version: number,
  restore = false,
) {
  const before = await loadCommunity(deps, ctx, id, 'territory.write');
  const after = await retireNode(deps, ctx, 'community', before, version, restore, async (trx) => {
    const n =
      (await repo.activeChildren(trx, 'compound', 'community_id', before.tenant_id, id)) +
      (await repo.activeChildren(trx, 'building', 'community_id', before.tenant_id, id));
    return n;
  });
  namesGen++;
  return repo.toCommunity(after as CommunityRow);
}

/** Which communities have a station or service point, and which an assigned social worker (一社区一社工). */
export async function coverage(
  deps: Deps,
  staff: StaffDirectory,
  ctx: RequestContext,
  tenantId?: string,
): Promise<Coverage> {
  const tenant = await resolveTenant(deps, ctx, tenantId);
  const db = repo.narrow(deps.db);
  const [communities, stations, cover, workers] = await Promise.all([
    repo.listCommunities(db, [tenant.id], 'active'),
    repo.stationsOfTenant(db, tenant.id),
    repo.coverageOfTenant(db, tenant.id),
    staff.staffAt(tenant.id, 'social_worker'),
  ]);
  const activeStations = new Map(stations.filter((s) => s.status === 'active').map((s) => [s.id, s]));
  const rows = communities.map((c) => {
    const st = cover
      .filter((x) => x.community_id === c.id && activeStations.has(x.station_id))
      .map((x) => activeStations.get(x.station_id)!)
      .map((s) => ({ id: s.id, name: s.name, kind: s.kind }));
    const sw = workers
      .filter((w) => w.scopeKind === 'community' && w.scopeId === c.id)
      .map((w) => ({ userId: w.userId, displayName: w.displayName, fundingSource: w.fundingSource }));
    const gaps: ('no_station' | 'no_social_worker')[] = [];
    if (st.length === 0) gaps.push('no_station');
    if (sw.length === 0) gaps.push('no_social_worker');
    return { communityId: c.id, code: c.code, name: c.name, stations: st, socialWorkers: sw, gaps };
  });
  return {
    tenantId: tenant.id,
    summary: {
      communities: rows.length,
      withStation: rows.filter((r) => r.stations.length > 0).length,
      withSocialWorker: rows.filter((r) => r.socialWorkers.length > 0).length,
    },
    rows,
  };
}
