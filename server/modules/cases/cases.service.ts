import type { ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import {
  type ApprovalDecision,
  CASE_STAGE_LABELS,
  type CaseCreate,
  type CaseListQuery,
  type CaseRecordInput,
  type CaseUpdate,
  type MandatoryReportInput,
  NEED_LABELS,
  TEAM_ROLE_LABELS,
  type TeamMemberInput,
  type TransitionRequest,
} from '../../../contracts/cases';
import { isUniqueViolation } from '../../db/dialect';
import { decide, type Place, scopeIsEmpty, scopeOf } from '../../platform/access';
import { writeAccess, writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid, notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { staffMember } from '../accounts/index';
import { activeVolunteers, householdLabels, personLabels } from '../people/index';
import { placeDirectory } from '../territory/index';
import { addEvent, caseImage, loadCase, today, touchCase } from './case-common';
import { presentFile } from './case-file.present';
import { summarizeAll } from './case-present';
import { settingsOf } from './case-settings.service';
import { formatNumber, nextSeq, periodOf } from './cases.numbering';
import { casePlace, HELPER_ROLE, holdsCasework } from './cases.policy';
import * as repo from './cases.repository';
import type { CaseFileRow, CasesDb, CasesTables } from './cases.tables';
import { afterDecision, approvalKind, checkMove } from './cases.workflow';

const stageLabel = (s: keyof typeof CASE_STAGE_LABELS) => CASE_STAGE_LABELS[s].zh;

/** Checks that a user may hold a role on a case at a place: worker (cases.open) or supervisor (cases.supervise). */
async function checkStaff(
  deps: Deps,
  userId: string,
  place: Place,
  perm: 'cases.open' | 'cases.supervise',
  field: string,
) {
  const u = await staffMember(deps, userId);
  const ok =
    !!u &&
    decide(
      { userId: u.id, displayName: u.name, homeTenantId: u.homeTenantId, sessionId: '', grants: u.grants },
      perm,
      place,
    ) === 'allow';
  if (!ok)
    throw invalid(
      field,
      perm === 'cases.open' ? '该账号在此社区没有个案工作权限' : '该账号不是此社区的督导或站长',
    );
  return u!;
}

async function subjectOf(deps: Deps, input: z.output<typeof CaseCreate>) {
  if (input.subjectKind === 'person') {
    const p = (await personLabels(deps, [input.personId!])).get(input.personId!);
    if (!p) throw invalid('personId', '居民不存在');
    if (p.status !== 'active') throw invalid('personId', '该居民已迁出、去世或已匿名化,不能建立个案');
    return { ...p, personId: p.id, householdId: null };
  }
  const h = (await householdLabels(deps, [input.householdId!])).get(input.householdId!);
  if (!h) throw invalid('householdId', '家庭不存在');
  return { ...h, personId: null, householdId: h.id };
}

function duplicateAs409(e: unknown): never {
  if (isUniqueViolation(e)) throw new AppError('platform.version_conflict', '个案编号冲突,请重试');
  throw e;
}

/** 接案: opens a case at intake for a resident or a household, numbered from the tenant's pattern. */
export async function createCase(deps: Deps, ctx: RequestContext, input: z.output<typeof CaseCreate>) {
  const subject = await subjectOf(deps, input);
  const place: Place = {
    tenantId: subject.tenantId,
    communityId: subject.communityId,
    compoundId: subject.compoundId,
    buildingId: subject.buildingId,
  };
  const me = ctx.authorize('cases.open', place, input.subjectKind === 'person' ? '居民' : '家庭');
  const workerId = input.workerId ?? me.userId;
  await checkStaff(deps, workerId, place, 'cases.open', 'workerId');
  if (input.supervisorId === workerId) throw invalid('supervisorId', '督导不能是主责社工本人');
  await checkStaff(deps, input.supervisorId, place, 'cases.supervise', 'supervisorId');
  if (input.intakeOn > today()) throw invalid('intakeOn', '接案日期不能晚于今天');
  const db = repo.narrow(deps.db);
  const open = await db
    .selectFrom('case_file')
    .select(['number', 'stage'])
    .where('tenant_id', '=', subject.tenantId)
    .where(input.subjectKind === 'person' ? 'person_id' : 'household_id', '=', subject.id)
    .where('subject_kind', '=', input.subjectKind)
    .where('stage', 'not in', ['closed', 'not_opened', 'referred_out'])
    .executeTakeFirst();
  if (open) {
    throw new AppError('cases.duplicate_open', `该服务对象已有未结案的个案 ${open.number}`, [
      {
        path: input.subjectKind === 'person' ? 'personId' : 'householdId',
        message: `已有个案 ${open.number}`,
      },
    ]);
  }
  const settings = await settingsOf(deps, subject.tenantId);
  const communityCode = settings.numberPattern.includes('{community}')
    ? ((await placeDirectory(deps, subject.tenantId)).communities.find((c) => c.id === subject.communityId)
        ?.code ?? null)
    : null;
  const now = clock.iso();
  const id = uuidv7();
  const row = await db
    .transaction()
    .execute(async (trx) => {
      const seq = await nextSeq(trx, subject.tenantId, periodOf(settings.numberPattern, input.intakeOn));
      const row: CaseFileRow = {
        tenant_id: subject.tenantId,
        id,
        number: formatNumber(settings.numberPattern, { date: input.intakeOn, seq, communityCode }),
        subject_kind: input.subjectKind,
        person_id: subject.personId,
        household_id: subject.householdId,
        community_id: subject.communityId,
        compound_id: subject.compoundId,
        building_id: subject.buildingId,
        referral_source: input.referralSource,
        referral_detail: input.referralDetail,
        presenting_sealed: deps.crypto.seal(input.presentingProblem),
        risk_level: input.riskLevel,
        child_at_risk: input.childAtRisk ? 1 : 0,
        child_case: subject.child || input.childAtRisk ? 1 : 0,
        stage: 'intake',
        pending: null,
        intake_on: input.intakeOn,
        closed_on: null,
        worker_id: workerId,
        supervisor_id: input.supervisorId,
        next_contact_on: input.nextContactOn,
        created_by: me.userId || null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await trx.insertInto('case_file').values(row).execute();
      await addMemberRow(trx, ctx, row, { kind: 'user', userId: workerId, role: 'lead_worker' });
      await addEvent(trx, ctx, row, 'created', `接案 ${row.number}`, {
        referralSource: input.referralSource,
      });
      await writeAudit(trx, ctx, {
        tenantId: row.tenant_id,
        action: 'case.create',
        entity: 'case',
        entityId: row.id,
        after: caseImage(row),
      });
      return row;
    })
    .catch(duplicateAs409);
  return presentFile(deps, ctx, row, { see: true, file: true, write: true, approve: false });
}

async function addMemberRow(
  trx: CasesDb,
  ctx: RequestContext,
  c: CaseFileRow,
  m: {
    kind: 'user' | 'person' | 'external';
    userId?: string | null;
    personId?: string | null;
    name?: string | null;
    organization?: string | null;
    role: CasesTables['case_member']['role'];
    invited?: boolean;
  },
) {
  const id = uuidv7();
  await trx
    .insertInto('case_member')
    .values({
      tenant_id: c.tenant_id,
      id,
      case_id: c.id,
      kind: m.kind,
      user_id: m.userId ?? null,
      person_id: m.personId ?? null,
      name: m.name ?? null,
      organization: m.organization ?? null,
      role: m.role,
      status: m.invited ? 'invited' : 'active',
      added_by: ctx.userId,
      added_at: clock.iso(),
      removed_at: null,
    })
    .execute();
  return id;
}

/** Opening a case file: one access-log row per opening (who, which case, why). */
export async function getCaseFile(deps: Deps, ctx: RequestContext, id: string) {
  const { row, access } = await loadCase(deps, ctx, id, 'file');
  await writeAccess(deps.db, ctx, {
    tenantId: row.tenant_id,
    subjectKind: 'case',
    subjectId: row.id,
    fields: ['case_file'],
    purpose: 'case_work',
  });
  return presentFile(deps, ctx, row, access);
}

/** Risk, worker, supervisor, next contact: the case's own fields a worker keeps current. */
export async function updateCase(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof CaseUpdate>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  const place = {
    tenantId: before.tenant_id,
    communityId: before.community_id,
    compoundId: before.compound_id,
    buildingId: before.building_id,
  };
  const workerId = input.workerId ?? before.worker_id;
  const supervisorId = input.supervisorId ?? before.supervisor_id;
  if (input.workerId && input.workerId !== before.worker_id)
    await checkStaff(deps, input.workerId, place, 'cases.open', 'workerId');
  if (input.supervisorId && input.supervisorId !== before.supervisor_id)
    await checkStaff(deps, input.supervisorId, place, 'cases.supervise', 'supervisorId');
  if (workerId === supervisorId) throw invalid('supervisorId', '督导不能是主责社工本人');
  const patch: Partial<CaseFileRow> = {};
  if (input.riskLevel !== undefined) patch.risk_level = input.riskLevel;
  if (input.childAtRisk !== undefined) {
    patch.child_at_risk = input.childAtRisk ? 1 : 0;
    if (input.childAtRisk) patch.child_case = 1;
  }
  if (input.workerId !== undefined) patch.worker_id = input.workerId;
  if (input.supervisorId !== undefined) patch.supervisor_id = input.supervisorId;
  if (input.nextContactOn !== undefined) patch.next_contact_on = input.nextContactOn;
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      const after = await repo.updateCaseVersioned(trx, before, input.version, patch);
      if (patch.worker_id && patch.worker_id !== before.worker_id) {
        await trx
          .updateTable('case_member')
          .set({ status: 'removed', removed_at: clock.iso() })
          .where('tenant_id', '=', before.tenant_id)
          .where('case_id', '=', before.id)
          .where('role', '=', 'lead_worker')
          .where('status', '!=', 'removed')
          .execute();
        await addMemberRow(trx, ctx, after, { kind: 'user', userId: patch.worker_id, role: 'lead_worker' });
        await addEvent(trx, ctx, after, 'worker_changed', '更换主责社工');
      }
      if (patch.supervisor_id && patch.supervisor_id !== before.supervisor_id)
        await addEvent(trx, ctx, after, 'supervisor_changed', '更换督导');
      if (patch.risk_level && patch.risk_level !== before.risk_level)
        await addEvent(
          trx,
          ctx,
          after,
          'risk_changed',
          `风险等级 ${before.risk_level} → ${patch.risk_level}`,
        );
      if (patch.child_at_risk !== undefined && patch.child_at_risk !== before.child_at_risk)
        await addEvent(
          trx,
          ctx,
          after,
          'child_flag',
          patch.child_at_risk ? '标记为困境/受侵害风险儿童' : '取消儿童风险标记',
        );
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: 'case.update',
        entity: 'case',
        entityId: before.id,
        before: caseImage(before),
        after: caseImage(after),
      });
      return after;
    });
  return presentFile(deps, ctx, after, access);
}

