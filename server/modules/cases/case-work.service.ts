import type { z } from 'zod';
import type { ConferenceInput, OverdueQuery, ServiceRecordInput } from '../../../contracts/cases';
import { ACTIVE_STAGES } from '../../../contracts/cases';
import { scopeIsEmpty, scopeOf } from '../../platform/access';
import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { householdLabels, personLabels } from '../people/index';
import { nodeNames } from '../territory/index';
import { addEvent, loadCase, today, touchCase } from './case-common';
import { presentAction, presentFile, presentFunding } from './case-file.present';
import { type Names, namesFor, summarizeAll } from './case-present';
import { settingsOf } from './case-settings.service';
import { casePlace } from './cases.policy';
import * as repo from './cases.repository';
import { caseworkerAt, visibleCases } from './cases.service';

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** A home visit, a call, an accompaniment…: one service record; its next contact date drives the overdue view. */
export async function addService(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof ServiceRecordInput>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  const settings = await settingsOf(deps, before.tenant_id);
  const type = settings.serviceTypes.find((t) => t.code === input.type && t.active);
  if (!type) throw invalid('type', '没有这个服务类型');
  if (input.date > today()) throw invalid('date', '服务日期不能晚于今天');
  if (input.date < before.intake_on) throw invalid('date', '服务日期不能早于接案日期');
  if (input.nextContactOn && input.nextContactOn < input.date)
    throw invalid('nextContactOn', '下次联系日期不能早于本次服务');
  if (['closed', 'not_opened', 'referred_out'].includes(before.stage))
    throw new AppError(
      'cases.record_wrong_stage',
      '个案已结束,不能再记录服务;如需跟进请先转入跟进回访或重新开案',
    );
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('case_service')
        .values({
          tenant_id: before.tenant_id,
          id: uuidv7(),
          case_id: before.id,
          type: type.code,
          service_date: input.date,
          duration_min: input.durationMin,
          worker_id: ctx.userId,
          notes_sealed: deps.crypto.seal(input.notes),
          next_contact_on: input.nextContactOn,
          created_at: clock.iso(),
        })
        .execute();
      return touchCase(trx, ctx, before, {
        patch: { next_contact_on: input.nextContactOn },
        event: ['service', `${type.name} ${input.durationMin} 分钟`, { type: type.code, date: input.date }],
        action: 'case.service',
        audit: {
          after: {
            type: type.code,
            date: input.date,
            durationMin: input.durationMin,
            nextContactOn: input.nextContactOn,
          },
        },
      });
    });
  return presentFile(deps, ctx, after, access);
}

/** 沟通会议: who met, what was discussed and decided, and action items that land on their owners' task lists. */
export async function addConference(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof ConferenceInput>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  if (input.heldOn > today()) throw invalid('heldOn', '会议日期不能晚于今天');
  const db = repo.narrow(deps.db);
  // Attendees and owners: the care team (its worker, supervisor and members, helpers included),
  // or staff doing casework at the case's place — never an account of another tenant or place.
  const team = await db
    .selectFrom('case_member')
    .select('user_id')
    .where('tenant_id', '=', before.tenant_id)
    .where('case_id', '=', before.id)
    .where('status', '!=', 'removed')
    .where('user_id', 'is not', null)
    .execute();
  const onTeam = new Set([before.worker_id, before.supervisor_id, ...team.map((t) => t.user_id!)]);
  const eligible = new Map<string, boolean>();
  const mayTakePart = async (userId: string) => {
    if (onTeam.has(userId)) return true;
    if (!eligible.has(userId)) eligible.set(userId, await caseworkerAt(deps, userId, casePlace(before)));
    return eligible.get(userId)!;
  };
  for (const [i, u] of input.internalAttendeeIds.entries())
    if (!(await mayTakePart(u)))
      throw invalid(`internalAttendeeIds.${i}`, '参会人员须为服务团队成员或在此社区有个案工作权限的工作人员');
  for (const [i, a] of input.actions.entries())
    if (!(await mayTakePart(a.ownerId)))
      throw invalid(`actions.${i}.ownerId`, '负责人须为服务团队成员或在此社区有个案工作权限的工作人员');
  const conferenceId = uuidv7();
  const after = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_conference')
      .values({
        tenant_id: before.tenant_id,
        id: conferenceId,
        case_id: before.id,
        held_on: input.heldOn,
        internal_ids: JSON.stringify([...new Set(input.internalAttendeeIds)]),
        external_sealed: deps.crypto.seal(JSON.stringify(input.externalAttendees)),
        discussion_sealed: deps.crypto.seal(input.discussion),
        decisions_sealed: deps.crypto.seal(input.decisions),
        created_by: ctx.userId,
        created_at: clock.iso(),
      })
      .execute();
    if (input.actions.length) {
      await trx
        .insertInto('case_action')
        .values(
          input.actions.map((a) => ({
            tenant_id: before.tenant_id,
            id: uuidv7(),
            case_id: before.id,
            conference_id: conferenceId,
            title: a.title,
            owner_id: a.ownerId,
            due_on: a.dueOn,
            done_at: null,
            done_by: null,
          })),
        )
        .execute();
    }
    return touchCase(trx, ctx, before, {
      event: ['conference', `个案沟通会议,${input.actions.length} 项行动`, { conferenceId }],
      action: 'case.conference',
      audit: { after: { conferenceId, heldOn: input.heldOn, actions: input.actions.length } },
    });
  });
  return presentFile(deps, ctx, after, access);
}

