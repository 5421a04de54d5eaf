import type { z } from 'zod';
import type { CaseAction, CaseFile, Funding } from '../../../contracts/cases';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { personLabels } from '../people/index';
import { today } from './case-common';
import { type Names, namesFor, summarize, userRef } from './case-present';
import { settingsOf } from './case-settings.service';
import type { CaseAccess } from './cases.policy';
import * as repo from './cases.repository';
import type { CaseActionRow, CaseAttachmentRow, CaseFileRow, CaseFundingRow } from './cases.tables';
import { allowedMoves } from './cases.workflow';

const json = <T>(s: string | null, dflt: T): T => (s ? (JSON.parse(s) as T) : dflt);

export function presentAction(
  a: CaseActionRow,
  caseNumber: string,
  names: Names,
): z.input<typeof CaseAction> {
  return {
    id: a.id,
    caseId: a.case_id,
    caseNumber,
    conferenceId: a.conference_id,
    title: a.title,
    owner: userRef(names, a.owner_id),
    dueOn: a.due_on,
    doneAt: a.done_at,
    overdue: !a.done_at && a.due_on < today(),
    visit: null,
  };
}

export function presentFunding(
  deps: Deps,
  f: CaseFundingRow,
  caseNumber: string,
  attachments: CaseAttachmentRow[],
  names: Names,
): z.input<typeof Funding> {
  return {
    id: f.id,
    caseId: f.case_id,
    caseNumber,
    amountFen: Number(f.amount_fen),
    purpose: f.purpose,
    justification: deps.crypto.open(f.justification_sealed),
    status: f.status,
    requestedBy: userRef(names, f.requested_by),
    requestedAt: f.requested_at,
    decidedBy: userRef(names, f.decided_by),
    decidedAt: f.decided_at,
    decisionComment: f.decision_comment,
    paymentRef: f.payment_ref,
    attachments: attachments
      .filter((a) => a.funding_id === f.id)
      .map((a) => ({
        id: a.id,
        name: a.name,
        contentType: a.content_type,
        size: a.size,
        uploadedAt: a.uploaded_at,
      })),
    version: f.version,
  };
}

/** The whole case file, opened (free text unsealed), for someone the policy let in. */
export async function presentFile(
  deps: Deps,
  ctx: RequestContext,
  row: CaseFileRow,
  access: CaseAccess,
): Promise<z.input<typeof CaseFile>> {
  const db = repo.narrow(deps.db);
  const t = row.tenant_id;
  const c = row.id;
  const [
    records,
    reports,
    team,
    services,
    conferences,
    actions,
    funding,
    attachments,
    events,
    approvals,
    settings,
  ] = await Promise.all([
    db
      .selectFrom('case_record')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('case_mandatory_report')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('reported_at')
      .execute(),
    db
      .selectFrom('case_member')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('added_at')
      .execute(),
    db
      .selectFrom('case_service')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('service_date', 'desc')
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute(),
    db
      .selectFrom('case_conference')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('held_on', 'desc')
      .execute(),
    db
      .selectFrom('case_action')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('due_on')
      .execute(),
    db
      .selectFrom('case_funding')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('requested_at', 'desc')
      .execute(),
    db
      .selectFrom('case_attachment')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('uploaded_at')
      .execute(),
    db
      .selectFrom('case_event')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute(),
    db
      .selectFrom('case_approval')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('case_id', '=', c)
      .where('status', '=', 'pending')
      .execute(),
    settingsOf(deps, t),
  ]);
  const userIds = [
    ...records.map((r) => r.created_by),
    ...reports.map((r) => r.recorded_by),
    ...team.map((m) => m.user_id),
    ...services.map((s) => s.worker_id),
    ...conferences.flatMap((c) => [c.created_by, ...json<string[]>(c.internal_ids, [])]),
    ...actions.map((a) => a.owner_id),
    ...funding.flatMap((f) => [f.requested_by, f.decided_by]),
    ...events.map((e) => e.actor_id),
    ...approvals.map((a) => a.requested_by),
  ];
  const [names, people] = await Promise.all([
    namesFor(deps, [row], userIds),
    personLabels(
      deps,
      team.flatMap((m) => (m.person_id ? [m.person_id] : [])),
    ),
  ]);
  const typeName = new Map(settings.serviceTypes.map((t) => [t.code, t.name]));
  const pending = approvals[0];
  const me = ctx.userId;
  return {
    ...summarize(row, true, names),
    referralSource: row.referral_source as z.input<typeof CaseFile>['referralSource'],
    referralDetail: row.referral_detail,
    presentingProblem: deps.crypto.open(row.presenting_sealed),
    intakeOn: row.intake_on,
    closedOn: row.closed_on,
    version: row.version,
    allowedMoves: access.write ? allowedMoves(row) : [],
    pendingApproval: pending
      ? {
          id: pending.id,
          caseId: row.id,
          kind: pending.kind,
          to: pending.to_stage,
          requestedBy: userRef(names, pending.requested_by),
          requestedAt: pending.requested_at,
          comment: pending.comment,
          closure: pending.closure_sealed ? JSON.parse(deps.crypto.open(pending.closure_sealed)) : null,
        }
      : null,
    canWrite: access.write,
    canApprove: access.approve && !!pending && pending.requested_by !== me,
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      body: JSON.parse(deps.crypto.open(r.body_sealed)),
      createdBy: userRef(names, r.created_by),
      createdAt: r.created_at,
    })),
    mandatoryReports: reports.map((r) => ({
      id: r.id,
      reportedTo: r.reported_to,
      reportedAt: r.reported_at,
      reportedBy: r.reported_by,
      channel: r.channel as 'phone',
      reference: r.reference,
      recordedBy: userRef(names, r.recorded_by),
      recordedAt: r.recorded_at,
    })),
    team: team.map((m) => ({
      id: m.id,
      kind: m.kind,
      userId: m.user_id,
      personId: m.person_id,
      name:
        m.kind === 'user'
          ? (names.users.get(m.user_id!) ?? '(账号)')
          : m.kind === 'person'
            ? (people.get(m.person_id!)?.name ?? '(居民)')
            : (m.name ?? ''),
      organization: m.organization,
      role: m.role,
      status: m.status,
      addedAt: m.added_at,
      removedAt: m.removed_at,
    })),
    services: services.map((s) => ({
      id: s.id,
      type: s.type,
      typeName: typeName.get(s.type) ?? s.type,
      date: s.service_date,
      durationMin: s.duration_min,
      worker: userRef(names, s.worker_id),
      notes: deps.crypto.open(s.notes_sealed),
      nextContactOn: s.next_contact_on,
      createdAt: s.created_at,
    })),
    conferences: conferences.map((c) => ({
      id: c.id,
      heldOn: c.held_on,
      internalAttendees: json<string[]>(c.internal_ids, []).map((id) => userRef(names, id)!),
      externalAttendees: JSON.parse(deps.crypto.open(c.external_sealed)),
      discussion: deps.crypto.open(c.discussion_sealed),
      decisions: deps.crypto.open(c.decisions_sealed),
      actions: actions
        .filter((a) => a.conference_id === c.id)
        .map((a) => presentAction(a, row.number, names)),
      createdBy: userRef(names, c.created_by),
      createdAt: c.created_at,
    })),
    funding: funding.map((f) => presentFunding(deps, f, row.number, attachments, names)),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      actor: userRef(names, e.actor_id),
      summary: e.summary,
      data: json(e.data, null),
    })),
  };
}
