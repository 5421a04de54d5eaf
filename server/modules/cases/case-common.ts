import { writeAudit } from '../../platform/audit-writer';
import { clock } from '../../platform/clock';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { notFound } from '../../platform/errors';
import { uuidv7 } from '../../platform/ids';
import { type CaseAccess, caseAccess, decideCase } from './cases.policy';
import * as repo from './cases.repository';
import type { CaseFileRow, CasesDb } from './cases.tables';

/** Loads a case and checks the caller may do `need` with it (404 when invisible, else 403). */
export async function loadCase(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  need: 'see' | 'file' | 'write' | 'approve',
): Promise<{ row: CaseFileRow; access: CaseAccess }> {
  const db = repo.narrow(deps.db);
  const row = await repo.findCase(db, id);
  if (!row) throw notFound('个案');
  const p = ctx.user();
  const access = caseAccess(p, row, (await repo.membershipsOf(db, p.userId, [row.id]))[0] ?? null);
  ctx.authorizeBy(decideCase(access, need), '个案');
  return { row, access };
}

/** One line on the case's timeline (short, with no notes or names in it). */
export async function addEvent(
  trx: CasesDb,
  ctx: RequestContext,
  c: Pick<CaseFileRow, 'tenant_id' | 'id'>,
  kind: string,
  summary: string,
  data: Record<string, unknown> | null = null,
) {
  await trx
    .insertInto('case_event')
    .values({
      tenant_id: c.tenant_id,
      id: uuidv7(),
      case_id: c.id,
      at: clock.iso(),
      kind,
      actor_id: ctx.userId,
      summary,
      data: data ? JSON.stringify(data) : null,
    })
    .execute();
}

/** What the audit log keeps of a case: codes and ids, never its free text. */
export const caseImage = (c: CaseFileRow) => ({
  number: c.number,
  subjectKind: c.subject_kind,
  personId: c.person_id,
  householdId: c.household_id,
  communityId: c.community_id,
  stage: c.stage,
  pending: c.pending,
  riskLevel: c.risk_level,
  childAtRisk: c.child_at_risk === 1,
  workerId: c.worker_id,
  supervisorId: c.supervisor_id,
  nextContactOn: c.next_contact_on,
  version: c.version,
});

/** Today in China (dates of visits and due dates are local dates). */
export const today = () => new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * What every write to a case ends with, in its transaction: the case's version moves on (so a
 * stale form is refused), a line goes on the timeline, a row on the audit log.
 */
export async function touchCase(
  trx: CasesDb,
  ctx: RequestContext,
  before: CaseFileRow,
  o: {
    patch?: Partial<CaseFileRow>;
    event: [kind: string, summary: string, data?: Record<string, unknown> | null];
    action: string;
    audit: { before?: unknown; after?: unknown };
  },
): Promise<CaseFileRow> {
  const after = await repo.updateCaseVersioned(trx, before, null, o.patch ?? {});
  await addEvent(trx, ctx, after, o.event[0], o.event[1], o.event[2] ?? null);
  await writeAudit(trx, ctx, {
    tenantId: before.tenant_id,
    action: o.action,
    entity: 'case',
    entityId: before.id,
    ...o.audit,
  });
  return after;
}
