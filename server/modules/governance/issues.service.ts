import type { z } from 'zod';
import {
  CLOSED_STATUSES,
  ESCALATABLE,
  ISSUE_TRANSITIONS,
  type Issue,
  type IssueBoardQuery,
  type IssueCreate,
  type IssueLevel,
  type IssueStatus,
  type IssueSummary,
  type IssueTransition,
  type PublicIssue,
  type PublicIssueQuery,
} from '../../../contracts/governance';
import { decide, scopeOf } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { Actor, RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { maskName } from '../../platform/masking';
import { compoundPartner } from '../territory/index';
import { categoriesOf, deadlineFrom } from './categories.service';
import { levelPlace, nextLevel, recordPlace, startLevel } from './governance.policy';
import { type CategoryRow, type GovTx, type IssueRow, narrow } from './governance.tables';
import { resolvePlace } from './places';
import { readable } from './references';

type Out<T extends z.ZodType> = z.output<T>;

const LEVEL_ZH: Record<IssueLevel, string> = {
  building: '楼栋',
  compound: '小区',
  community: '社区',
  subdistrict: '街道',
};
export const STATUS_ZH: Record<IssueStatus, string> = {
  reported: '已反映',
  accepted: '已受理',
  rejected: '不予受理',
  merged: '已合并',
  in_deliberation: '议事中',
  action_underway: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  reopened: '重新打开',
};

/** Anonymous to the public; masked otherwise. Handlers see the masked name either way. */
const shownReporter = (r: IssueRow, toHandler: boolean) =>
  r.anonymous && !toHandler ? '匿名居民' : r.reporter_name ? maskName(r.reporter_name) : '匿名居民';

export function toSummary(
  r: IssueRow & { category_name: string },
  viewer: string | null,
  toHandler: boolean,
): Out<typeof IssueSummary> {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    number: r.number,
    title: r.title,
    categoryId: r.category_id,
    categoryName: r.category_name,
    status: r.status,
    level: r.level,
    placeName: r.place_name,
    communityId: r.community_id,
    compoundId: r.compound_id,
    buildingId: r.building_id,
    levelDeadlineAt: r.level_deadline_at,
    assignedTo: r.assigned_to,
    reporterName: shownReporter(r, toHandler),
    mine: !!viewer && r.reporter_user_id === viewer,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export const toPublic = (r: IssueRow & { category_name: string }): Out<typeof PublicIssue> => ({
  id: r.id,
  number: r.number,
  title: r.title,
  categoryName: r.category_name,
  status: r.status,
  level: r.level,
  placeName: r.place_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Issues joined with their category's name (one query for a page). */
const issuesWithCategory = (db: GovTx) =>
  db
    .selectFrom('gov_issue')
    .innerJoin('gov_category', (j) =>
      j
        .onRef('gov_category.tenant_id', '=', 'gov_issue.tenant_id')
        .onRef('gov_category.id', '=', 'gov_issue.category_id'),
    )
    .selectAll('gov_issue')
    .select('gov_category.name as category_name');

type IssueQuery = ReturnType<typeof issuesWithCategory>;
type IssueWithCategory = Awaited<ReturnType<IssueQuery['executeTakeFirstOrThrow']>>;

/** A page of issues newest first, keyset on (created_at, id); the cursor is opaque to callers. */
async function newestFirst<T>(
  query: IssueQuery,
  q: { cursor?: string; limit: number },
  present: (r: IssueWithCategory) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const c = dec(q.cursor);
  if (q.cursor && !c) throw invalid('cursor', '翻页标记无效');
  const page = c
    ? query.where((eb) =>
        eb.or([
          eb('gov_issue.created_at', '<', c[0]),
          eb.and([eb('gov_issue.created_at', '=', c[0]), eb('gov_issue.id', '<', c[1])]),
        ]),
      )
    : query;
  const rows = await page
    .orderBy('gov_issue.created_at', 'desc')
    .orderBy('gov_issue.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(present),
    nextCursor: rows.length > q.limit && last ? enc([last.created_at, last.id]) : null,
  };
}

export async function loadIssue(db: GovTx, id: string) {
  const r = await issuesWithCategory(db).where('gov_issue.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('诉求');
  return r;
}

/** Reading an issue: its reporter always may; otherwise governance.read where it sits. */
function authorizeRead(ctx: RequestContext, r: IssueRow) {
  const p = ctx.user();
  if (r.reporter_user_id && r.reporter_user_id === p.userId) return ctx.authorizeSelf();
  return ctx.authorize('governance.read', recordPlace(r), '诉求');
}

/** A handler may act on the issue only at its current level. */
const mayHandle = (ctx: RequestContext, r: IssueRow) =>
  !!ctx.principal && decide(ctx.principal, 'governance.handle', levelPlace(r, r.level)) === 'allow';
const isReporter = (ctx: RequestContext, r: IssueRow) =>
  !!ctx.principal && !!r.reporter_user_id && r.reporter_user_id === ctx.principal.userId;

/** The moves the caller may make now (drives buttons; the same rules are checked on every write). */
function allowedMoves(ctx: RequestContext, r: IssueRow): IssueStatus[] {
  const handler = mayHandle(ctx, r);
  const reporter = isReporter(ctx, r) || (!r.reporter_user_id && handler);
  return ISSUE_TRANSITIONS[r.status].filter((to) => {
    if (to === 'confirmed') return reporter;
    if (to === 'reopened') return reporter || handler;
    return handler;
  });
}

export async function presentIssue(
  deps: Deps,
  ctx: RequestContext,
  r: IssueRow & { category_name: string },
): Promise<Out<typeof Issue>> {
  const db = narrow(deps.db);
  const [events, actions, partner] = await Promise.all([
    db
      .selectFrom('gov_issue_event')
      .selectAll()
      .where('tenant_id', '=', r.tenant_id)
      .where('issue_id', '=', r.id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('gov_action_item')
      .selectAll()
      .where('tenant_id', '=', r.tenant_id)
      .where('issue_id', '=', r.id)
      .orderBy('created_at')
      .execute(),
    r.compound_id ? compoundPartner(deps, r.compound_id) : Promise.resolve(null),
  ]);
  const handler = mayHandle(ctx, r);
  const readsAsHandler =
    !!ctx.principal && decide(ctx.principal, 'governance.read', recordPlace(r)) === 'allow';
  const category = await narrow(deps.db)
    .selectFrom('gov_category')
    .select('property_service')
    .where('tenant_id', '=', r.tenant_id)
    .where('id', '=', r.category_id)
    .executeTakeFirst();
  const open = !CLOSED_STATUSES.includes(r.status) && r.status !== 'resolved';
  return {
    ...toSummary(r, ctx.principal?.userId ?? null, readsAsHandler),
    description: r.description,
    anonymous: !!r.anonymous,
    source: r.source,
    duplicateOf: r.duplicate_of,
    rejectReason: r.reject_reason,
    rating: r.rating,
    ratingComment: r.rating_comment,
    address: r.address,
    trail: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      // The reporter's own moves show their name as the reporter field does (masked, or 匿名).
      actorName:
        e.actor_user_id && e.actor_user_id === r.reporter_user_id
          ? shownReporter(r, readsAsHandler)
          : e.actor_name,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      fromLevel: e.from_level,
      toLevel: e.to_level,
      note: e.note,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      ownerName: a.owner_name,
      dueOn: a.due_on,
      status: a.status,
    })),
    can: {
      transitions: allowedMoves(ctx, r),
      escalate: handler && open && r.level !== 'subdistrict',
      assignProperty:
        handler &&
        open &&
        !!category?.property_service &&
        partner?.kind === 'closed_modern' &&
        !!partner.propertyCompany &&
        r.assigned_to !== partner.propertyCompany,
      rate: isReporter(ctx, r) && (r.status === 'resolved' || r.status === 'confirmed') && r.rating === null,
    },
  };
}

interface EventInput {
  kind: string;
  fromStatus?: IssueStatus | null;
  toStatus?: IssueStatus | null;
  fromLevel?: IssueLevel | null;
  toLevel?: IssueLevel | null;
  note?: string | null;
}

/** Every move is a row on the issue's trail and an audit entry, in the caller's transaction. */
export async function recordEvent(trx: GovTx, actor: Actor, r: IssueRow, e: EventInput): Promise<void> {
  await trx
    .insertInto('gov_issue_event')
    .values({
      tenant_id: r.tenant_id,
      id: uuidv7(),
      issue_id: r.id,
      at: clock.iso(),
      kind: e.kind,
      actor_user_id: actor.userId || null,
      actor_name: actor.displayName,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      from_level: e.fromLevel ?? null,
      to_level: e.toLevel ?? null,
      note: e.note ?? null,
    })
    .execute();
  await writeAudit(trx, actor, {
    tenantId: r.tenant_id,
    action: `governance.issue.${e.kind}`,
    entity: 'gov_issue',
    entityId: r.id,
    before: { status: e.fromStatus ?? r.status, level: e.fromLevel ?? r.level },
    after: { status: e.toStatus ?? r.status, level: e.toLevel ?? r.level },
  });
}

/** Writes a new state of the issue if nobody changed it meanwhile (409 otherwise). */
async function saveIssue(trx: GovTx, r: IssueRow, set: Partial<IssueRow>): Promise<IssueRow> {
  const next = { ...r, ...set, updated_at: clock.iso(), version: r.version + 1 };
  const res = await trx
    .updateTable('gov_issue')
    .set({ ...set, updated_at: next.updated_at, version: next.version })
    .where('tenant_id', '=', r.tenant_id)
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
  return next;
}

const illegal = (from: IssueStatus, to: IssueStatus) =>
  new AppError('governance.illegal_transition', `诉求当前为"${STATUS_ZH[from]}",不能改为"${STATUS_ZH[to]}"`, [
    { path: 'to', message: `不允许从 ${from} 到 ${to}` },
  ]);

/**
 * The one place a status changes (by a person, a meeting, an action item or the system). Checks
 * the workflow table; the caller has checked who may make the move.
 */
export async function moveIssue(
  trx: GovTx,
  actor: Actor,
  r: IssueRow,
  to: IssueStatus,
  extra: { note?: string | null; set?: Partial<IssueRow>; kind?: string } = {},
): Promise<IssueRow> {
  if (!ISSUE_TRANSITIONS[r.status].includes(to)) throw illegal(r.status, to);
  const set: Partial<IssueRow> = { status: to, ...extra.set };
  if (to === 'reopened') {
    const cat = await trx
      .selectFrom('gov_category')
      .selectAll()
      .where('tenant_id', '=', r.tenant_id)
      .where('id', '=', r.category_id)
      .executeTakeFirstOrThrow();
    set.level_deadline_at = deadlineFrom(cat, r.level, clock.now());
  }
  const next = await saveIssue(trx, r, set);
  await recordEvent(trx, actor, r, {
    kind: extra.kind ?? to,
    fromStatus: r.status,
    toStatus: to,
    note: extra.note ?? null,
  });
  return next;
}

function issueNumber(now: Date, id: string) {
  const d = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${d}-${id.replace(/-/g, '').slice(-6).toUpperCase()}`;
}

export interface NewIssue {
  tenantId: string;
  buildingId?: string;
  compoundId?: string;
  communityId?: string;
  categoryId: string;
  title: string;
  description: string;
  anonymous: boolean;
  address?: string | null;
  source?: 'web' | 'open311';
  sourceToken?: string | null;
  reporterName?: string | null;
}

/**
 * Records a reported issue at its place's level, with the level's deadline; a property-service
 * issue in a closed compound goes to the compound's property company at once.
 */
export async function createIssue(
  deps: Deps,
  actor: Actor,
  input: NewIssue,
  authorize: (place: ReturnType<typeof recordPlace>) => void,
): Promise<IssueRow> {
  const place = await resolvePlace(deps, input);
  authorize(place.place);
  if (place.tenant_id !== input.tenantId) throw invalid('tenantId', '地点不属于该街道');
  const categories = await categoriesOf(deps, input.tenantId);
  const cat = categories.find((c) => c.id === input.categoryId);
  if (!cat?.active) throw invalid('categoryId', '没有这个诉求类别');
  const partner =
    cat.property_service && place.compound_id ? await compoundPartner(deps, place.compound_id) : null;
  const assigned =
    partner?.kind === 'closed_modern' && partner.propertyCompany ? partner.propertyCompany : null;
  const now = clock.now();
  const id = uuidv7();
  const level = startLevel(place);
  const row: IssueRow = {
    tenant_id: input.tenantId,
    id,
    number: issueNumber(now, id),
    category_id: cat.id,
    title: input.title,
    description: input.description,
    community_id: place.community_id,
    compound_id: place.compound_id,
    building_id: place.building_id,
    place_name: place.place_name,
    level,
    status: 'reported',
    level_deadline_at: deadlineFrom(cat, level, now),
    reporter_user_id: actor.userId || null,
    reporter_name: input.reporterName ?? actor.displayName ?? '',
    anonymous: input.anonymous ? 1 : 0,
    source: input.source ?? 'web',
    source_token: input.sourceToken ?? null,
    address: input.address ?? null,
    duplicate_of: null,
    reject_reason: null,
    assigned_to: assigned,
    rating: null,
    rating_comment: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
  await narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('gov_issue').values(row).execute();
      await recordEvent(trx, actor, row, {
        kind: 'reported',
        toStatus: 'reported',
        toLevel: level,
        note: input.source === 'open311' ? '经 Open311 接口反映' : null,
      });
      if (assigned) await recordEvent(trx, actor, row, { kind: 'assigned', note: `交由物业:${assigned}` });
    });
  return row;
}

export async function reportIssue(deps: Deps, ctx: RequestContext, input: Out<typeof IssueCreate>) {
  const row = await createIssue(deps, ctx, input, (place) =>
    ctx.authorize('governance.report', place, '地点'),
  );
  return presentIssue(deps, ctx, await loadIssue(narrow(deps.db), row.id));
}

export async function getIssue(deps: Deps, ctx: RequestContext, id: string) {
  const r = await loadIssue(narrow(deps.db), id);
  authorizeRead(ctx, r);
  return presentIssue(deps, ctx, r);
}

const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function dec(c: string | undefined): [string, string] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')
      ? (v as [string, string])
      : null;
  } catch {
    return null;
  }
}

/**
 * The issue board: `mine` is what the caller reported; the other views are issues in the caller's
 * governance.read scope (optionally at one place), `building|compound|community` those currently
 * at that level. Newest first, keyset-paged, one query.
 */
export async function listIssues(deps: Deps, ctx: RequestContext, q: Out<typeof IssueBoardQuery>) {
  const p = ctx.scoped();
  const db = narrow(deps.db);
  let query = issuesWithCategory(db).where('gov_issue.tenant_id', '=', q.tenantId);
  const s = scopeOf(p, 'governance.read');
  if (q.view === 'mine') {
    query = query.where('gov_issue.reporter_user_id', '=', p.userId);
  } else {
    if (!s.all && !s.tenantIds.has(q.tenantId)) {
      const ors = [
        ...(s.communityIds.size ? [['community_id', [...s.communityIds]] as const] : []),
        ...(s.compoundIds.size ? [['compound_id', [...s.compoundIds]] as const] : []),
        ...(s.buildingIds.size ? [['building_id', [...s.buildingIds]] as const] : []),
      ];
      if (ors.length === 0) return { items: [], nextCursor: null };
      query = query.where((eb) => eb.or(ors.map(([col, ids]) => eb(`gov_issue.${col}`, 'in', ids))));
    }
    if (q.view !== 'all') query = query.where('gov_issue.level', '=', q.view);
  }
  if (q.placeId) {
    const id = q.placeId;
    query = query.where((eb) =>
      eb.or([
        eb('gov_issue.building_id', '=', id),
        eb('gov_issue.compound_id', '=', id),
        eb('gov_issue.community_id', '=', id),
      ]),
    );
  }
  if (q.status) query = query.where('gov_issue.status', '=', q.status);
  if (q.level) query = query.where('gov_issue.level', '=', q.level);
  if (q.categoryId) query = query.where('gov_issue.category_id', '=', q.categoryId);
  if (q.open === 'true') query = query.where('gov_issue.status', 'not in', [...CLOSED_STATUSES]);
  if (q.open === 'false') query = query.where('gov_issue.status', 'in', [...CLOSED_STATUSES]);
  return newestFirst(query, q, (r) =>
    toSummary(r, p.userId, q.view !== 'mine' || decide(p, 'governance.read', recordPlace(r)) === 'allow'),
  );
}

/** Issues everyone in the tenant may see: accepted and beyond, never who reported them. */
export async function publicIssues(deps: Deps, ctx: RequestContext, q: Out<typeof PublicIssueQuery>) {
  ctx.authorize('governance.public', { tenantId: q.tenantId }, '街道');
  let query = issuesWithCategory(narrow(deps.db))
    .where('gov_issue.tenant_id', '=', q.tenantId)
    .where('gov_issue.status', 'not in', ['reported', 'rejected', 'merged']);
  if (q.status) query = query.where('gov_issue.status', '=', q.status);
  return newestFirst(query, q, toPublic);
}

/** Open issues of the same category at the same place from the last 30 days. */
export async function duplicates(
  deps: Deps,
  ctx: RequestContext,
  q: { tenantId: string; categoryId: string; buildingId?: string; compoundId?: string; communityId?: string },
) {
  const place = await resolvePlace(deps, q);
  ctx.authorize('governance.report', place.place, '地点');
  const since = new Date(clock.now().getTime() - 30 * 86_400_000).toISOString();
  let query = issuesWithCategory(narrow(deps.db))
    .where('gov_issue.tenant_id', '=', place.tenant_id)
    .where('gov_issue.category_id', '=', q.categoryId)
    .where('gov_issue.created_at', '>=', since)
    .where('gov_issue.status', 'not in', [...CLOSED_STATUSES]);
  query = place.building_id
    ? query.where('gov_issue.building_id', '=', place.building_id)
    : place.compound_id
      ? query.where('gov_issue.compound_id', '=', place.compound_id)
      : query.where('gov_issue.community_id', '=', place.community_id);
  const rows = await query.orderBy('gov_issue.created_at', 'desc').limit(10).execute();
  return rows.map(toPublic);
}

export async function transitionIssue(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: Out<typeof IssueTransition>,
) {
  const db = narrow(deps.db);
  const r = await loadIssue(db, id);
  authorizeRead(ctx, r);
  const reporter = isReporter(ctx, r);
  const handler = mayHandle(ctx, r);
  const mayMove =
    input.to === 'confirmed'
      ? reporter || (!r.reporter_user_id && handler)
      : input.to === 'reopened'
        ? reporter || handler
        : handler;
  if (!mayMove) throw forbidden();
  if (r.version !== input.version) throw versionConflict();
  if (!ISSUE_TRANSITIONS[r.status].includes(input.to)) throw illegal(r.status, input.to);
  const set: Partial<IssueRow> = {};
  if (input.to === 'rejected') {
    if (!input.reason) throw invalid('reason', '不予受理须说明理由');
    set.reject_reason = input.reason;
  }
  if (input.to === 'merged') {
    if (!input.duplicateOf) throw invalid('duplicateOf', '须指明与哪件诉求重复');
    if (input.duplicateOf === r.id) throw invalid('duplicateOf', '不能与自身合并');
    // The issue it duplicates must be one the caller can see (not another community's, unseen).
    await readable(db, ctx, 'gov_issue', r.tenant_id, input.duplicateOf, 'duplicateOf');
    const target = await db
      .selectFrom('gov_issue')
      .select(['id', 'status', 'tenant_id'])
      .where('tenant_id', '=', r.tenant_id)
      .where('id', '=', input.duplicateOf)
      .executeTakeFirst();
    if (!target || target.status === 'merged' || target.status === 'rejected')
      throw invalid('duplicateOf', '被合并的诉求不存在或已关闭');
    set.duplicate_of = target.id;
  }
  await db
    .transaction()
    .execute((trx) => moveIssue(trx, ctx, r, input.to, { note: input.reason ?? null, set }));
  return presentIssue(deps, ctx, await loadIssue(db, id));
}

/** One level up, with that level's deadline (none at the subdistrict). */
async function escalateRow(
  trx: GovTx,
  actor: Actor,
  r: IssueRow,
  cat: CategoryRow,
  note: string,
  auto: boolean,
) {
  const to = nextLevel(r, r.level);
  if (!to) throw new AppError('governance.top_level', '诉求已在街道层级,不能再提级');
  const next = await saveIssue(trx, r, {
    level: to,
    level_deadline_at: deadlineFrom(cat, to, clock.now()),
  });
  await recordEvent(trx, actor, r, {
    kind: auto ? 'escalated_deadline' : 'escalated',
    fromLevel: r.level,
    toLevel: to,
    note,
  });
  return next;
}

export async function escalateIssue(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { reason: string; version: number },
) {
  const db = narrow(deps.db);
  const r = await loadIssue(db, id);
  authorizeRead(ctx, r);
  ctx.authorize('governance.handle', levelPlace(r, r.level), '诉求');
  if (r.version !== input.version) throw versionConflict();
  if (![...ESCALATABLE, 'action_underway'].includes(r.status))
    throw new AppError('governance.not_escalatable', `诉求当前为"${STATUS_ZH[r.status]}",不能提级`);
  const cat = await db
    .selectFrom('gov_category')
    .selectAll()
    .where('tenant_id', '=', r.tenant_id)
    .where('id', '=', r.category_id)
    .executeTakeFirstOrThrow();
  await db.transaction().execute((trx) => escalateRow(trx, ctx, r, cat, input.reason, false));
  return presentIssue(deps, ctx, await loadIssue(db, id));
}

/**
 * The deadline sweep: every issue still waiting at its level after its category's deadline moves
 * one level up (one issue per transaction; a racing change is skipped and caught next time).
 */
export async function escalateOverdue(deps: Deps, actor: Actor, tenantId?: string): Promise<number> {
  const db = narrow(deps.db);
  let q = db
    .selectFrom('gov_issue')
    .selectAll()
    .where('level_deadline_at', '<', clock.iso())
    .where('status', 'in', [...ESCALATABLE])
    .where('level', '!=', 'subdistrict');
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  const rows = await q.orderBy('level_deadline_at').limit(5000).execute();
  const cats = new Map<string, CategoryRow>();
  let moved = 0;
  for (const r of rows) {
    let cat = cats.get(r.category_id);
    if (!cat) {
      cat = await db
        .selectFrom('gov_category')
        .selectAll()
        .where('tenant_id', '=', r.tenant_id)
        .where('id', '=', r.category_id)
        .executeTakeFirstOrThrow();
      cats.set(r.category_id, cat);
    }
    const days =
      r.level === 'building'
        ? cat.days_building
        : r.level === 'compound'
          ? cat.days_compound
          : cat.days_community;
    try {
      await db
        .transaction()
        .execute((trx) =>
          escalateRow(trx, actor, r, cat, `超过${LEVEL_ZH[r.level]}办理时限(${days}天),自动提级`, true),
        );
      moved++;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'platform.version_conflict')) throw e;
    }
  }
  return moved;
}

/** Tenants that have at least one overdue issue (the periodic sweep enqueues one job each). */
export async function tenantsWithOverdue(deps: Deps): Promise<string[]> {
  const rows = await narrow(deps.db)
    .selectFrom('gov_issue')
    .select('tenant_id')
    .distinct()
    .where('level_deadline_at', '<', clock.iso())
    .where('status', 'in', [...ESCALATABLE])
    .where('level', '!=', 'subdistrict')
    .execute();
  return rows.map((r) => r.tenant_id);
}

export async function assignProperty(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const db = narrow(deps.db);
  const r = await loadIssue(db, id);
  authorizeRead(ctx, r);
  ctx.authorize('governance.handle', levelPlace(r, r.level), '诉求');
  if (r.version !== version) throw versionConflict();
  if (CLOSED_STATUSES.includes(r.status) || r.status === 'resolved') throw illegal(r.status, r.status);
  const cat = await db
    .selectFrom('gov_category')
    .select('property_service')
    .where('tenant_id', '=', r.tenant_id)
    .where('id', '=', r.category_id)
    .executeTakeFirstOrThrow();
  const partner = r.compound_id ? await compoundPartner(deps, r.compound_id) : null;
  if (!cat.property_service || partner?.kind !== 'closed_modern' || !partner.propertyCompany)
    throw new AppError(
      'governance.no_property_company',
      '只有封闭小区的"物业服务"类诉求可以交由物业办理,且该小区须登记物业公司',
    );
  const company = partner.propertyCompany;
  await db.transaction().execute(async (trx) => {
    await saveIssue(trx, r, { assigned_to: company });
    await recordEvent(trx, ctx, r, { kind: 'assigned', note: `交由物业:${company}` });
  });
  return presentIssue(deps, ctx, await loadIssue(db, id));
}

export async function rateIssue(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { rating: number; comment?: string },
) {
  const db = narrow(deps.db);
  const r = await loadIssue(db, id);
  authorizeRead(ctx, r);
  if (!isReporter(ctx, r)) throw forbidden();
  if (!(r.status === 'resolved' || r.status === 'confirmed') || r.rating !== null)
    throw new AppError('governance.not_rateable', r.rating !== null ? '已经评价过了' : '诉求办结后才能评价');
  await db.transaction().execute(async (trx) => {
    await saveIssue(trx, r, { rating: input.rating, rating_comment: input.comment ?? null });
    await recordEvent(trx, ctx, r, {
      kind: 'rated',
      note: `评价 ${input.rating} 星${input.comment ? `:${input.comment}` : ''}`,
    });
  });
  return presentIssue(deps, ctx, await loadIssue(db, id));
}

export interface ExportedIssue extends IssueRow {
  category_code: string;
  category_name: string;
}

/**
 * Issues of one tenant for an outside interface (Open311): by number, category code, status set
 * and creation window, newest first, at most `limit` (one query).
 */
export async function issuesForInterface(
  deps: Deps,
  tenantId: string,
  f: {
    numbers?: string[];
    token?: string;
    categoryCode?: string;
    statuses?: readonly IssueStatus[];
    from?: string;
    to?: string;
    limit: number;
  },
): Promise<ExportedIssue[]> {
  let q = narrow(deps.db)
    .selectFrom('gov_issue')
    .innerJoin('gov_category', (j) =>
      j
        .onRef('gov_category.tenant_id', '=', 'gov_issue.tenant_id')
        .onRef('gov_category.id', '=', 'gov_issue.category_id'),
    )
    .selectAll('gov_issue')
    .select(['gov_category.code as category_code', 'gov_category.name as category_name'])
    .where('gov_issue.tenant_id', '=', tenantId);
  if (f.numbers) q = q.where('gov_issue.number', 'in', f.numbers.length ? f.numbers : ['']);
  if (f.token) q = q.where('gov_issue.source_token', '=', f.token);
  if (f.categoryCode) q = q.where('gov_category.code', '=', f.categoryCode);
  if (f.statuses) q = q.where('gov_issue.status', 'in', [...f.statuses]);
  if (f.from) q = q.where('gov_issue.created_at', '>=', f.from);
  if (f.to) q = q.where('gov_issue.created_at', '<=', f.to);
  return q.orderBy('gov_issue.created_at', 'desc').orderBy('gov_issue.id', 'desc').limit(f.limit).execute();
}
