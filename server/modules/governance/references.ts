import { type Decision, decide, type Place } from '../../platform/access';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError, invalid } from '../../platform/errors';
import { personLabels } from '../people/index';
import { levelPlace, recordPlace } from './governance.policy';
import type { GovTx } from './governance.tables';

/**
 * Records named in a request body (DESIGN §3, issue 9): an agenda item, an action, a merge, a notice
 * or a roll call may only name records of the tenant it is written in, within the caller's reach —
 * checked here like an id in a path: 404 when the caller cannot see the record, 403 when they can
 * but may not do this with it; either way the field is named.
 */
function refuse(d: Exclude<Decision, 'allow'>, field: string, what: string): never {
  const message = d === 'forbidden' ? `无权处理该${what}` : `${what}不存在或无权查看`;
  throw new AppError(d === 'forbidden' ? 'platform.forbidden' : 'platform.not_found', message, [
    { path: field, message },
  ]);
}

async function issueOf(db: GovTx, tenantId: string, id: string, field: string) {
  const issue = await db
    .selectFrom('gov_issue')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!issue) refuse('not_found', field, '诉求');
  return issue;
}

/**
 * An issue a meeting takes up (agenda, action): of the meeting's tenant, and one the caller may
 * handle at its current level — a building leader cannot move another community's issue by
 * tabling it at their own building's meeting.
 */
export async function issueToHandle(
  db: GovTx,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  field: string,
) {
  const issue = await issueOf(db, tenantId, id, field);
  const d = decide(ctx.user(), 'governance.handle', levelPlace(issue, issue.level));
  if (d !== 'allow') refuse(d, field, '诉求');
  return issue;
}

/** An issue or meeting a notice links to, or an issue another is merged into: one the caller may read. */
export async function readable(
  db: GovTx,
  ctx: RequestContext,
  table: 'gov_issue' | 'gov_meeting',
  tenantId: string,
  id: string,
  field: string,
) {
  const what = table === 'gov_issue' ? '诉求' : '会议';
  const row = await db
    .selectFrom(table)
    .select(['id', 'tenant_id', 'community_id', 'compound_id', 'building_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) refuse('not_found', field, what);
  const d = decide(ctx.user(), 'governance.read', recordPlace(row));
  if (d !== 'allow') refuse(d, field, what);
  return row;
}

/**
 * People named as a body's members or a meeting's attendees: registered in the tenant and within
 * the caller's reach (people.read where they live). Another community's residents are for that
 * community's own staff to seat (issue 9 §13). 400 naming the field either way, so the answer does
 * not tell whether the id exists elsewhere.
 */
export async function peopleInReach(
  deps: Deps,
  ctx: RequestContext,
  tenantId: string,
  ids: string[],
  field: string,
): Promise<void> {
  const p = ctx.user();
  const labels = await personLabels(deps, ids);
  for (const [i, id] of ids.entries()) {
    const person = labels.get(id);
    const place: Place | null = person
      ? {
          tenantId: person.tenantId,
          communityId: person.communityId,
          compoundId: person.compoundId,
          buildingId: person.buildingId,
        }
      : null;
    if (!person || person.tenantId !== tenantId || decide(p, 'people.read', place!) !== 'allow')
      throw invalid(
        field.endsWith('s') ? `${field}.${i}` : field,
        '该居民不在本街道的居民库中或不在您的工作范围内',
      );
  }
}
