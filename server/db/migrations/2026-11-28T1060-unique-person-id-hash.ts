import type { Kysely } from 'kysely';

/**
 * One person per identity number in a tenant, enforced by the database too: the service checks
 * first (for a clear 409), but two registrations or an import racing each other would slip past
 * the check. Erased people have no hash (NULLs never collide).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('person_id_hash_uq')
    .on('person')
    .columns(['tenant_id', 'id_hash'])
    .unique()
    .execute();
}
