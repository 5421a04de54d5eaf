import type { z } from 'zod';
import type { CaseSummary } from '../../../contracts/cases';
import type { Principal } from '../../platform/access';
import type { Deps } from '../../platform/deps';
import { userNames } from '../accounts/index';
import { householdLabels, personLabels } from '../people/index';
import { nodeNames } from '../territory/index';
import { caseAccess } from './cases.policy';
import type { CaseFileRow, CaseMemberRow } from './cases.tables';

type Summary = z.input<typeof CaseSummary>;

/** Names needed to show some cases: subjects (masked), workers, communities — one query per kind. */
export async function namesFor(
  deps: Deps,
  rows: CaseFileRow[],
  extraUserIds: (string | null)[] = [],
  extraCommunityIds: (string | null)[] = [],
) {
  const [persons, households, users, places] = await Promise.all([
    personLabels(
      deps,
      rows.flatMap((r) => (r.person_id ? [r.person_id] : [])),
    ),
    householdLabels(
      deps,
      rows.flatMap((r) => (r.subject_kind === 'household' && r.household_id ? [r.household_id] : [])),
    ),
    userNames(deps, [...rows.flatMap((r) => [r.worker_id, r.supervisor_id]), ...extraUserIds]),
    nodeNames(
      deps,
      [...rows.map((r) => r.community_id), ...extraCommunityIds].map((id) => ({
        kind: 'community' as const,
        id,
      })),
    ),
  ]);
  return { persons, households, users, places };
}
export type Names = Awaited<ReturnType<typeof namesFor>>;

export const userRef = (names: Names, id: string | null) =>
  id ? { id, name: names.users.get(id) ?? '(已删除账号)' } : null;

/**
 * A case as a list shows it. `file` says whether the caller may open it; when not, only its
 * number, stage, place and dates are shown.
 */
export function summarize(row: CaseFileRow, file: boolean, names: Names): Summary {
  const base = {
    id: row.id,
    tenantId: row.tenant_id,
    number: row.number,
    stage: row.stage,
    pending: row.pending,
    communityId: row.community_id,
    communityName: row.community_id ? (names.places.get(row.community_id) ?? null) : null,
    openedOn: row.intake_on,
    updatedAt: row.updated_at,
  };
  if (!file) {
    return {
      ...base,
      restricted: true,
      subject: null,
      riskLevel: null,
      childAtRisk: null,
      worker: null,
      supervisor: null,
      nextContactOn: null,
    };
  }
  const person = row.person_id ? names.persons.get(row.person_id) : undefined;
  const household = row.household_id ? names.households.get(row.household_id) : undefined;
  return {
    ...base,
    restricted: false,
    subject: {
      kind: row.subject_kind,
      personId: row.person_id,
      householdId: row.household_id,
      name: row.subject_kind === 'household' ? (household?.name ?? '(家庭)') : (person?.name ?? '(居民)'),
      ageBand: row.subject_kind === 'person' ? (person?.ageBand ?? null) : null,
      minor: row.child_case === 1,
    },
    riskLevel: row.risk_level,
    childAtRisk: row.child_at_risk === 1,
    worker: userRef(names, row.worker_id),
    supervisor: userRef(names, row.supervisor_id),
    nextContactOn: row.next_contact_on,
  };
}

/** Summaries of rows the caller listed, each at the caller's own access level. */
export async function summarizeAll(
  deps: Deps,
  p: Principal,
  rows: (CaseFileRow & { my_role: CaseMemberRow['role'] | null })[],
  prefetched?: Names,
): Promise<Summary[]> {
  const names = prefetched ?? (await namesFor(deps, rows));
  return rows.map((r) =>
    summarize(r, caseAccess(p, r, r.my_role ? { role: r.my_role, status: 'active' } : null).file, names),
  );
}
