import type { z } from 'zod';
import type { HouseholdCreate, HouseholdMemberAdd } from '../../../contracts/people';
import type { Place } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { maskName } from '../../platform/masking';
import { findNode } from '../territory/index';
import { MASK } from './people.present';
import { referencedPerson } from './people.refs';
import * as repo from './people.repository';
import type { HouseholdRow } from './people.tables';

const householdPlace = (h: HouseholdRow): Place => ({
  tenantId: h.tenant_id,
  communityId: h.community_id,
  buildingId: h.building_id,
});

async function present(deps: Deps, h: HouseholdRow) {
  const members = await repo
    .narrow(deps.db)
    .selectFrom('household_member')
    .innerJoin('person', (j) =>
      j
        .onRef('person.tenant_id', '=', 'household_member.tenant_id')
        .onRef('person.id', '=', 'household_member.person_id'),
    )
    .select(['household_member.person_id', 'household_member.relation', 'person.name'])
    .where('household_member.tenant_id', '=', h.tenant_id)
    .where('household_member.household_id', '=', h.id)
    .where('household_member.left_at', 'is', null)
    .orderBy('household_member.joined_at')
    .execute();
  return {
    id: h.id,
    tenantId: h.tenant_id,
    communityId: h.community_id,
    buildingId: h.building_id,
    unit: h.unit,
    room: h.room === null ? null : MASK,
    addressFree: h.address_free === null ? null : MASK,
    members: members.map((m) => ({
      personId: m.person_id,
      name: maskName(m.name),
      relation: m.relation,
      isHead: m.relation === 'head',
    })),
    version: h.version,
  };
}

async function load(deps: Deps, ctx: RequestContext, id: string, perm: 'people.read' | 'people.write') {
  const h = await repo
    .narrow(deps.db)
    .selectFrom('household')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!h) throw notFound('户');
  ctx.authorize(perm, householdPlace(h), '户');
  return h;
}

export async function getHousehold(deps: Deps, ctx: RequestContext, id: string) {
  return present(deps, await load(deps, ctx, id, 'people.read'));
}

export async function createHousehold(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof HouseholdCreate>,
) {
  const tenant = await findNode(deps, 'tenant', input.tenantId);
  if (!tenant) throw invalid('tenantId', '街道不存在');
  let communityId: string | null = null;
  if (input.buildingId) {
    const b = await findNode(deps, 'building', input.buildingId);
    if (!b || b.tenantId !== input.tenantId || !b.active) throw invalid('buildingId', '楼栋不存在或已撤销');
    communityId = b.place.communityId ?? null;
  } else if (!input.addressFree) throw invalid('addressFree', '请选择楼栋或填写地址');
  const now = clock.iso();
  const row: HouseholdRow = {
    tenant_id: input.tenantId,
    id: uuidv7(),
    community_id: communityId,
    building_id: input.buildingId,
    unit: input.unit,
    room: input.room,
    address_free: input.addressFree,
    status: 'active',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  ctx.authorize('people.write', householdPlace(row), '楼栋');
  await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('household').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: 'household.create',
        entity: 'household',
        entityId: row.id,
        after: { ...row, room: row.room ? MASK : null, address_free: row.address_free ? MASK : null },
      });
    });
  return present(deps, row);
}

/** Adds a person to a household; they leave their previous household on the same date (history kept). */
export async function addMember(
  deps: Deps,
  ctx: RequestContext,
  householdId: string,
  input: z.output<typeof HouseholdMemberAdd>,
) {
  const h = await load(deps, ctx, householdId, 'people.write');
  const db = repo.narrow(deps.db);
  const p = await referencedPerson(db, ctx, h.tenant_id, input.personId, 'personId', 'people.write');
  if (p.household_id === h.id) throw new AppError('people.already_member', '该居民已在本户');
  const now = clock.iso();
  await db.transaction().execute(async (trx) => {
    if (input.relation === 'head') {
      await trx
        .updateTable('household_member')
        .set({ relation: 'other' })
        .where('tenant_id', '=', h.tenant_id)
        .where('household_id', '=', h.id)
        .where('relation', '=', 'head')
        .where('left_at', 'is', null)
        .execute();
    }
    await trx
      .updateTable('household_member')
      .set({ left_at: now })
      .where('tenant_id', '=', h.tenant_id)
      .where('person_id', '=', p.id)
      .where('left_at', 'is', null)
      .execute();
    await trx
      .insertInto('household_member')
      .values({
        tenant_id: h.tenant_id,
        id: uuidv7(),
        household_id: h.id,
        person_id: p.id,
        relation: input.relation,
        joined_at: now,
        left_at: null,
      })
      .execute();
    await trx
      .updateTable('person')
      .set({ household_id: h.id, updated_at: now, version: p.version + 1 })
      .where('tenant_id', '=', h.tenant_id)
      .where('id', '=', p.id)
      .execute();
    await writeAudit(trx, ctx, {
      tenantId: h.tenant_id,
      action: 'household.member_add',
      entity: 'household',
      entityId: h.id,
      after: { personId: p.id, relation: input.relation, from: p.household_id },
    });
  });
  return present(deps, h);
}
