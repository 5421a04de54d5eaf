import type { Kysely } from 'kysely';

/** Coverage and community pages list a tenant's grants by role: without this, a sequential scan at city scale. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('role_grant_tenant_role_idx')
    .on('role_grant')
    .columns(['tenant_id', 'role', 'revoked_at'])
    .execute();
}
