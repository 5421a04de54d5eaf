import type { z } from 'zod';
import type {
  BodyCreate,
  BodyQuery,
  GovBodyDetail,
  MemberCreate,
  MemberEnd,
} from '../../../contracts/governance';
import { scopeOf } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { maskedNames } from '../people/index';
import { compoundPartner } from '../territory/index';
import { recordPlace } from './governance.policy';
import { type BodyRow, type GovTx, type MemberRow, narrow } from './governance.tables';
import { resolvePlace, resolveTenant } from './places';
import { peopleInReach } from './references';

type Out<T extends z.ZodType> = z.output<T>;

export async function loadBody(db: GovTx, id: string) {
  const b = await db.selectFrom('gov_body').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) throw notFound('议事机构');
  return b;
}

const toMember = (m: MemberRow, names: Map<string, string>) => ({
  id: m.id,
  personId: m.person_id,
  name: names.get(m.person_id) ?? '***',
  position: m.position,
  positionNote: m.position_note,
  termStart: m.term_start,
  termEnd: m.term_end,
  leftOn: m.left_on,
  leftReason: m.left_reason,
});

async function presentBody(deps: Deps, b: BodyRow): Promise<Out<typeof GovBodyDetail>> {
  const db = narrow(deps.db);
  const members = await db
    .selectFrom('gov_member')
    .selectAll()
    .where('tenant_id', '=', b.tenant_id)
    .where('body_id', '=', b.id)
    .orderBy('term_start')
    .orderBy('id')
    .execute();
  const names = await maskedNames(
    deps,
    b.tenant_id,
    members.map((m) => m.person_id),
  );
  const partner =
    b.compound_id && b.owner_kind === 'compound' ? await compoundPartner(deps, b.compound_id) : null;
  const current = members.filter((m) => !m.left_on);
  return {
    id: b.id,
    tenantId: b.tenant_id,
    kind: b.kind,
    name: b.name,
    ownerKind: b.owner_kind,
    ownerId: b.owner_id,
    placeName: b.place_name,
    propertyCompany: partner?.kind === 'closed_modern' ? partner.propertyCompany : null,
    memberCount: current.length,
    version: b.version,
    members: current.map((m) => toMember(m, names)),
    history: members.filter((m) => m.left_on).map((m) => toMember(m, names)),
  };
}

export async function createBody(deps: Deps, ctx: RequestContext, input: Out<typeof BodyCreate>) {
  const place =
    input.ownerKind === 'tenant'
      ? await resolveTenant(deps, input.ownerId)
      : await resolvePlace(deps, { [`${input.ownerKind}Id`]: input.ownerId }, 'ownerId');
  ctx.authorize('governance.meet', place.place, '地点');
  if (place.tenant_id !== input.tenantId) throw invalid('ownerId', '该地点不属于该街道');
  const now = clock.iso();
  const row: BodyRow = {
    tenant_id: input.tenantId,
    id: uuidv7(),
    kind: input.kind,
    name: input.name,
    owner_kind: input.ownerKind,
    owner_id: input.ownerId,
    community_id: place.community_id,
    compound_id: place.compound_id,
    building_id: place.building_id,
    place_name: place.place_name,
    status: 'active',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('gov_body').values(row).execute();
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: 'governance.body.create',
        entity: 'gov_body',
        entityId: row.id,
        after: { kind: row.kind, name: row.name, owner: `${row.owner_kind}:${row.owner_id}` },
      });
    });
  return presentBody(deps, row);
}

export async function getBody(deps: Deps, ctx: RequestContext, id: string) {
  const b = await loadBody(narrow(deps.db), id);
  ctx.authorize('governance.read', recordPlace(b), '议事机构');
  return presentBody(deps, b);
}

