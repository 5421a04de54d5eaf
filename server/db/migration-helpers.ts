import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Column helpers every migration uses, so both dialects get the same shape:
 * ids are UUIDv7 text, timestamps are ISO-8601 UTC text, booleans are 0/1 integers,
 * money is integer fen (bigint), JSON is text.
 */
type T = CreateTableBuilder<any, any>;

export const id = (t: T) => t.addColumn('id', 'text', (c) => c.notNull());

/** A tenant table: `tenant_id` first, primary key (tenant_id, id), tenant_id references tenant. */
export function tenantTable(db: Kysely<any>, name: string): T {
  return db.schema
    .createTable(name)
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenant.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ['tenant_id', 'id']);
}

/** A foreign key inside one tenant: (tenant_id, column) → table(tenant_id, id). */
export const tenantFk = (t: T, column: string, table: string, name = `${column}_fk`) =>
  t.addForeignKeyConstraint(name, ['tenant_id', column], table, ['tenant_id', 'id']);

export const timestamps = (t: T) =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

export const version = (t: T) => t.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));

/** Retirable territory node: status active|retired and when. */
export const retirable = (t: T) =>
  t.addColumn('status', 'text', (c) => c.notNull().defaultTo('active')).addColumn('retired_at', 'text');

export const money = (t: T, name: string) => t.addColumn(name, 'bigint', (c) => c.notNull());
export const json = (t: T, name: string) => t.addColumn(name, 'text');
export const bool = (t: T, name: string, dflt = 0) =>
  t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(dflt));
