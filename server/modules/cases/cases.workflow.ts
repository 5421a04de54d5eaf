import {
  ACTIVE_STAGES,
  CASE_STAGE_LABELS,
  CASE_TRANSITIONS,
  type CaseStage,
  type TransitionKind,
} from '../../../contracts/cases';
import { AppError } from '../../platform/errors';

/** The part of a case the workflow governs. */
export interface CaseState {
  stage: CaseStage;
  pending: 'open' | 'close' | null;
}

const label = (s: CaseStage) => CASE_STAGE_LABELS[s].zh;

/** Which moves the table allows from a stage (none while an approval is pending). */
export function allowedMoves(s: CaseState): { to: CaseStage; kind: TransitionKind }[] {
  if (s.pending) return [];
  return Object.entries(CASE_TRANSITIONS[s.stage]).map(([to, kind]) => ({
    to: to as CaseStage,
    kind: kind!,
  }));
}

/**
 * Checks a requested move against the table: a move not in it, or any move while an approval
 * is pending, is refused (409). Returns whether it happens now or waits for the supervisor.
 */
export function checkMove(s: CaseState, to: CaseStage): TransitionKind {
  if (s.pending) {
    throw new AppError(
      'cases.approval_pending',
      `${s.pending === 'open' ? '开案' : '结案'}申请正在等待督导审批,不能再变更阶段`,
    );
  }
  const kind = CASE_TRANSITIONS[s.stage][to];
  if (!kind) {
    throw new AppError('cases.illegal_transition', `不能从「${label(s.stage)}」转到「${label(to)}」`, [
      { path: 'to', message: `「${label(s.stage)}」之后不能是「${label(to)}」` },
    ]);
  }
  return kind;
}

/** The approval a move waits for: opening (接案 → 预估) or closing (→ 结案). */
export const approvalKind = (to: CaseStage): 'open' | 'close' => (to === 'closed' ? 'close' : 'open');

/** The state after a move (direct, or the request of an approval move). */
export function afterRequest(s: CaseState, to: CaseStage): CaseState {
  return checkMove(s, to) === 'approval'
    ? { stage: s.stage, pending: approvalKind(to) }
    : { stage: to, pending: null };
}

/** The state after the supervisor decides a pending approval. */
export function afterDecision(s: CaseState, to: CaseStage, decision: 'approve' | 'return'): CaseState {
  if (!s.pending) throw new AppError('cases.no_pending_approval', '没有等待审批的申请');
  return decision === 'approve' ? { stage: to, pending: null } : { stage: s.stage, pending: null };
}

/** States that must never exist: what the property tests check after every step. */
export function impossible(s: CaseState & { closedOn?: string | null }): string | null {
  if (!(s.stage in CASE_TRANSITIONS)) return `unknown stage ${s.stage}`;
  if (s.pending === 'open' && CASE_TRANSITIONS[s.stage].assessment !== 'approval')
    return `open approval pending in ${s.stage}`;
  if (s.pending === 'close' && CASE_TRANSITIONS[s.stage].closed !== 'approval')
    return `close approval pending in ${s.stage}`;
  if (s.closedOn !== undefined && (s.stage === 'closed' || s.stage === 'follow_up') !== !!s.closedOn)
    return `closed_on ${s.closedOn} in ${s.stage}`;
  return null;
}

export const isActive = (stage: CaseStage) => ACTIVE_STAGES.includes(stage);
