import type { Kysely } from 'kysely';

/**
 * People search at 180,000 residents (bench: `npm run bench -- --only people-name-z,people-filter-rare`).
 * The search orders by (name_initials, name, id) and filters by status; person_initials_idx
 * (tenant_id, name_initials) sorts only by the first key, so a prefix that sorts late (张 → z…) or
 * matches rarely walks most of the table with a row lookup each (SQLite: ~0.7 s for 张, 0.4 s for a
 * rare tag in one community). With the whole sort key and status in the index the walk stays in the
 * index and needs no sort; with the community first, a filtered list walks one community only.
 * The primary keys are (tenant_id, id), but people and households are loaded by id alone
 * (findPerson, the household routes): without an index on id that is a full scan per request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('person_by_id_idx').on('person').column('id').execute();
  await db.schema.createIndex('household_by_id_idx').on('household').column('id').execute();
  await db.schema
    .createIndex('person_search_idx')
    .on('person')
    .columns(['tenant_id', 'status', 'name_initials', 'name', 'id'])
    .execute();
  await db.schema
    .createIndex('person_community_search_idx')
    .on('person')
    .columns(['tenant_id', 'community_id', 'status', 'name_initials', 'name', 'id'])
    .execute();
}
