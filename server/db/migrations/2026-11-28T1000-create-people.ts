import type { Kysely } from 'kysely';
import { bool, tenantFk, tenantTable, timestamps, version } from '../migration-helpers';

/**
 * The people registry. Identity numbers and phones are stored sealed (AES-256-GCM) with a keyed
 * hash for lookup; masked forms are kept beside them so lists never decrypt. Names stay in clear
 * for search but leave the server masked unless revealed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'household')
    .addColumn('community_id', 'text')
    .addColumn('building_id', 'text')
    .addColumn('unit', 'text')
    .addColumn('room', 'text')
    .addColumn('address_free', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'community_id', 'community', 'household_community_fk'))
    .$call((t) => tenantFk(t, 'building_id', 'building', 'household_building_fk'))
    .execute();

  await tenantTable(db, 'person')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text')
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('id_type', 'text')
    .addColumn('id_sealed', 'text')
    .addColumn('id_hash', 'text')
    .addColumn('id_masked', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_last4', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('community_id', 'text')
    .addColumn('compound_id', 'text')
    .addColumn('building_id', 'text')
    .addColumn('unit', 'text')
    .addColumn('room', 'text')
    .addColumn('address_free', 'text')
    .addColumn('household_id', 'text')
    .addColumn('party_member', 'integer')
    .addColumn('disability_cert_no', 'text')
    .addColumn('guardian_id', 'text')
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('status_changed_at', 'text')
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'community_id', 'community', 'person_community_fk'))
    .$call((t) => tenantFk(t, 'compound_id', 'compound', 'person_compound_fk'))
    .$call((t) => tenantFk(t, 'building_id', 'building', 'person_building_fk'))
    .$call((t) => tenantFk(t, 'household_id', 'household', 'person_household_fk'))
    .$call((t) => tenantFk(t, 'guardian_id', 'person', 'person_guardian_fk'))
    .execute();
  await db.schema.createIndex('person_name_idx').on('person').columns(['tenant_id', 'name']).execute();
  await db.schema
    .createIndex('person_initials_idx')
    .on('person')
    .columns(['tenant_id', 'name_initials'])
    .execute();
  await db.schema.createIndex('person_id_hash_idx').on('person').columns(['tenant_id', 'id_hash']).execute();
  await db.schema
    .createIndex('person_phone_idx')
    .on('person')
    .columns(['tenant_id', 'phone_last4'])
    .execute();
  await db.schema
    .createIndex('person_place_idx')
    .on('person')
    .columns(['tenant_id', 'community_id', 'building_id'])
    .execute();
  await db.schema.createIndex('person_birth_idx').on('person').columns(['tenant_id', 'birth_date']).execute();

  await tenantTable(db, 'household_member')
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .$call((t) => tenantFk(t, 'household_id', 'household', 'household_member_household_fk'))
    .$call((t) => tenantFk(t, 'person_id', 'person', 'household_member_person_fk'))
    .execute();
  await db.schema
    .createIndex('household_member_household_idx')
    .on('household_member')
    .columns(['tenant_id', 'household_id', 'left_at'])
    .execute();
  await db.schema
    .createIndex('household_member_person_idx')
    .on('household_member')
    .columns(['tenant_id', 'person_id', 'left_at'])
    .execute();

  await tenantTable(db, 'tag_definition')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .$call((t) => bool(t, 'sensitive', 1))
    .addColumn('detail_keys', 'text', (c) => c.notNull().defaultTo('[]'))
    .$call((t) => bool(t, 'active', 1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('tag_definition_code_uq', ['tenant_id', 'code'])
    .execute();

  await tenantTable(db, 'person_tag')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'person_id', 'person', 'person_tag_person_fk'))
    .addUniqueConstraint('person_tag_uq', ['tenant_id', 'person_id', 'code'])
    .execute();
  await db.schema
    .createIndex('person_tag_code_idx')
    .on('person_tag')
    .columns(['tenant_id', 'code'])
    .execute();

  await tenantTable(db, 'consent')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('guardian_id', 'text')
    .addColumn('scope', 'text')
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('recorded_by', 'text')
    .$call((t) => tenantFk(t, 'person_id', 'person', 'consent_person_fk'))
    .$call((t) => tenantFk(t, 'guardian_id', 'person', 'consent_guardian_fk'))
    .execute();
  await db.schema
    .createIndex('consent_person_idx')
    .on('consent')
    .columns(['tenant_id', 'person_id'])
    .execute();
}
