import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { introspect } from './dialect';
import { GLOBAL_TABLES, schemaProblems } from './schema-rules';

let ta: TestApp;
beforeAll(async () => {
  ta = await buildTestApp();
});
afterAll(() => ta?.close());

describe('migrated schema follows the tenant rules', () => {
  it('has no tenant table without tenant_id, (tenant_id, id) key and tenant-carrying foreign keys', async () => {
    const tables = await introspect(ta.database.db, ta.database.dialect);
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['community', 'compound', 'building', 'station', 'station_community']),
    );
    expect(schemaProblems(tables)).toEqual([]);
    // Every table is either a tenant table or a listed global one.
    const tenantTables = tables.filter((t) => !(t.name in GLOBAL_TABLES)).map((t) => t.name);
    expect(tenantTables.length).toBeGreaterThanOrEqual(5);
  });

  it('catches a table that breaks them', async () => {
    const db = ta.database.db;
    await sql`create table bad_thing (id text primary key, tenant_id text, community_id text)`.execute(db);
    await sql`create table bad_ref (tenant_id text not null references tenant(id), id text not null, station_id text not null,
      primary key (tenant_id, id))`.execute(db);
    const tables = await introspect(db, ta.database.dialect);
    // Simulate the foreign key without tenant_id on bad_ref (SQLite cannot add one after the fact).
    const badRef = tables.find((t) => t.name === 'bad_ref')!;
    badRef.foreignKeys.push({ columns: ['station_id'], refTable: 'station', refColumns: ['id'] });
    const problems = schemaProblems(tables);
    expect(problems).toContain('bad_thing: tenant_id is nullable');
    expect(problems).toContain('bad_thing: primary key is (id), not (tenant_id, id)');
    expect(problems).toContain('bad_thing: tenant_id does not reference tenant(id)');
    expect(problems).toContain('bad_ref: foreign key (station_id) → station does not carry tenant_id');
    await sql`drop table bad_thing`.execute(db);
    await sql`drop table bad_ref`.execute(db);
  });

  it('reads composite foreign keys back from the catalog', async () => {
    const tables = await introspect(ta.database.db, ta.database.dialect);
    const building = tables.find((t) => t.name === 'building')!;
    expect(building.primaryKey).toEqual(['tenant_id', 'id']);
    expect(building.foreignKeys).toEqual(
      expect.arrayContaining([
        { columns: ['tenant_id', 'compound_id'], refTable: 'compound', refColumns: ['tenant_id', 'id'] },
        { columns: ['tenant_id', 'community_id'], refTable: 'community', refColumns: ['tenant_id', 'id'] },
      ]),
    );
  });
});
