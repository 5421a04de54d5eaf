import type { z } from 'zod';
import type {
  ActionCreate,
  AgendaCreate,
  AttendanceSet,
  DecisionCreate,
  Meeting,
  MeetingCreate,
  MeetingQuery,
  NoticeCreate,
  NoticeQuery,
} from '../../../contracts/governance';
import { scopeOf } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { Actor, RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound, versionConflict } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { maskedNames } from '../people/index';
import { loadBody } from './bodies.service';
import { recordPlace } from './governance.policy';
import { type GovTx, type MeetingRow, type NoticeRow, narrow } from './governance.tables';
import { moveIssue } from './issues.service';
import { resolvePlace } from './places';
import { issueToHandle, peopleInReach, readable } from './references';

type Out<T extends z.ZodType> = z.output<T>;

async function loadMeeting(db: GovTx, id: string) {
  const m = await db.selectFrom('gov_meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('会议');
  return m;
}

const quorumMet = (m: MeetingRow) =>
  m.kind !== 'residents_meeting'
    ? null
    : m.entitled_count && m.present_count !== null
      ? m.present_count * 2 > m.entitled_count
      : false;

export async function presentMeeting(deps: Deps, m: MeetingRow): Promise<Out<typeof Meeting>> {
  const db = narrow(deps.db);
  const t = m.tenant_id;
  const [body, agenda, attendance, decisions, actions] = await Promise.all([
    db
      .selectFrom('gov_body')
      .select('name')
      .where('tenant_id', '=', t)
      .where('id', '=', m.body_id)
      .executeTakeFirst(),
    db
      .selectFrom('gov_agenda_item')
      .leftJoin('gov_issue', (j) =>
        j
          .onRef('gov_issue.tenant_id', '=', 'gov_agenda_item.tenant_id')
          .onRef('gov_issue.id', '=', 'gov_agenda_item.issue_id'),
      )
      .selectAll('gov_agenda_item')
      .select('gov_issue.title as issue_title')
      .where('gov_agenda_item.tenant_id', '=', t)
      .where('gov_agenda_item.meeting_id', '=', m.id)
      .orderBy('gov_agenda_item.sort')
      .execute(),
    db
      .selectFrom('gov_attendance')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('meeting_id', '=', m.id)
      .execute(),
    db
      .selectFrom('gov_decision')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('meeting_id', '=', m.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('gov_action_item')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('meeting_id', '=', m.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const names = await maskedNames(
    deps,
    t,
    attendance.map((a) => a.person_id),
  );
  return {
    id: m.id,
    tenantId: t,
    bodyId: m.body_id,
    bodyName: body?.name ?? '',
    kind: m.kind,
    title: m.title,
    startsAt: m.starts_at,
    location: m.location,
    status: m.status,
    version: m.version,
    materials: m.materials,
    minutes: m.minutes,
    entitledCount: m.entitled_count,
    presentCount: m.present_count,
    quorumMet: quorumMet(m),
    attendees: attendance.map((a) => ({ personId: a.person_id, name: names.get(a.person_id) ?? '***' })),
    agenda: agenda.map((a) => ({
      id: a.id,
      issueId: a.issue_id,
      issueTitle: a.issue_title ?? null,
      topic: a.topic,
      sort: a.sort,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      agendaItemId: d.agenda_item_id,
      text: d.text,
      votesFor: d.votes_for,
      votesAgainst: d.votes_against,
      votesAbstain: d.votes_abstain,
      adopted: !!d.adopted,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      decisionId: a.decision_id,
      issueId: a.issue_id,
      title: a.title,
      ownerName: a.owner_name,
      dueOn: a.due_on,
      status: a.status,
      doneAt: a.done_at,
      doneNote: a.done_note,
    })),
  };
}

const audit = (trx: GovTx, actor: Actor, m: MeetingRow, action: string, after: unknown) =>
  writeAudit(trx, actor, { tenantId: m.tenant_id, action, entity: 'gov_meeting', entityId: m.id, after });

async function bumpMeeting(trx: GovTx, m: MeetingRow, set: Partial<MeetingRow>, expected?: number) {
  if (expected !== undefined && expected !== m.version) throw versionConflict();
  const res = await trx
    .updateTable('gov_meeting')
    .set({ ...set, updated_at: clock.iso(), version: m.version + 1 })
    .where('tenant_id', '=', m.tenant_id)
    .where('id', '=', m.id)
    .where('version', '=', m.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
}

export async function createMeeting(deps: Deps, ctx: RequestContext, input: Out<typeof MeetingCreate>) {
  const db = narrow(deps.db);
  const b = await loadBody(db, input.bodyId);
  ctx.authorize('governance.meet', recordPlace(b), '议事机构');
  const now = clock.iso();
  const row: MeetingRow = {
    tenant_id: b.tenant_id,
    id: uuidv7(),
    body_id: b.id,
    kind: input.kind,
    title: input.title,
    starts_at: input.startsAt,
    location: input.location,
    materials: input.materials ?? null,
    minutes: null,
    entitled_count: input.entitledCount ?? null,
    present_count: null,
    status: 'planned',
    community_id: b.community_id,
    compound_id: b.compound_id,
    building_id: b.building_id,
    place_name: b.place_name,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('gov_meeting').values(row).execute();
    await audit(trx, ctx, row, 'governance.meeting.create', {
      bodyId: b.id,
      kind: row.kind,
      startsAt: row.starts_at,
    });
  });
  return presentMeeting(deps, row);
}

export async function getMeeting(deps: Deps, ctx: RequestContext, id: string) {
  const m = await loadMeeting(narrow(deps.db), id);
  ctx.authorize('governance.read', recordPlace(m), '会议');
  return presentMeeting(deps, m);
}

export async function listMeetings(deps: Deps, ctx: RequestContext, q: Out<typeof MeetingQuery>) {
  const p = ctx.scoped();
  const s = scopeOf(p, 'governance.read');
  let query = narrow(deps.db)
    .selectFrom('gov_meeting')
    .innerJoin('gov_body', (j) =>
      j
        .onRef('gov_body.tenant_id', '=', 'gov_meeting.tenant_id')
        .onRef('gov_body.id', '=', 'gov_meeting.body_id'),
    )
    .selectAll('gov_meeting')
    .select('gov_body.name as body_name')
    .where('gov_meeting.tenant_id', '=', q.tenantId);
  if (!s.all && !s.tenantIds.has(q.tenantId)) {
    const ors = [
      ...(s.communityIds.size ? [['community_id', [...s.communityIds]] as const] : []),
      ...(s.compoundIds.size ? [['compound_id', [...s.compoundIds]] as const] : []),
      ...(s.buildingIds.size ? [['building_id', [...s.buildingIds]] as const] : []),
    ];
    if (ors.length === 0) return { items: [], nextCursor: null };
    query = query.where((eb) => eb.or(ors.map(([col, ids]) => eb(`gov_meeting.${col}`, 'in', ids))));
  }
  if (q.bodyId) query = query.where('gov_meeting.body_id', '=', q.bodyId);
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    if (!at || !id) throw invalid('cursor', '翻页标记无效');
    query = query.where((eb) =>
      eb.or([
        eb('gov_meeting.starts_at', '<', at),
        eb.and([eb('gov_meeting.starts_at', '=', at), eb('gov_meeting.id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('gov_meeting.starts_at', 'desc')
    .orderBy('gov_meeting.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((m) => ({
      id: m.id,
      tenantId: m.tenant_id,
      bodyId: m.body_id,
      bodyName: m.body_name,
      kind: m.kind,
      title: m.title,
      startsAt: m.starts_at,
      location: m.location,
      status: m.status,
      version: m.version,
    })),
    nextCursor: rows.length > q.limit && last ? `${last.starts_at}|${last.id}` : null,
  };
}

/** Meetings are changed by whoever may convene the body's meetings. */
async function meetingForWrite(deps: Deps, ctx: RequestContext, id: string) {
  const m = await loadMeeting(narrow(deps.db), id);
  ctx.authorize('governance.meet', recordPlace(m), '会议');
  if (m.status === 'cancelled') throw new AppError('governance.meeting_closed', '会议已取消');
  return m;
}

export async function addAgendaItem(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: Out<typeof AgendaCreate>,
) {
  const m = await meetingForWrite(deps, ctx, id);
  const db = narrow(deps.db);
  const issue = input.issueId ? await issueToHandle(db, ctx, m.tenant_id, input.issueId, 'issueId') : null;
  const items = await db
    .selectFrom('gov_agenda_item')
    .select(['issue_id', 'sort'])
    .where('tenant_id', '=', m.tenant_id)
    .where('meeting_id', '=', m.id)
    .execute();
  if (issue && items.some((i) => i.issue_id === issue.id))
    throw new AppError('governance.already_on_agenda', '该诉求已在本次会议议程中');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('gov_agenda_item')
      .values({
        tenant_id: m.tenant_id,
        id: uuidv7(),
        meeting_id: m.id,
        issue_id: issue?.id ?? null,
        topic: input.topic ?? issue!.title,
        sort: items.reduce((a, i) => Math.max(a, i.sort), 0) + 1,
      })
      .execute();
    // A linked issue waiting for discussion is now under deliberation.
    if (issue && (issue.status === 'accepted' || issue.status === 'reopened'))
      await moveIssue(trx, ctx, issue, 'in_deliberation', { note: `列入会议议程:${m.title}` });
    await bumpMeeting(trx, m, {});
    await audit(trx, ctx, m, 'governance.meeting.agenda', {
      issueId: issue?.id ?? null,
      topic: input.topic ?? null,
    });
  });
  return presentMeeting(deps, await loadMeeting(db, id));
}

export async function setAttendance(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: Out<typeof AttendanceSet>,
) {
  const m = await meetingForWrite(deps, ctx, id);
  if (m.version !== input.version) throw versionConflict();
  const ids = [...new Set(input.personIds)];
  await peopleInReach(deps, ctx, m.tenant_id, ids, 'personIds');
  const present = input.presentCount ?? ids.length;
  const entitled = input.entitledCount ?? m.entitled_count;
  if (entitled !== null && present > entitled) throw invalid('presentCount', '出席人数不能多于应到人数');
  if (present < ids.length) throw invalid('presentCount', '出席人数不能少于登记的出席人');
  const db = narrow(deps.db);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('gov_attendance')
      .where('tenant_id', '=', m.tenant_id)
      .where('meeting_id', '=', m.id)
      .execute();
    if (ids.length)
      await trx
        .insertInto('gov_attendance')
        .values(ids.map((p) => ({ tenant_id: m.tenant_id, id: uuidv7(), meeting_id: m.id, person_id: p })))
        .execute();
    await bumpMeeting(trx, m, { present_count: present, entitled_count: entitled });
    await audit(trx, ctx, m, 'governance.meeting.attendance', { present, entitled, personIds: ids });
  });
  return presentMeeting(deps, await loadMeeting(db, id));
}

export async function setMinutes(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { minutes: string; version: number },
) {
  const m = await meetingForWrite(deps, ctx, id);
  const db = narrow(deps.db);
  await db.transaction().execute(async (trx) => {
    await bumpMeeting(trx, m, { minutes: input.minutes, status: 'held' }, input.version);
    await audit(trx, ctx, m, 'governance.meeting.minutes', { status: 'held', length: input.minutes.length });
  });
  return presentMeeting(deps, await loadMeeting(db, id));
}

/** A referenced agenda item or decision must belong to this meeting (400 naming the field). */
async function assertOfMeeting(
  db: ReturnType<typeof narrow>,
  m: { tenant_id: string; id: string },
  table: 'gov_agenda_item' | 'gov_decision',
  id: string,
  field: string,
  message: string,
) {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', m.tenant_id)
    .where('meeting_id', '=', m.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw invalid(field, message);
}

/**
 * A decision. A residents' meeting (居民会议) decides only with a quorum (more than half of those
 * entitled present) and by a majority of those present; other bodies record votes where voted.
 */
export async function addDecision(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: Out<typeof DecisionCreate>,
) {
  const m = await meetingForWrite(deps, ctx, id);
  const db = narrow(deps.db);
  if (input.agendaItemId)
    await assertOfMeeting(
      db,
      m,
      'gov_agenda_item',
      input.agendaItemId,
      'agendaItemId',
      '该议题不在本次会议议程中',
    );
  const votes = (input.votesFor ?? 0) + (input.votesAgainst ?? 0) + (input.votesAbstain ?? 0);
  const voted = input.votesFor !== undefined || input.votesAgainst !== undefined;
  if (m.present_count !== null && votes > m.present_count)
    throw invalid('votesFor', `票数合计(${votes})多于出席人数(${m.present_count})`);
  let adopted = voted ? (input.votesFor ?? 0) > (input.votesAgainst ?? 0) : true;
  if (m.kind === 'residents_meeting') {
    if (!quorumMet(m))
      throw new AppError(
        'governance.quorum_not_met',
        `居民会议须有过半数应到人员出席才能作出决定(应到 ${m.entitled_count ?? '未登记'},实到 ${m.present_count ?? 0})`,
      );
    if (input.votesFor === undefined) throw invalid('votesFor', '居民会议的决定须记录赞成票数');
    adopted = input.votesFor * 2 > (m.present_count ?? 0);
  }
  await db.transaction().execute(async (trx) => {
    const did = uuidv7();
    await trx
      .insertInto('gov_decision')
      .values({
        tenant_id: m.tenant_id,
        id: did,
        meeting_id: m.id,
        agenda_item_id: input.agendaItemId ?? null,
        text: input.text,
        votes_for: input.votesFor ?? null,
        votes_against: input.votesAgainst ?? null,
        votes_abstain: input.votesAbstain ?? null,
        adopted: adopted ? 1 : 0,
        created_at: clock.iso(),
      })
      .execute();
    await bumpMeeting(trx, m, {});
    await audit(trx, ctx, m, 'governance.meeting.decision', { decisionId: did, adopted, votes: input });
  });
  return presentMeeting(deps, await loadMeeting(db, id));
}

export async function addAction(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: Out<typeof ActionCreate>,
) {
  const m = await meetingForWrite(deps, ctx, id);
  const db = narrow(deps.db);
  if (input.decisionId)
    await assertOfMeeting(db, m, 'gov_decision', input.decisionId, 'decisionId', '该决议不属于本次会议');
  const issue = input.issueId ? await issueToHandle(db, ctx, m.tenant_id, input.issueId, 'issueId') : null;
  await db.transaction().execute(async (trx) => {
    const aid = uuidv7();
    await trx
      .insertInto('gov_action_item')
      .values({
        tenant_id: m.tenant_id,
        id: aid,
        meeting_id: m.id,
        decision_id: input.decisionId ?? null,
        issue_id: issue?.id ?? null,
        title: input.title,
        owner_name: input.ownerName,
        due_on: input.dueOn,
        status: 'open',
        done_at: null,
        done_note: null,
        created_at: clock.iso(),
      })
      .execute();
    // Work on a decided issue is under way; an action on a finished issue is refused (409).
    if (issue && issue.status !== 'action_underway')
      await moveIssue(trx, ctx, issue, 'action_underway', { note: `会议决定行动:${input.title}` });
    await bumpMeeting(trx, m, {});
    await audit(trx, ctx, m, 'governance.meeting.action', { actionId: aid, issueId: issue?.id ?? null });
  });
  return presentMeeting(deps, await loadMeeting(db, id));
}

/** An action item done; when every action item of its issue is done, the issue is resolved. */
export async function completeAction(deps: Deps, ctx: RequestContext, actionId: string, note?: string) {
  const db = narrow(deps.db);
  const a = await db.selectFrom('gov_action_item').selectAll().where('id', '=', actionId).executeTakeFirst();
  if (!a) throw notFound('行动事项');
  const m = await meetingForWrite(deps, ctx, a.meeting_id);
  if (a.status === 'done') throw new AppError('governance.action_done', '该行动事项已完成');
  // Completing the last action resolves its issue: only someone who may act on the issue at its
  // current level may do that (it may have been escalated above the meeting since).
  if (a.issue_id) await issueToHandle(db, ctx, a.tenant_id, a.issue_id, 'issueId');
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('gov_action_item')
      .set({ status: 'done', done_at: clock.iso(), done_note: note ?? null })
      .where('tenant_id', '=', a.tenant_id)
      .where('id', '=', a.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('governance.action_done', '该行动事项已完成');
    await audit(trx, ctx, m, 'governance.action.done', { actionId: a.id, issueId: a.issue_id });
    if (!a.issue_id) return;
    const open = await trx
      .selectFrom('gov_action_item')
      .select('id')
      .where('tenant_id', '=', a.tenant_id)
      .where('issue_id', '=', a.issue_id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    const issue = await trx
      .selectFrom('gov_issue')
      .selectAll()
      .where('tenant_id', '=', a.tenant_id)
      .where('id', '=', a.issue_id)
      .executeTakeFirstOrThrow();
    if (!open && issue.status === 'action_underway')
      await moveIssue(trx, ctx, issue, 'resolved', { note: '会议确定的行动事项已全部完成' });
  });
  return presentMeeting(deps, await loadMeeting(db, m.id));
}

const toNotice = (n: NoticeRow) => ({
  id: n.id,
  tenantId: n.tenant_id,
  title: n.title,
  body: n.body,
  placeName: n.place_name,
  issueId: n.issue_id,
  meetingId: n.meeting_id,
  visibleFrom: n.visible_from,
  visibleUntil: n.visible_until,
  createdAt: n.created_at,
});

/** Shanghai's date today (notices run by calendar day). */
const today = () => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function createNotice(deps: Deps, ctx: RequestContext, input: Out<typeof NoticeCreate>) {
  const place = await resolvePlace(deps, input);
  ctx.authorize('governance.meet', place.place, '地点');
  if (place.tenant_id !== input.tenantId) throw invalid('tenantId', '地点不属于该街道');
  if (input.visibleUntil < input.visibleFrom) throw invalid('visibleUntil', '公示结束日期不能早于开始日期');
  const db = narrow(deps.db);
  if (input.issueId) await readable(db, ctx, 'gov_issue', place.tenant_id, input.issueId, 'issueId');
  if (input.meetingId) await readable(db, ctx, 'gov_meeting', place.tenant_id, input.meetingId, 'meetingId');
  const row: NoticeRow = {
    tenant_id: place.tenant_id,
    id: uuidv7(),
    title: input.title,
    body: input.body,
    community_id: place.community_id,
    compound_id: place.compound_id,
    building_id: place.building_id,
    place_name: place.place_name,
    issue_id: input.issueId ?? null,
    meeting_id: input.meetingId ?? null,
    visible_from: input.visibleFrom,
    visible_until: input.visibleUntil,
    created_by: ctx.userId,
    created_at: clock.iso(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('gov_notice').values(row).execute();
    await writeAudit(trx, ctx, {
      tenantId: row.tenant_id,
      action: 'governance.notice.create',
      entity: 'gov_notice',
      entityId: row.id,
      after: { title: row.title, from: row.visible_from, until: row.visible_until },
    });
  });
  return toNotice(row);
}

/** Notices within their display period, newest first: public to everyone in the tenant. */
export async function listNotices(deps: Deps, ctx: RequestContext, q: Out<typeof NoticeQuery>) {
  ctx.authorize('governance.public', { tenantId: q.tenantId }, '街道');
  const d = today();
  let query = narrow(deps.db)
    .selectFrom('gov_notice')
    .selectAll()
    .where('tenant_id', '=', q.tenantId)
    .where('visible_until', '>=', d)
    .where('visible_from', '<=', d);
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    if (!at || !id) throw invalid('cursor', '翻页标记无效');
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toNotice),
    nextCursor: rows.length > q.limit && last ? `${last.created_at}|${last.id}` : null,
  };
}
