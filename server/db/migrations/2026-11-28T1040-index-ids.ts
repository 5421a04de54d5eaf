import type { Kysely } from 'kysely';

/**
 * Tenant tables have primary key (tenant_id, id), but a URL names a record by id alone
 * (GET /territory/compounds/:id, POST /consents/:id/withdraw): without an index on id every such
 * lookup is a full scan (found at 180,000 people for `person`; the same holds for these).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['community', 'compound', 'building', 'station', 'consent']) {
    await db.schema.createIndex(`${table}_by_id_idx`).on(table).column('id').execute();
  }
}