/** Bodies in the caller's governance.read scope, with their current member counts (one query). */
export async function listBodies(deps: Deps, ctx: RequestContext, q: Out<typeof BodyQuery>) {
  const p = ctx.scoped();
  const s = scopeOf(p, 'governance.read');
  const db = narrow(deps.db);
  let query = db
    .selectFrom('gov_body')
    .selectAll('gov_body')
    .select((eb) =>
      eb
        .selectFrom('gov_member')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('gov_member.tenant_id', '=', 'gov_body.tenant_id')
        .whereRef('gov_member.body_id', '=', 'gov_body.id')
        .where('gov_member.left_on', 'is', null)
        .as('member_count'),
    )
    .where('gov_body.tenant_id', '=', q.tenantId)
    .where('gov_body.status', '=', 'active');
  if (!s.all && !s.tenantIds.has(q.tenantId)) {
    const ors = [
      ...(s.communityIds.size ? [['community_id', [...s.communityIds]] as const] : []),
      ...(s.compoundIds.size ? [['compound_id', [...s.compoundIds]] as const] : []),
      ...(s.buildingIds.size ? [['building_id', [...s.buildingIds]] as const] : []),
    ];
    if (ors.length === 0) return { items: [], nextCursor: null };
    query = query.where((eb) => eb.or(ors.map(([col, ids]) => eb(`gov_body.${col}`, 'in', ids))));
  }
  if (q.kind) query = query.where('gov_body.kind', '=', q.kind);
  const c = decodeCursor(q.cursor, ['uuid']);
  if (c) query = query.where('gov_body.id', '>', c[0]);
  const rows = await query
    .orderBy('gov_body.id')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  return {
    items: items.map((b) => ({
      id: b.id,
      tenantId: b.tenant_id,
      kind: b.kind,
      name: b.name,
      ownerKind: b.owner_kind,
      ownerId: b.owner_id,
      placeName: b.place_name,
      propertyCompany: null,
      memberCount: Number(b.member_count ?? 0),
      version: b.version,
    })),
    nextCursor: rows.length > q.limit && items.length ? encodeCursor([items[items.length - 1]!.id]) : null,
  };
}

export async function addMember(
  deps: Deps,
  ctx: RequestContext,
  bodyId: string,
  input: Out<typeof MemberCreate>,
) {
  const db = narrow(deps.db);
  const b = await loadBody(db, bodyId);
  ctx.authorize('governance.meet', recordPlace(b), '议事机构');
  await peopleInReach(deps, ctx, b.tenant_id, [input.personId], 'personId');
  if (input.termEnd && input.termEnd < input.termStart) throw invalid('termEnd', '任期结束不能早于开始');
  const already = await db
    .selectFrom('gov_member')
    .select('id')
    .where('tenant_id', '=', b.tenant_id)
    .where('body_id', '=', b.id)
    .where('person_id', '=', input.personId)
    .where('left_on', 'is', null)
    .executeTakeFirst();
  if (already) throw new AppError('governance.already_member', '此人已是该机构的在任成员');
  const row: MemberRow = {
    tenant_id: b.tenant_id,
    id: uuidv7(),
    body_id: b.id,
    person_id: input.personId,
    position: input.position,
    position_note: input.positionNote ?? null,
    term_start: input.termStart,
    term_end: input.termEnd ?? null,
    left_on: null,
    left_reason: null,
    created_at: clock.iso(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('gov_member').values(row).execute();
    await writeAudit(trx, ctx, {
      tenantId: b.tenant_id,
      action: 'governance.member.add',
      entity: 'gov_member',
      entityId: row.id,
      after: { bodyId: b.id, personId: row.person_id, position: row.position, termStart: row.term_start },
    });
  });
  return presentBody(deps, b);
}

export async function endMember(
  deps: Deps,
  ctx: RequestContext,
  memberId: string,
  input: Out<typeof MemberEnd>,
) {
  const db = narrow(deps.db);
  const m = await db.selectFrom('gov_member').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!m) throw notFound('成员');
  const b = await loadBody(db, m.body_id);
  ctx.authorize('governance.meet', recordPlace(b), '议事机构');
  if (m.left_on) throw new AppError('governance.member_left', '该成员已卸任');
  if (input.leftOn < m.term_start) throw invalid('leftOn', '卸任日期不能早于任期开始');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('gov_member')
      .set({ left_on: input.leftOn, left_reason: input.reason })
      .where('tenant_id', '=', m.tenant_id)
      .where('id', '=', m.id)
      .execute();
    await writeAudit(trx, ctx, {
      tenantId: m.tenant_id,
      action: 'governance.member.end',
      entity: 'gov_member',
      entityId: m.id,
      before: { leftOn: null },
      after: { leftOn: input.leftOn, reason: input.reason },
    });
  });
  return presentBody(deps, b);
}
