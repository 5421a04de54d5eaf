import type { Kysely } from 'kysely';
import { retirable, tenantFk, tenantTable, timestamps, version } from '../migration-helpers';

/** Communities, compounds, buildings, social-work stations and the communities each covers. */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'community')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code_vintage', 'integer', (c) => c.notNull())
    .$call(retirable)
    .$call(timestamps)
    .$call(version)
    .addUniqueConstraint('community_code_uq', ['tenant_id', 'code'])
    .execute();

  await tenantTable(db, 'compound')
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('property_company', 'text')
    .addColumn('address', 'text')
    .$call(retirable)
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'community_id', 'community', 'compound_community_fk'))
    .execute();
  await db.schema
    .createIndex('compound_community_idx')
    .on('compound')
    .columns(['tenant_id', 'community_id'])
    .execute();

  await tenantTable(db, 'building')
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('compound_id', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('floors', 'integer', (c) => c.notNull())
    .$call(retirable)
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'community_id', 'community', 'building_community_fk'))
    .$call((t) => tenantFk(t, 'compound_id', 'compound', 'building_compound_fk'))
    .execute();
  await db.schema
    .createIndex('building_community_idx')
    .on('building')
    .columns(['tenant_id', 'community_id'])
    .execute();
  await db.schema
    .createIndex('building_compound_idx')
    .on('building')
    .columns(['tenant_id', 'compound_id'])
    .execute();

  await tenantTable(db, 'station')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('established_on', 'text')
    .addColumn('address', 'text')
    .$call(retirable)
    .$call(timestamps)
    .$call(version)
    .$call((t) => tenantFk(t, 'parent_id', 'station', 'station_parent_fk'))
    .execute();

  await tenantTable(db, 'station_community')
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .$call((t) => tenantFk(t, 'station_id', 'station', 'station_community_station_fk'))
    .$call((t) => tenantFk(t, 'community_id', 'community', 'station_community_community_fk'))
    .addUniqueConstraint('station_community_uq', ['tenant_id', 'station_id', 'community_id'])
    .execute();
}
