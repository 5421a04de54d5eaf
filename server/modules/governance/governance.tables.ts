import type { Kysely, Transaction } from 'kysely';
import type {
  BodyKind,
  IssueLevel,
  IssueStatus,
  MeetingKind,
  OwnerKind,
} from '../../../contracts/governance';
import type { Db } from '../../db/database';

interface PlaceCols {
  community_id: string | null;
  compound_id: string | null;
  building_id: string | null;
  /** The place's display name when the record was made (lists need no join to territory). */
  place_name: string;
}

export interface CategoryRow {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  days_building: number;
  days_compound: number;
  days_community: number;
  property_service: number;
  active: number;
  sort: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface BodyRow extends PlaceCols {
  tenant_id: string;
  id: string;
  kind: BodyKind;
  name: string;
  owner_kind: OwnerKind;
  owner_id: string;
  status: 'active' | 'retired';
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MemberRow {
  tenant_id: string;
  id: string;
  body_id: string;
  person_id: string;
  position: 'chair' | 'vice_chair' | 'secretary' | 'member' | 'building_leader';
  position_note: string | null;
  term_start: string;
  term_end: string | null;
  left_on: string | null;
  left_reason: string | null;
  created_at: string;
}

export interface IssueRow extends PlaceCols {
  tenant_id: string;
  id: string;
  number: string;
  category_id: string;
  title: string;
  description: string;
  level: IssueLevel;
  status: IssueStatus;
  level_deadline_at: string | null;
  reporter_user_id: string | null;
  reporter_name: string;
  anonymous: number;
  source: 'web' | 'open311';
  source_token: string | null;
  address: string | null;
  duplicate_of: string | null;
  reject_reason: string | null;
  assigned_to: string | null;
  rating: number | null;
  rating_comment: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface IssueEventRow {
  tenant_id: string;
  id: string;
  issue_id: string;
  at: string;
  kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  from_status: IssueStatus | null;
  to_status: IssueStatus | null;
  from_level: IssueLevel | null;
  to_level: IssueLevel | null;
  note: string | null;
}

export interface MeetingRow extends PlaceCols {
  tenant_id: string;
  id: string;
  body_id: string;
  kind: MeetingKind;
  title: string;
  starts_at: string;
  location: string;
  materials: string | null;
  minutes: string | null;
  entitled_count: number | null;
  present_count: number | null;
  status: 'planned' | 'held' | 'cancelled';
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AgendaRow {
  tenant_id: string;
  id: string;
  meeting_id: string;
  issue_id: string | null;
  topic: string;
  sort: number;
}

export interface AttendanceRow {
  tenant_id: string;
  id: string;
  meeting_id: string;
  person_id: string;
}

export interface DecisionRow {
  tenant_id: string;
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  text: string;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  adopted: number;
  created_at: string;
}

export interface ActionRow {
  tenant_id: string;
  id: string;
  meeting_id: string;
  decision_id: string | null;
  issue_id: string | null;
  title: string;
  owner_name: string;
  due_on: string;
  status: 'open' | 'done';
  done_at: string | null;
  done_note: string | null;
  created_at: string;
}

export interface NoticeRow extends PlaceCols {
  tenant_id: string;
  id: string;
  title: string;
  body: string;
  issue_id: string | null;
  meeting_id: string | null;
  visible_from: string;
  visible_until: string;
  created_by: string | null;
  created_at: string;
}

export interface GovernanceTables {
  gov_category: CategoryRow;
  gov_body: BodyRow;
  gov_member: MemberRow;
  gov_issue: IssueRow;
  gov_issue_event: IssueEventRow;
  gov_meeting: MeetingRow;
  gov_agenda_item: AgendaRow;
  gov_attendance: AttendanceRow;
  gov_decision: DecisionRow;
  gov_action_item: ActionRow;
  gov_notice: NoticeRow;
}

export type GovDb = Kysely<GovernanceTables>;
export type GovTx = GovDb | Transaction<GovernanceTables>;
export const narrow = (db: Db) => db as unknown as GovDb;