/** Marks an action item done: its owner, or anyone who may write to the case. */
export async function completeAction(deps: Deps, ctx: RequestContext, actionId: string) {
  const db = repo.narrow(deps.db);
  const action = await db.selectFrom('case_action').selectAll().where('id', '=', actionId).executeTakeFirst();
  if (!action) throw notFound('行动事项');
  // Its owner may be a helper who sees the case only through this task (no file access).
  const { row: c, access } = await loadCase(deps, ctx, action.case_id, 'see');
  if (action.owner_id !== ctx.userId && !access.write)
    throw new AppError('platform.forbidden', '只有负责人或个案社工可以完成此事项');
  if (action.done_at) throw new AppError('cases.action_done', '该事项已完成');
  const doneAt = clock.iso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('case_action')
      .set({ done_at: doneAt, done_by: ctx.userId })
      .where('tenant_id', '=', action.tenant_id)
      .where('id', '=', action.id)
      .execute();
    await addEvent(trx, ctx, c, 'action_done', '完成行动事项', { actionId: action.id });
    await writeAudit(trx, ctx, {
      tenantId: c.tenant_id,
      action: 'case.action_done',
      entity: 'case',
      entityId: c.id,
      after: { actionId },
    });
  });
  const names = await namesFor(deps, [], [action.owner_id]);
  return presentAction({ ...action, done_at: doneAt, done_by: ctx.userId }, c.number, names);
}

/** My open action items across cases, soonest due first. */
export async function myTasks(deps: Deps, ctx: RequestContext) {
  const p = ctx.authorizeSelf();
  const rows = await repo
    .narrow(deps.db)
    .selectFrom('case_action')
    .innerJoin('case_file', (j) =>
      j
        .onRef('case_file.tenant_id', '=', 'case_action.tenant_id')
        .onRef('case_file.id', '=', 'case_action.case_id'),
    )
    .selectAll('case_action')
    .select([
      'case_file.number',
      'case_file.subject_kind',
      'case_file.person_id',
      'case_file.household_id',
      'case_file.community_id',
      'case_file.compound_id',
      'case_file.building_id',
    ])
    .where('case_action.owner_id', '=', p.userId)
    .where('case_action.done_at', 'is', null)
    .orderBy('case_action.due_on')
    .limit(200)
    .execute();
  // Every task here is the caller's own: their name needs no lookup.
  const names: Names = {
    persons: new Map(),
    households: new Map(),
    users: new Map([[p.userId, p.displayName]]),
    places: new Map(),
  };
  const [persons, households, places] = await Promise.all([
    personLabels(
      deps,
      rows.flatMap((r) => (r.subject_kind === 'person' && r.person_id ? [r.person_id] : [])),
    ),
    householdLabels(
      deps,
      rows.flatMap((r) => (r.subject_kind === 'household' && r.household_id ? [r.household_id] : [])),
    ),
    nodeNames(
      deps,
      rows.map((r) =>
        r.building_id
          ? { kind: 'building' as const, id: r.building_id }
          : r.compound_id
            ? { kind: 'compound' as const, id: r.compound_id }
            : { kind: 'community' as const, id: r.community_id },
      ),
    ),
  ]);
  return {
    items: rows.map((r) => ({
      ...presentAction(r, r.number, names),
      visit: {
        client:
          (r.subject_kind === 'person'
            ? persons.get(r.person_id ?? '')?.name
            : households.get(r.household_id ?? '')?.name) ?? '',
        place: places.get(r.building_id ?? r.compound_id ?? r.community_id ?? '') ?? null,
      },
    })),
  };
}