async function hasRecord(db: CasesDb, c: CaseFileRow, kind: CasesTables['case_record']['kind']) {
  return !!(await db
    .selectFrom('case_record')
    .select('id')
    .where('tenant_id', '=', c.tenant_id)
    .where('case_id', '=', c.id)
    .where('kind', '=', kind)
    .executeTakeFirst());
}

/** What a move needs on file before it can be made (409 with what is missing). */
async function checkPreconditions(db: CasesDb, c: CaseFileRow, to: CaseFileRow['stage']) {
  const missing = (code: 'cases.mandatory_report_missing' | 'cases.record_missing', msg: string) =>
    new AppError(code, msg, [{ path: 'to', message: msg }]);
  if (c.stage === 'intake' && to === 'assessment' && c.child_at_risk === 1) {
    const report = await db
      .selectFrom('case_mandatory_report')
      .select('id')
      .where('tenant_id', '=', c.tenant_id)
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    if (!report)
      throw missing(
        'cases.mandatory_report_missing',
        '涉及儿童受侵害风险:须先登记强制报告(向谁、何时、由谁报告),才能开案',
      );
  }
  if (to === 'plan' && c.stage === 'assessment' && !(await hasRecord(db, c, 'assessment')))
    throw missing('cases.record_missing', '请先填写预估(需求、风险与优势)');
  if (to === 'intervention' && !(await hasRecord(db, c, 'plan')))
    throw missing('cases.record_missing', '请先填写服务计划(目标与介入措施)');
}

