import type { Kysely } from 'kysely';
import { bool, tenantFk, tenantTable, timestamps, version } from '../migration-helpers';

/** Volunteer profiles on people, and how long each kind of record is kept (PIPL §47). */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'volunteer_profile')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .$call((t) => bool(t, 'real_name_verified'))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('availability', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('insurance_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'person_id', 'person', 'volunteer_profile_person_fk'))
    .addUniqueConstraint('volunteer_profile_person_uq', ['tenant_id', 'person_id'])
    .execute();

  await tenantTable(db, 'retention_setting')
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('keep_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('retention_setting_type_uq', ['tenant_id', 'record_type'])
    .execute();
}
