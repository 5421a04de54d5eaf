import type { Permission } from '../../../contracts/access';
import { type Decision, decide, type Place, type Principal } from '../../platform/access';
import type { CaseFileRow, CaseMemberRow } from './cases.tables';

export const casePlace = (
  c: Pick<CaseFileRow, 'tenant_id' | 'community_id' | 'compound_id' | 'building_id'>,
): Place => ({
  tenantId: c.tenant_id,
  communityId: c.community_id,
  compoundId: c.compound_id,
  buildingId: c.building_id,
});

/**
 * Casework at a place: the permissions that make an account staff on a care team there (a social
 * worker opens and works cases, a supervisor supervises, a station head opens any file).
 */
export const CASEWORK: readonly Permission[] = ['cases.open', 'cases.supervise', 'cases.file_any'];
export const holdsCasework = (p: Principal, place: Place) =>
  CASEWORK.some((perm) => decide(p, perm, place) === 'allow');

/**
 * The team role of helpers: residents and volunteers (with or without an account) join a care team
 * only as this, invited. A helper is not a caseworker: they never open the file (no presenting
 * problem, assessment, notes, conferences, funding or attachments); they see the case only
 * through the tasks assigned to them (my tasks: the case number, the task, its due date, the
 * client's masked name and the building to go to) and may mark those done.
 */
export const HELPER_ROLE = 'volunteer' as const;

/** What one principal may do with one case. */
export interface CaseAccess {
  /** Sees that it exists and its stage (cases.read, a helper on its team, or any of the below). */
  see: boolean;
  /** Opens the file: the care team, its worker and supervisor, or cases.file_any (station head). */
  file: boolean;
  /** Writes to it: workers on the team, the supervisor, or a station head. */
  write: boolean;
  /** Decides its approvals: its supervisor, or a station head (cases.supervise + cases.file_any). */
  approve: boolean;
}

const WRITING_ROLES = new Set<CaseMemberRow['role']>(['lead_worker', 'co_worker']);

/**
 * Confidentiality (issue 4 §4, §9): only the care team, the supervisor and the station head see
 * a case file; others with cases.read at its place see that it exists.
 */
export function caseAccess(
  p: Principal,
  c: CaseFileRow,
  member: Pick<CaseMemberRow, 'role' | 'status'> | null,
): CaseAccess {
  const place = casePlace(c);
  const allow = (perm: Parameters<typeof decide>[1]) => decide(p, perm, place) === 'allow';
  const fileAny = allow('cases.file_any');
  const isWorker = c.worker_id === p.userId;
  const isSupervisor = c.supervisor_id === p.userId;
  const helper = !!member && member.role === HELPER_ROLE && member.status !== 'removed';
  // A team member opens the file only while active and still doing casework at the case's place
  // (issue 9 §4: a resident's account added as co-worker must not open it).
  const staff = !!member && !helper && member.status === 'active' && holdsCasework(p, place);
  const file = fileAny || isWorker || isSupervisor || staff;
  const write =
    isWorker || isSupervisor || (fileAny && allow('cases.open')) || (staff && WRITING_ROLES.has(member.role));
  const approve = isSupervisor || (fileAny && allow('cases.supervise'));
  return { see: file || helper || allow('cases.read'), file, write, approve };
}

/** The policy decision for needing `what` of a case: 404 when the case is invisible, else 403. */
export function decideCase(a: CaseAccess, need: 'see' | 'file' | 'write' | 'approve'): Decision {
  if (a[need]) return 'allow';
  return a.see ? 'forbidden' : 'not_found';
}