/**
 * Moves a case along the stage table. A move that needs sign-off (opening, closing) becomes a
 * pending approval for the supervisor; anything not in the table is refused with 409.
 */
export async function transition(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof TransitionRequest>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  if (input.version !== before.version)
    throw new AppError('platform.version_conflict', '该个案已被他人修改,请刷新后重试');
  const kind = checkMove(before, input.to);
  if (input.to === 'closed' && before.stage !== 'follow_up' && !input.closure)
    throw invalid('closure', '结案须填写结案原因与结果');
  const db = repo.narrow(deps.db);
  await checkPreconditions(db, before, input.to);
  const after = await db.transaction().execute(async (trx) => {
    if (kind === 'approval') {
      const ak = approvalKind(input.to);
      const after = await repo.updateCaseVersioned(trx, before, input.version, { pending: ak });
      await trx
        .insertInto('case_approval')
        .values({
          tenant_id: before.tenant_id,
          id: uuidv7(),
          case_id: before.id,
          kind: ak,
          to_stage: input.to,
          status: 'pending',
          requested_by: ctx.userId,
          requested_at: clock.iso(),
          comment: input.comment,
          closure_sealed: input.closure ? deps.crypto.seal(JSON.stringify(input.closure)) : null,
          decided_by: null,
          decided_at: null,
          decision_comment: null,
        })
        .execute();
      await addEvent(trx, ctx, after, 'approval_requested', `提交${ak === 'open' ? '开案' : '结案'}审批`, {
        to: input.to,
        ...(input.closure ? { reason: input.closure.reason } : {}),
      });
      await writeAudit(trx, ctx, {
        tenantId: before.tenant_id,
        action: `case.request_${ak}`,
        entity: 'case',
        entityId: before.id,
        before: caseImage(before),
        after: caseImage(after),
      });
      return after;
    }
    const patch: Partial<CaseFileRow> = { stage: input.to };
    if (input.to === 'reopened') patch.closed_on = null;
    if (input.to === 'closed' && !before.closed_on) patch.closed_on = today();
    const after = await repo.updateCaseVersioned(trx, before, input.version, patch);
    if (input.closure) await addClosureRecord(deps, trx, ctx, after, input.closure);
    await addEvent(trx, ctx, after, 'transition', `${stageLabel(before.stage)} → ${stageLabel(input.to)}`, {
      from: before.stage,
      to: input.to,
      ...(input.comment ? { hasComment: true } : {}),
    });
    await writeAudit(trx, ctx, {
      tenantId: before.tenant_id,
      action: 'case.transition',
      entity: 'case',
      entityId: before.id,
      before: caseImage(before),
      after: caseImage(after),
    });
    return after;
  });
  return presentFile(deps, ctx, after, access);
}

