import type { z } from 'zod';
import type { StationCreate, StationUpdate } from '../../../contracts/territory';
import { accessChanged } from '../../platform/access-cache';
import { writeAudit } from '../../platform/audit-writer';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { tenantPlace } from './territory.policy';
import * as repo from './territory.repository';
import { resolveTenant } from './territory.service';
import type { StationRow } from './territory.tables';
import { insertNode, newNode, retireNode, updateVersioned } from './territory.writes';

export async function listStations(deps: Deps, ctx: RequestContext, tenantId?: string) {
  const tenant = await resolveTenant(deps, ctx, tenantId);
  const db = repo.narrow(deps.db);
  const [stations, cover] = await Promise.all([
    repo.stationsOfTenant(db, tenant.id),
    repo.coverageOfTenant(db, tenant.id),
  ]);
  return stations.map((s) =>
    repo.toStation(
      s,
      cover.filter((c) => c.station_id === s.id).map((c) => c.community_id),
    ),
  );
}

async function loadStation(deps: Deps, ctx: RequestContext, id: string) {
  const row = await repo.findStation(repo.narrow(deps.db), id);
  if (!row) throw notFound('社工站/点');
  ctx.authorize('territory.write', tenantPlace(row.tenant_id), '社工站/点');
  return row;
}

/** Checks the parent station and covered communities belong to the tenant and are in use. */
async function checkLinks(
  deps: Deps,
  tenantId: string,
  selfId: string | null,
  parentId: string | null | undefined,
  communityIds: string[] | undefined,
) {
  const db = repo.narrow(deps.db);
  if (parentId) {
    const parent = await repo.findStation(db, parentId);
    if (!parent || parent.tenant_id !== tenantId) throw invalid('parentId', '上级社工站不存在');
    if (parent.kind !== 'station') throw invalid('parentId', '上级须为社工站');
    if (parent.id === selfId) throw invalid('parentId', '不能以自己为上级');
  }
  if (communityIds && communityIds.length > 0) {
    const unique = [...new Set(communityIds)];
    const found = await db
      .selectFrom('community')
      .select(['id', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', unique)
      .execute();
    const missing = unique.filter((id) => !found.some((f) => f.id === id && f.status === 'active'));
    if (missing.length > 0) {
      const i = communityIds.indexOf(missing[0]!);
      throw invalid(`communityIds.${i}`, '社区不存在、已撤销或不属于本街道');
    }
  }
}

async function writeCoverage(trx: repo.Tx, tenantId: string, stationId: string, communityIds: string[]) {
  await trx
    .deleteFrom('station_community')
    .where('tenant_id', '=', tenantId)
    .where('station_id', '=', stationId)
    .execute();
  const unique = [...new Set(communityIds)];
  if (unique.length > 0) {
    await trx
      .insertInto('station_community')
      .values(
        unique.map((c) => ({ tenant_id: tenantId, id: uuidv7(), station_id: stationId, community_id: c })),
      )
      .execute();
  }
}

export async function createStation(deps: Deps, ctx: RequestContext, input: z.output<typeof StationCreate>) {
  const tenant = await repo.findTenant(repo.narrow(deps.db), input.tenantId);
  if (!tenant) throw notFound('街道');
  ctx.authorize('territory.write', tenantPlace(tenant.id), '街道');
  if (input.kind === 'station' && input.parentId) throw invalid('parentId', '社工站不设上级');
  await checkLinks(deps, tenant.id, null, input.parentId, input.communityIds);
  const row: StationRow = {
    ...newNode(tenant.id),
    kind: input.kind,
    parent_id: input.parentId,
    name: input.name,
    established_on: input.establishedOn,
    address: input.address,
  };
  await insertNode(deps, ctx, 'station', row, {
    alsoWithin: (trx) => writeCoverage(trx, tenant.id, row.id, input.communityIds),
    auditAfter: { ...row, communityIds: input.communityIds },
  });
  accessChanged();
  return repo.toStation(row, [...new Set(input.communityIds)]);
}

/** Edit a station; `communityIds`, when given, replaces the set of communities it covers. */
export async function updateStation(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof StationUpdate>,
) {
  const before = await loadStation(deps, ctx, id);
  if (before.kind === 'station' && input.parentId) throw invalid('parentId', '社工站不设上级');
  await checkLinks(deps, before.tenant_id, id, input.parentId, input.communityIds);
  const db = repo.narrow(deps.db);
  const result = await db.transaction().execute(async (trx) => {
    const oldCover = await repo.coverageOfStation(trx, before.tenant_id, id);
    const after = (await updateVersioned(trx, 'station', before.tenant_id, id, input.version, {
      parent_id: input.parentId,
      name: input.name,
      established_on: input.establishedOn,
      address: input.address,
    })) as unknown as StationRow;
    if (input.communityIds) await writeCoverage(trx, before.tenant_id, id, input.communityIds);
    const cover = input.communityIds ? [...new Set(input.communityIds)] : oldCover;
    await writeAudit(trx, ctx, {
      tenantId: before.tenant_id,
      action: 'station.update',
      entity: 'station',
      entityId: id,
      before: { ...before, communityIds: oldCover },
      after: { ...after, communityIds: cover },
    });
    return repo.toStation(after, cover);
  });
  accessChanged();
  return result;
}

export async function retireStation(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const before = await loadStation(deps, ctx, id);
  const after = (await retireNode(deps, ctx, 'station', before, version, false, (trx) =>
    repo.activeChildren(trx, 'station', 'parent_id', before.tenant_id, id),
  )) as unknown as StationRow;
  accessChanged();
  return repo.toStation(after, await repo.coverageOfStation(repo.narrow(deps.db), before.tenant_id, id));
}
