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

/** What one principal may do with one case. */
export interface CaseAccess {
  /** Sees that it exists and its stage (cases.read, or any of the below). */
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
  member: Pick<CaseMemberRow, 'role'> | null,
): CaseAccess {
  const place = casePlace(c);
  const allow = (perm: Parameters<typeof decide>[1]) => decide(p, perm, place) === 'allow';
  const fileAny = allow('cases.file_any');
  const isWorker = c.worker_id === p.userId;
  const isSupervisor = c.supervisor_id === p.userId;
  const file = fileAny || isWorker || isSupervisor || !!member;
  const write =
    isWorker ||
    isSupervisor ||
    (fileAny && allow('cases.open')) ||
    (!!member && WRITING_ROLES.has(member.role));
  const approve = isSupervisor || (fileAny && allow('cases.supervise'));
  return { see: file || allow('cases.read'), file, write, approve };
}

/** The policy decision for needing `what` of a case: 404 when the case is invisible, else 403. */
export function decideCase(a: CaseAccess, need: 'see' | 'file' | 'write' | 'approve'): Decision {
  if (a[need]) return 'allow';
  return a.see ? 'forbidden' : 'not_found';
}