async function addClosureRecord(
  deps: Deps,
  trx: CasesDb,
  ctx: RequestContext,
  c: CaseFileRow,
  closure: { reason: string; outcome: string },
) {
  await trx
    .insertInto('case_record')
    .values({
      tenant_id: c.tenant_id,
      id: uuidv7(),
      case_id: c.id,
      kind: 'closure',
      body_sealed: deps.crypto.seal(JSON.stringify(closure)),
      codes: JSON.stringify([closure.reason]),
      created_by: ctx.userId,
      created_at: clock.iso(),
    })
    .execute();
}

/** The supervisor approves (the move happens) or returns (the case stays, with the comment) a pending request. */
export async function decideApproval(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  approvalId: string,
  input: z.output<typeof ApprovalDecision>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'approve');
  const db = repo.narrow(deps.db);
  const approval = await db
    .selectFrom('case_approval')
    .selectAll()
    .where('tenant_id', '=', before.tenant_id)
    .where('case_id', '=', before.id)
    .where('id', '=', approvalId)
    .executeTakeFirst();
  if (!approval) throw notFound('审批申请');
  if (approval.status !== 'pending' || !before.pending)
    throw new AppError('cases.no_pending_approval', '该申请已处理');
  if (approval.requested_by && approval.requested_by === ctx.userId)
    throw new AppError('cases.self_approval', '不能审批自己提交的申请');
  if (input.decision === 'return' && !input.comment) throw invalid('comment', '退回时请写明原因');
  const next = afterDecision(before, approval.to_stage, input.decision);
  const after = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('case_approval')
      .set({
        status: input.decision === 'approve' ? 'approved' : 'returned',
        decided_by: ctx.userId,
        decided_at: clock.iso(),
        decision_comment: input.comment,
      })
      .where('tenant_id', '=', before.tenant_id)
      .where('id', '=', approval.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('cases.no_pending_approval', '该申请已处理');
    const patch: Partial<CaseFileRow> = { stage: next.stage, pending: null };
    if (input.decision === 'approve' && next.stage === 'closed') patch.closed_on = today();
    const after = await repo.updateCaseVersioned(trx, before, null, patch);
    if (input.decision === 'approve' && approval.closure_sealed)
      await addClosureRecord(deps, trx, ctx, after, JSON.parse(deps.crypto.open(approval.closure_sealed)));
    const what = approval.kind === 'open' ? '开案' : '结案';
    await addEvent(
      trx,
      ctx,
      after,
      input.decision === 'approve' ? 'approval_approved' : 'approval_returned',
      input.decision === 'approve'
        ? `督导批准${what}:${stageLabel(before.stage)} → ${stageLabel(next.stage)}`
        : `督导退回${what}申请`,
      { approvalId: approval.id },
    );
    await writeAudit(trx, ctx, {
      tenantId: before.tenant_id,
      action: `case.${approval.kind}_${input.decision === 'approve' ? 'approved' : 'returned'}`,
      entity: 'case',
      entityId: before.id,
      before: caseImage(before),
      after: caseImage(after),
    });
    return after;
  });
  return presentFile(deps, ctx, after, access);
}

