import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { clock } from '../../platform/clock';
import { versionConflict } from '../../platform/errors';
import type { CaseFileRow, CaseMemberRow, CasesDb, CasesTables } from './cases.tables';

export const narrow = (db: Db) => db as unknown as CasesDb;

export const findCase = (db: CasesDb, id: string) =>
  db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirst();

/** The caller's current memberships (active, or invited helpers) among some cases (one query). */
export async function membershipsOf(
  db: CasesDb,
  userId: string,
  caseIds: string[],
): Promise<CaseMemberRow[]> {
  if (!userId || caseIds.length === 0) return [];
  return db
    .selectFrom('case_member')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '!=', 'removed')
    .where('case_id', 'in', caseIds)
    .execute();
}

/** Updates a case if it is still at the version the caller saw (else 409), bumping the version. */
export async function updateCaseVersioned(
  trx: CasesDb,
  before: CaseFileRow,
  expected: number | null,
  patch: Partial<CaseFileRow>,
): Promise<CaseFileRow> {
  if (expected !== null && expected !== before.version) throw versionConflict();
  const after = { ...before, ...patch, updated_at: clock.iso(), version: before.version + 1 };
  const res = await trx
    .updateTable('case_file')
    .set({ ...patch, updated_at: after.updated_at, version: after.version })
    .where('tenant_id', '=', before.tenant_id)
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
  return after;
}

/** The caller's active role on each listed case (a column `my_role`, through the member index). */
export const myRole = (eb: ExpressionBuilder<CasesTables, 'case_file'>, userId: string) =>
  eb
    .selectFrom('case_member')
    .select('case_member.role')
    .whereRef('case_member.tenant_id', '=', 'case_file.tenant_id')
    .whereRef('case_member.case_id', '=', 'case_file.id')
    .where('case_member.user_id', '=', userId)
    .where('case_member.status', '=', 'active')
    .limit(1)
    .as('my_role');