/** What waits for my decision: case openings and closings I supervise, funding requests I may approve. */
export async function myApprovals(deps: Deps, ctx: RequestContext) {
  const p = ctx.authorizeSelf();
  const db = repo.narrow(deps.db);
  const stationHeadScope = scopeOf(p, 'cases.file_any');
  const cases = await db
    .selectFrom('case_approval')
    .innerJoin('case_file', (j) =>
      j
        .onRef('case_file.tenant_id', '=', 'case_approval.tenant_id')
        .onRef('case_file.id', '=', 'case_approval.case_id'),
    )
    .selectAll('case_file')
    .select([
      'case_approval.id as approval_id',
      'case_approval.kind as approval_kind',
      'case_approval.to_stage',
      'case_approval.requested_by',
      'case_approval.requested_at',
      'case_approval.comment',
      'case_approval.closure_sealed',
    ])
    .where('case_approval.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('case_file.supervisor_id', '=', p.userId),
        ...(scopeIsEmpty(stationHeadScope) ? [] : [visibleCases(eb, p.userId, stationHeadScope, false)]),
      ]),
    )
    .where('case_approval.requested_by', '!=', p.userId)
    .orderBy('case_approval.requested_at')
    .limit(200)
    .execute();
  const funding = await fundingAwaiting(deps, p.userId, scopeOf(p, 'cases.fund_approve'));
  const names = await namesFor(
    deps,
    [...cases, ...funding.cases],
    [...cases.map((c) => c.requested_by), ...funding.rows.flatMap((f) => [f.requested_by, f.decided_by])],
  );
  const summaries = new Map(
    (
      await summarizeAll(
        deps,
        p,
        cases.map((c) => ({ ...c, my_role: null })),
        names,
      )
    ).map((s) => [s.id, s]),
  );
  return {
    cases: cases.map((c) => ({
      id: c.approval_id,
      caseId: c.id,
      caseNumber: c.number,
      subjectName: summaries.get(c.id)?.subject?.name ?? '',
      kind: c.approval_kind,
      to: c.to_stage,
      requestedBy: c.requested_by
        ? { id: c.requested_by, name: names.users.get(c.requested_by) ?? '' }
        : null,
      requestedAt: c.requested_at,
      comment: c.comment,
      closure: c.closure_sealed ? JSON.parse(deps.crypto.open(c.closure_sealed)) : null,
    })),
    funding: funding.rows.map((f) =>
      presentFunding(
        deps,
        f,
        funding.cases.find((c) => c.id === f.case_id)?.number ?? '',
        funding.attachments,
        names,
      ),
    ),
  };
}

