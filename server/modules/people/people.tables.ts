import type { Kysely } from 'kysely';

export interface PersonRow {
  tenant_id: string;
  id: string;
  name: string;
  name_initials: string | null;
  gender: 'male' | 'female' | 'unknown';
  birth_date: string | null;
  id_type: string | null;
  id_sealed: string | null;
  id_hash: string | null;
  id_masked: string | null;
  phone_sealed: string | null;
  phone_last4: string | null;
  phone_masked: string | null;
  ethnicity: string | null;
  community_id: string | null;
  compound_id: string | null;
  building_id: string | null;
  unit: string | null;
  room: string | null;
  address_free: string | null;
  household_id: string | null;
  party_member: number | null;
  disability_cert_no: string | null;
  guardian_id: string | null;
  notes: string | null;
  status: 'active' | 'moved_out' | 'deceased' | 'anonymized';
  status_changed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface HouseholdRow {
  tenant_id: string;
  id: string;
  community_id: string | null;
  building_id: string | null;
  unit: string | null;
  room: string | null;
  address_free: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface HouseholdMemberRow {
  tenant_id: string;
  id: string;
  household_id: string;
  person_id: string;
  relation: string;
  joined_at: string;
  left_at: string | null;
}

export interface TagDefinitionRow {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  parent_code: string | null;
  sensitive: number;
  detail_keys: string;
  active: number;
  sort: number;
}

export interface PersonTagRow {
  tenant_id: string;
  id: string;
  person_id: string;
  code: string;
  detail: string | null;
  created_at: string;
}

export interface ConsentRow {
  tenant_id: string;
  id: string;
  person_id: string;
  purpose: string;
  given_by: 'self' | 'guardian';
  guardian_id: string | null;
  scope: string | null;
  given_at: string;
  withdrawn_at: string | null;
  recorded_by: string | null;
}

export interface VolunteerProfileRow {
  tenant_id: string;
  id: string;
  person_id: string;
  registered_on: string;
  real_name_verified: number;
  skills: string;
  availability: string;
  insurance_until: string | null;
  status: 'active' | 'paused' | 'left';
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RetentionSettingRow {
  tenant_id: string;
  id: string;
  record_type: string;
  keep_days: number;
  updated_at: string;
  updated_by: string | null;
}

export interface PeopleTables {
  person: PersonRow;
  household: HouseholdRow;
  household_member: HouseholdMemberRow;
  tag_definition: TagDefinitionRow;
  person_tag: PersonTagRow;
  consent: ConsentRow;
  volunteer_profile: VolunteerProfileRow;
  retention_setting: RetentionSettingRow;
}

export type PeopleDb = Kysely<PeopleTables>;