const RECORD_STAGES: Record<z.output<typeof CaseRecordInput>['kind'], CaseFileRow['stage'][]> = {
  assessment: ['assessment', 'plan', 'intervention', 'evaluation', 'reopened'],
  plan: ['plan', 'intervention', 'evaluation'],
  evaluation: ['evaluation'],
};

/** Saves an assessment, plan or evaluation; the latest of each kind is the current one. */
export async function addRecord(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof CaseRecordInput>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  if (!RECORD_STAGES[input.kind].includes(before.stage)) {
    throw new AppError(
      'cases.record_wrong_stage',
      `个案处于「${stageLabel(before.stage)}」阶段,不能填写该记录`,
      [{ path: 'kind', message: `「${stageLabel(before.stage)}」阶段不能填写` }],
    );
  }
  const codes = input.kind === 'assessment' ? input.needs.map((n) => n.domain) : [];
  if (new Set(codes).size !== codes.length) throw invalid('needs', '同一需求领域只能记录一次');
  const { kind, ...body } = input;
  const label = { assessment: '预估', plan: '服务计划', evaluation: '评估' }[kind];
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('case_record')
        .values({
          tenant_id: before.tenant_id,
          id: uuidv7(),
          case_id: before.id,
          kind,
          body_sealed: deps.crypto.seal(JSON.stringify(body)),
          codes: JSON.stringify(codes),
          created_by: ctx.userId,
          created_at: clock.iso(),
        })
        .execute();
      return touchCase(trx, ctx, before, {
        patch: input.kind === 'assessment' ? { risk_level: input.riskLevel } : {},
        event: [
          `record_${kind}`,
          kind === 'assessment'
            ? `填写预估:${codes.map((c) => NEED_LABELS[c].zh).join('、')}`
            : `填写${label}`,
          { kind },
        ],
        action: `case.record_${kind}`,
        audit: { after: { kind, codes } },
      });
    });
  return presentFile(deps, ctx, after, access);
}

/** Records the mandatory report about a child (to whom, when, by whom): 未成年人保护法 §11. */
export async function addMandatoryReport(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof MandatoryReportInput>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  if (input.reportedAt > clock.iso()) throw invalid('reportedAt', '报告时间不能晚于现在');
  const after = await repo
    .narrow(deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('case_mandatory_report')
        .values({
          tenant_id: before.tenant_id,
          id: uuidv7(),
          case_id: before.id,
          reported_to: input.reportedTo,
          reported_at: input.reportedAt,
          reported_by: input.reportedBy,
          channel: input.channel,
          reference: input.reference,
          recorded_by: ctx.userId,
          recorded_at: clock.iso(),
        })
        .execute();
      return touchCase(trx, ctx, before, {
        event: ['mandatory_report', `登记强制报告:已报告${input.reportedTo}`],
        action: 'case.mandatory_report',
        audit: {
          after: { reportedTo: input.reportedTo, reportedAt: input.reportedAt, channel: input.channel },
        },
      });
    });
  return presentFile(deps, ctx, after, access);
}

