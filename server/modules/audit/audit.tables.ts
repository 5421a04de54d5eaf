import type { Kysely } from 'kysely';
import type { AuditRow } from '../../platform/audit-writer';

export interface AccessRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  tenant_id: string | null;
  subject_kind: string;
  subject_id: string;
  fields_json: string;
  purpose: string;
}

export interface AuditTables {
  audit_log: AuditRow;
  audit_chain_head: { chain: string; seq: number; hash: string };
  access_log: AccessRow;
}

export type AuditDb = Kysely<AuditTables>;
