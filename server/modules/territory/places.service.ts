import type { z } from 'zod';
import type {
  BuildingCreate,
  BuildingUpdate,
  CompoundCreate,
  CompoundUpdate,
} from '../../../contracts/territory';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { buildingPlace, communityPlace, compoundPlace } from './territory.policy';
import * as repo from './territory.repository';
import type { BuildingRow, CompoundRow } from './territory.tables';
import { insertNode, newNode, retireNode, updateVersioned } from './territory.writes';

/** A community that new things may be put under: it exists, the caller may write there, it is active. */
async function writableCommunity(deps: Deps, ctx: RequestContext, id: string, path = 'communityId') {
  const c = await repo.findCommunity(repo.narrow(deps.db), null, id);
  if (!c) throw invalid(path, '社区不存在');
  ctx.authorize('territory.write', communityPlace(c), '社区');
  if (c.status !== 'active')
    throw new AppError('territory.parent_retired', '该社区已撤销,不能在其下新建或迁入', [
      { path, message: '社区已撤销' },
    ]);
  return c;
}

async function writableCompound(deps: Deps, ctx: RequestContext, id: string) {
  const k = await repo.findCompound(repo.narrow(deps.db), id);
  if (!k) throw invalid('compoundId', '小区不存在');
  ctx.authorize('territory.write', compoundPlace(k), '小区');
  if (k.status !== 'active')
    throw new AppError('territory.parent_retired', '该小区已撤销', [
      { path: 'compoundId', message: '小区已撤销' },
    ]);
  return k;
}

export async function loadCompound(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  perm: 'territory.read' | 'territory.write',
) {
  const row = await repo.findCompound(repo.narrow(deps.db), id);
  if (!row) throw notFound('小区');
  ctx.authorize(perm, compoundPlace(row), '小区');
  return row;
}

export async function createCompound(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof CompoundCreate>,
) {
  const c = await writableCommunity(deps, ctx, input.communityId);
  const row: CompoundRow = {
    ...newNode(c.tenant_id),
    community_id: c.id,
    name: input.name,
    kind: input.kind,
    property_company: input.propertyCompany,
    address: input.address,
  };
  return repo.toCompound(await insertNode(deps, ctx, 'compound', row));
}

/** Edit a compound; a new communityId moves it, and its buildings move with it. */
export async function updateCompound(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof CompoundUpdate>,
) {
  const before = await loadCompound(deps, ctx, id, 'territory.write');
  const moving = input.communityId && input.communityId !== before.community_id;
  if (moving) {
    const target = await writableCommunity(deps, ctx, input.communityId!);
    if (target.tenant_id !== before.tenant_id)
      throw new AppError('territory.parent_other_tenant', '不能迁到其他街道', [
        { path: 'communityId', message: '属于其他街道' },
      ]);
  }
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      const after = (await updateVersioned(trx, 'compound', before.tenant_id, id, input.version, {
        community_id: input.communityId,
        name: input.name,
        kind: input.kind,
        property_company: input.propertyCompany,
        address: input.address,
      })) as unknown as CompoundRow;
      if (moving) {
        await trx
          .updateTable('building')
          .set({ community_id: after.community_id, updated_at: clock.iso() })
          .where('tenant_id', '=', before.tenant_id)
          .where('compound_id', '=', id)
          .execute();
      }
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: moving ? 'compound.move' : 'compound.update',
        entity: 'compound',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  return repo.toCompound(after);
}

export async function retireCompound(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const before = await loadCompound(deps, ctx, id, 'territory.write');
  const after = await retireNode(deps, ctx, 'compound', before, version, false, (trx) =>
    repo.activeChildren(trx, 'building', 'compound_id', before.tenant_id, id),
  );
  return repo.toCompound(after as unknown as CompoundRow);
}

export async function loadBuilding(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  perm: 'territory.read' | 'territory.write',
) {
  const row = await repo.findBuilding(repo.narrow(deps.db), id);
  if (!row) throw notFound('楼栋');
  ctx.authorize(perm, buildingPlace(row), '楼栋');
  return row;
}

/** Where a building goes: into a compound (and so its community) or loose in a community. */
async function buildingParent(
  deps: Deps,
  ctx: RequestContext,
  communityId: string,
  compoundId: string | null,
) {
  if (compoundId) {
    const k = await writableCompound(deps, ctx, compoundId);
    if (k.community_id !== communityId) throw invalid('compoundId', '该小区不属于所选社区');
    return { tenantId: k.tenant_id, communityId: k.community_id, compoundId: k.id };
  }
  const c = await writableCommunity(deps, ctx, communityId);
  return { tenantId: c.tenant_id, communityId: c.id, compoundId: null };
}

async function assertNumberFree(
  deps: Deps,
  tenantId: string,
  communityId: string,
  compoundId: string | null,
  number: string,
  selfId?: string,
) {
  let q = repo
    .narrow(deps.db)
    .selectFrom('building')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('number', '=', number)
    .where('status', '=', 'active');
  q = compoundId ? q.where('compound_id', '=', compoundId) : q.where('compound_id', 'is', null);
  if (selfId) q = q.where('id', '!=', selfId);
  if (await q.executeTakeFirst()) {
    throw new AppError('platform.duplicate', `楼栋号 ${number} 已存在`, [
      { path: 'number', message: '已存在' },
    ]);
  }
}

export async function createBuilding(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof BuildingCreate>,
) {
  const parent = await buildingParent(deps, ctx, input.communityId, input.compoundId);
  await assertNumberFree(deps, parent.tenantId, parent.communityId, parent.compoundId, input.number);
  const row: BuildingRow = {
    ...newNode(parent.tenantId),
    community_id: parent.communityId,
    compound_id: parent.compoundId,
    number: input.number,
    units: input.units,
    floors: input.floors,
  };
  return repo.toBuilding(await insertNode(deps, ctx, 'building', row));
}

export async function updateBuilding(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof BuildingUpdate>,
) {
  const before = await loadBuilding(deps, ctx, id, 'territory.write');
  const compoundId = input.compoundId !== undefined ? input.compoundId : before.compound_id;
  let communityId = input.communityId ?? before.community_id;
  if (input.compoundId && !input.communityId) {
    const k = await repo.findCompound(repo.narrow(deps.db), input.compoundId);
    if (k) communityId = k.community_id;
  }
  const moving = communityId !== before.community_id || compoundId !== before.compound_id;
  if (moving) {
    const parent = await buildingParent(deps, ctx, communityId, compoundId);
    if (parent.tenantId !== before.tenant_id)
      throw new AppError('territory.parent_other_tenant', '不能迁到其他街道');
  }
  await assertNumberFree(deps, before.tenant_id, communityId, compoundId, input.number ?? before.number, id);
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      const after = (await updateVersioned(trx, 'building', before.tenant_id, id, input.version, {
        community_id: communityId,
        compound_id: compoundId,
        number: input.number,
        units: input.units,
        floors: input.floors,
      })) as unknown as BuildingRow;
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: moving ? 'building.move' : 'building.update',
        entity: 'building',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  return repo.toBuilding(after);
}

export async function retireBuilding(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const before = await loadBuilding(deps, ctx, id, 'territory.write');
  const after = await retireNode(deps, ctx, 'building', before, version, false, async () => 0);
  return repo.toBuilding(after as unknown as BuildingRow);
}
