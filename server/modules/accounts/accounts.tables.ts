import type { Kysely } from 'kysely';
import type { Role, ScopeKind } from '../../../contracts/access';

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  phone: string | null;
  staff_kind: string;
  funding_source: string | null;
  certificate_level: string | null;
  home_tenant_id: string | null;
  status: 'active' | 'disabled';
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface GrantRow {
  id: string;
  user_id: string;
  role: Role;
  scope_kind: ScopeKind;
  scope_id: string | null;
  tenant_id: string | null;
  granted_by: string | null;
  granted_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

export interface SettingRow {
  key: string;
  value: string;
  updated_at: string;
}

export interface AccountsTables {
  app_user: UserRow;
  role_grant: GrantRow;
  session: SessionRow;
  system_setting: SettingRow;
}

export type AccountsDb = Kysely<AccountsTables>;
