import type { Kysely } from 'kysely';
import type { CaseStage } from '../../../contracts/cases';

export interface CaseSettingsRow {
  tenant_id: string;
  id: string;
  number_pattern: string;
  service_types: string | null;
  funding_per_request_fen: number | string | null;
  funding_per_case_year_fen: number | string | null;
  funding_approver_ids: string | null;
  updated_at: string;
  version: number;
}

export interface CaseNumberSeqRow {
  tenant_id: string;
  id: string;
  period: string;
  last: number;
}

export interface CaseFileRow {
  tenant_id: string;
  id: string;
  number: string;
  subject_kind: 'person' | 'household';
  person_id: string | null;
  household_id: string | null;
  community_id: string | null;
  compound_id: string | null;
  building_id: string | null;
  referral_source: string;
  referral_detail: string | null;
  presenting_sealed: string;
  risk_level: 'low' | 'medium' | 'high' | 'critical';
  child_at_risk: number;
  /** The subject was under 18 at intake: kept out of exports and public pages. */
  child_case: number;
  stage: CaseStage;
  pending: 'open' | 'close' | null;
  intake_on: string;
  closed_on: string | null;
  worker_id: string;
  supervisor_id: string;
  next_contact_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface CaseChild {
  tenant_id: string;
  id: string;
  case_id: string;
}

export interface CaseApprovalRow extends CaseChild {
  kind: 'open' | 'close';
  to_stage: CaseStage;
  status: 'pending' | 'approved' | 'returned';
  requested_by: string | null;
  requested_at: string;
  comment: string | null;
  closure_sealed: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface CaseRecordRow extends CaseChild {
  kind: 'intake' | 'assessment' | 'plan' | 'evaluation' | 'closure';
  body_sealed: string;
  codes: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CaseMandatoryReportRow extends CaseChild {
  reported_to: string;
  reported_at: string;
  reported_by: string;
  channel: string;
  reference: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface CaseServiceRow extends CaseChild {
  type: string;
  service_date: string;
  duration_min: number;
  worker_id: string | null;
  notes_sealed: string;
  next_contact_on: string | null;
  created_at: string;
}

export interface CaseMemberRow extends CaseChild {
  kind: 'user' | 'person' | 'external';
  user_id: string | null;
  person_id: string | null;
  name: string | null;
  organization: string | null;
  role: 'lead_worker' | 'co_worker' | 'volunteer' | 'org_contact' | 'other';
  status: 'invited' | 'active' | 'removed';
  added_by: string | null;
  added_at: string;
  removed_at: string | null;
}

export interface CaseConferenceRow extends CaseChild {
  held_on: string;
  internal_ids: string | null;
  external_sealed: string;
  discussion_sealed: string;
  decisions_sealed: string;
  created_by: string | null;
  created_at: string;
}

export interface CaseActionRow extends CaseChild {
  conference_id: string;
  title: string;
  owner_id: string;
  due_on: string;
  done_at: string | null;
  done_by: string | null;
}

export interface CaseFundingRow extends CaseChild {
  amount_fen: number | string;
  purpose: string;
  justification_sealed: string;
  status: 'submitted' | 'approved' | 'rejected' | 'paid';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  payment_ref: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CaseAttachmentRow extends CaseChild {
  funding_id: string;
  name: string;
  content_type: string;
  size: number;
  file_name: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface CaseEventRow extends CaseChild {
  at: string;
  kind: string;
  actor_id: string | null;
  summary: string;
  data: string | null;
}

export interface CasesTables {
  case_settings: CaseSettingsRow;
  case_number_seq: CaseNumberSeqRow;
  case_file: CaseFileRow;
  case_approval: CaseApprovalRow;
  case_record: CaseRecordRow;
  case_mandatory_report: CaseMandatoryReportRow;
  case_service: CaseServiceRow;
  case_member: CaseMemberRow;
  case_conference: CaseConferenceRow;
  case_action: CaseActionRow;
  case_funding: CaseFundingRow;
  case_attachment: CaseAttachmentRow;
  case_event: CaseEventRow;
}

export type CasesDb = Kysely<CasesTables>;