/** Is the account active and doing casework (cases.open, .supervise or .file_any) at the place? */
export async function caseworkerAt(deps: Deps, userId: string, place: Place): Promise<boolean> {
  const u = await staffMember(deps, userId);
  return (
    !!u &&
    holdsCasework(
      { userId: u.id, displayName: u.name, homeTenantId: u.homeTenantId, sessionId: '', grants: u.grants },
      place,
    )
  );
}

/** An active account that belongs to the tenant (homed there or holding a grant there). */
async function accountOfTenant(deps: Deps, userId: string, tenantId: string): Promise<boolean> {
  const u = await staffMember(deps, userId);
  return !!u && (u.homeTenantId === tenantId || u.grants.some((g) => g.tenantId === tenantId));
}

/**
 * A resident joining the team (a volunteer found by matching, a neighbour who helps): registered
 * and active in the case's tenant, not the client, never a co-worker; and either a registered
 * volunteer (volunteers serve the whole subdistrict, as matching proposes them) or someone within
 * the caller's reach (people.read where they live).
 */
async function checkHelperPerson(
  deps: Deps,
  ctx: RequestContext,
  c: CaseFileRow,
  personId: string,
  role: CasesTables['case_member']['role'],
) {
  const p = (await personLabels(deps, [personId])).get(personId);
  if (!p || p.tenantId !== c.tenant_id || p.status !== 'active') throw invalid('personId', '居民不存在');
  if (personId === c.person_id) throw invalid('personId', '服务对象本人不能加入服务团队');
  if (role === 'co_worker') throw invalid('role', '居民只能以志愿者、组织联络人或其他身份加入服务团队');
  const place: Place = {
    tenantId: p.tenantId,
    communityId: p.communityId,
    compoundId: p.compoundId,
    buildingId: p.buildingId,
  };
  if (decide(ctx.user(), 'people.read', place) === 'allow') return;
  const volunteers = await activeVolunteers(deps, c.tenant_id);
  if (!volunteers.some((v) => v.personId === personId))
    throw invalid('personId', '该居民不在您的工作范围内;其他社区的居民须为已登记的志愿者才能邀请');
}

/** Adds a staff member, a resident (volunteer) or an outside contact to the care team. */
export async function addMember(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof TeamMemberInput>,
) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  const db = repo.narrow(deps.db);
  const current = await db
    .selectFrom('case_member')
    .selectAll()
    .where('tenant_id', '=', before.tenant_id)
    .where('case_id', '=', before.id)
    .where('status', '!=', 'removed')
    .execute();
  let name: string | null = input.name;
  let invited = input.invited;
  if (input.kind === 'user') {
    if (current.some((m) => m.user_id === input.userId))
      throw new AppError('cases.already_on_team', '此人已在服务团队中');
    // Staff hold casework at the case's place; anyone else (a resident's or a volunteer's account)
    // joins only as an invited helper, who never opens the file (cases.policy HELPER_ROLE).
    if (!(await caseworkerAt(deps, input.userId!, casePlace(before)))) {
      if (input.role !== HELPER_ROLE || !(await accountOfTenant(deps, input.userId!, before.tenant_id)))
        throw invalid(
          'userId',
          '须为在此社区有个案工作权限的社工、督导或站长;居民和志愿者只能以"志愿者"身份受邀加入',
        );
      invited = true;
    }
    name = null;
  } else if (input.kind === 'person') {
    await checkHelperPerson(deps, ctx, before, input.personId!, input.role);
    if (current.some((m) => m.person_id === input.personId))
      throw new AppError('cases.already_on_team', '此人已在服务团队中');
    invited = true;
    name = null;
  }
  const after = await db.transaction().execute(async (trx) => {
    await addMemberRow(trx, ctx, before, { ...input, name, invited });
    return touchCase(trx, ctx, before, {
      event: [
        invited ? 'team_invited' : 'team_added',
        `${invited ? '邀请' : '加入'}服务团队:${TEAM_ROLE_LABELS[input.role].zh}`,
      ],
      action: 'case.team_add',
      audit: {
        after: { kind: input.kind, userId: input.userId, personId: input.personId, role: input.role },
      },
    });
  });
  return presentFile(deps, ctx, after, access);
}

