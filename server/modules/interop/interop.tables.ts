import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';

/** A tenant's key for the Open311 interface: only its SHA-256 is stored; the key is shown once. */
export interface ApiKeyRow {
  tenant_id: string;
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface InteropTables {
  interop_api_key: ApiKeyRow;
}

export type InteropDb = Kysely<InteropTables>;
export const narrow = (db: Db) => db as unknown as InteropDb;