/** Submitted funding requests the user may decide (configured approvers, else cases.fund_approve in scope). */
async function fundingAwaiting(deps: Deps, userId: string, scope: ReturnType<typeof scopeOf>) {
  const db = repo.narrow(deps.db);
  // Naming someone an approver never replaces the permission (see checkApprover).
  if (scopeIsEmpty(scope)) return { rows: [], cases: [], attachments: [] };
  const rows = await db
    .selectFrom('case_funding')
    .innerJoin('case_file', (j) =>
      j
        .onRef('case_file.tenant_id', '=', 'case_funding.tenant_id')
        .onRef('case_file.id', '=', 'case_funding.case_id'),
    )
    .selectAll('case_funding')
    .where('case_funding.status', '=', 'submitted')
    .where('case_funding.requested_by', '!=', userId)
    .where((eb) => visibleCases(eb, userId, scope, false))
    .orderBy('case_funding.requested_at')
    .limit(200)
    .execute();
  const settings = new Map<string, string[]>();
  for (const t of new Set(rows.map((r) => r.tenant_id)))
    settings.set(t, (await settingsOf(deps, t)).fundingApproverIds);
  const mine = rows.filter((r) => {
    const list = settings.get(r.tenant_id) ?? [];
    return list.length === 0 || list.includes(userId);
  });
  const caseIds = [...new Set(mine.map((r) => r.case_id))];
  const [cases, attachments] = caseIds.length
    ? await Promise.all([
        db.selectFrom('case_file').selectAll().where('id', 'in', caseIds).execute(),
        db.selectFrom('case_attachment').selectAll().where('case_id', 'in', caseIds).execute(),
      ])
    : [[], []];
  return { rows: mine, cases, attachments };
}

/**
 * Cases whose next contact date has passed, in the caller's reach, most overdue first, with
 * counts per worker and per community: the page and the counts, then subjects' and workers' names
 * (community names come from territory's cache).
 */
export async function overdue(deps: Deps, ctx: RequestContext, q: z.output<typeof OverdueQuery>) {
  const p = ctx.scoped();
  const s = scopeOf(p, 'cases.read');
  const t = today();
  const db = repo.narrow(deps.db);
  let base = db
    .selectFrom('case_file')
    .where('case_file.next_contact_on', '<', t)
    .where('case_file.stage', 'in', [...ACTIVE_STAGES])
    .where((eb) => visibleCases(eb, p.userId, s, scopeIsEmpty(s)));
  if (q.tenantId) base = base.where('case_file.tenant_id', '=', q.tenantId);
  if (q.communityId) base = base.where('case_file.community_id', '=', q.communityId);
  const [rows, counted] = await Promise.all([
    base
      .selectAll('case_file')
      .select((eb) => repo.myRole(eb, p.userId))
      .orderBy('case_file.next_contact_on')
      .orderBy('case_file.id')
      .limit(q.limit)
      .execute(),
    base
      .select(['case_file.worker_id', 'case_file.community_id'])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .groupBy(['case_file.worker_id', 'case_file.community_id'])
      .execute(),
  ]);
  const groups = counted.map((g) => ({
    worker_id: g.worker_id,
    community_id: g.community_id,
    n: Number(g.n),
  }));
  const names = await namesFor(
    deps,
    rows,
    groups.map((g) => g.worker_id),
    groups.map((g) => g.community_id),
  );
  const items = await summarizeAll(deps, p, rows, names);
  const byWorker = new Map<string, number>();
  const byCommunity = new Map<string | null, number>();
  let total = 0;
  for (const g of groups) {
    const n = g.n;
    total += n;
    byWorker.set(g.worker_id, (byWorker.get(g.worker_id) ?? 0) + n);
    byCommunity.set(g.community_id, (byCommunity.get(g.community_id) ?? 0) + n);
  }
  // Counts per worker are for those who supervise; anyone else sees only their own.
  const supervises = !scopeIsEmpty(scopeOf(p, 'cases.supervise'));
  if (!supervises) for (const w of [...byWorker.keys()]) if (w !== p.userId) byWorker.delete(w);
  return {
    today: t,
    total,
    items: items.map((i, k) => ({ ...i, daysOverdue: daysBetween(rows[k]!.next_contact_on!, t) })),
    byWorker: [...byWorker]
      .map(([id, count]) => ({ worker: { id, name: names.users.get(id) ?? '' }, count }))
      .sort((a, b) => b.count - a.count),
    byCommunity: [...byCommunity]
      .map(([communityId, count]) => ({
        communityId,
        communityName: communityId ? (names.places.get(communityId) ?? null) : null,
        count,
      }))
      .sort((a, b) => b.count - a.count),
  };
}