export async function removeMember(deps: Deps, ctx: RequestContext, id: string, memberId: string) {
  const { row: before, access } = await loadCase(deps, ctx, id, 'write');
  const db = repo.narrow(deps.db);
  const m = await db
    .selectFrom('case_member')
    .selectAll()
    .where('tenant_id', '=', before.tenant_id)
    .where('case_id', '=', before.id)
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!m || m.status === 'removed') throw notFound('团队成员');
  if (m.role === 'lead_worker')
    throw new AppError('cases.lead_worker_required', '主责社工不能移出,请先更换主责社工');
  const after = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('case_member')
      .set({ status: 'removed', removed_at: clock.iso() })
      .where('tenant_id', '=', before.tenant_id)
      .where('id', '=', m.id)
      .execute();
    return touchCase(trx, ctx, before, {
      event: ['team_removed', `移出服务团队:${TEAM_ROLE_LABELS[m.role].zh}`],
      action: 'case.team_remove',
      audit: { before: { memberId: m.id, role: m.role } },
    });
  });
  return presentFile(deps, ctx, after, access);
}

/** Cases the caller may see: those in their cases.read scope, and those they work or supervise. */
function visible(
  eb: ExpressionBuilder<CasesTables, 'case_file'>,
  userId: string,
  s: ReturnType<typeof scopeOf>,
  mineOnly: boolean,
) {
  // The cases one works or supervises, as one id set each index answers (an OR of the three
  // conditions made SQLite test every case in turn: 31 ms → 7 ms for a worker at 5,000 cases).
  const mine = [
    eb(
      'case_file.id',
      'in',
      eb
        .selectFrom('case_member')
        .select('case_member.case_id')
        .where('case_member.user_id', '=', userId)
        .where('case_member.status', '=', 'active')
        .union(eb.selectFrom('case_file as w').select('w.id as case_id').where('w.worker_id', '=', userId))
        .union(
          eb.selectFrom('case_file as s').select('s.id as case_id').where('s.supervisor_id', '=', userId),
        ),
    ),
  ];
  if (mineOnly || s.all) return mineOnly ? eb.or(mine) : eb.lit(true);
  return eb.or([
    ...mine,
    ...(s.tenantIds.size ? [eb('case_file.tenant_id', 'in', [...s.tenantIds])] : []),
    ...(s.communityIds.size ? [eb('case_file.community_id', 'in', [...s.communityIds])] : []),
    ...(s.compoundIds.size ? [eb('case_file.compound_id', 'in', [...s.compoundIds])] : []),
    ...(s.buildingIds.size ? [eb('case_file.building_id', 'in', [...s.buildingIds])] : []),
  ]);
}

export { visible as visibleCases };

/** The caseload: newest first, keyset-paged; rows the caller may not open show only number and stage. */
export async function listCases(deps: Deps, ctx: RequestContext, q: z.output<typeof CaseListQuery>) {
  const p = ctx.scoped();
  const s = scopeOf(p, 'cases.read');
  const db = repo.narrow(deps.db);
  let query = db
    .selectFrom('case_file')
    .selectAll('case_file')
    .select((eb) => repo.myRole(eb, p.userId))
    .where((eb) => visible(eb, p.userId, s, !!q.mine || scopeIsEmpty(s)));
  if (q.tenantId) query = query.where('case_file.tenant_id', '=', q.tenantId);
  if (q.stage) query = query.where('case_file.stage', '=', q.stage);
  if (q.communityId) query = query.where('case_file.community_id', '=', q.communityId);
  if (q.riskLevel) query = query.where('case_file.risk_level', '=', q.riskLevel);
  if (q.cursor) {
    const [tenant, id] = q.cursor.split('.');
    if (!tenant || !id) throw invalid('cursor', '翻页标记无效');
    query = query.where((eb) =>
      eb.or([
        eb('case_file.tenant_id', '<', tenant),
        eb.and([eb('case_file.tenant_id', '=', tenant), eb('case_file.id', '<', id)]),
      ]),
    );
  }
  // Newest first within a tenant, walking the primary key: a page stops after `limit` matches.
  const rows = await query
    .orderBy('case_file.tenant_id', 'desc')
    .orderBy('case_file.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: await summarizeAll(deps, p, items),
    nextCursor: rows.length > q.limit && last ? `${last.tenant_id}.${last.id}` : null,
  };
}
