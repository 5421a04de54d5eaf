/**
 * The ONLY file that knows which database is underneath. Everything that differs between
 * SQLite and PostgreSQL — driver setup, error codes, case-insensitive matching, introspection —
 * is answered here, so modules and migrations stay portable.
 */
import SqliteDatabase from 'better-sqlite3';
import {
  type Expression,
  type Kysely,
  PostgresDialect,
  type RawBuilder,
  type SqlBool,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectSetup {
  name: DialectName;
  dialect: SqliteDialect | PostgresDialect;
  /** Online, consistent copy of the whole database into a file (SQLite only). */
  backup?: (file: string) => Promise<void>;
  /** `PRAGMA integrity_check` result ("ok" when sound; SQLite only). */
  integrityCheck?: () => string;
}

/** SQLite: one file, WAL, foreign keys on, full durability (money and case changes must survive power loss). */
export function sqliteDialect(file: string): DialectSetup {
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed, so erased personal data does not linger in free pages.
  database.pragma('secure_delete = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('cache_size = -64000');
  return {
    name: 'sqlite',
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
    backup: async (target) => {
      await database.backup(target);
    },
    integrityCheck: () => String(database.pragma('integrity_check', { simple: true })),
  };
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing was 8–10 % of a list request's
 * CPU. Statements are reused by SQL text (a bounded LRU). Kysely runs one query at a time on the
 * connection, so a cached statement is never in use twice at once.
 */
function withStatementCache(database: SqliteDatabase.Database, max = 1000) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = database.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  } as unknown as SqliteDatabase.Database;
}

const INT8 = 20;
const NUMERIC = 1700;

/** PostgreSQL: bigint and count(*) come back as numbers (we keep every integer well inside 2^53). */
export function postgresDialect(url: string, searchPath?: string): DialectSetup {
  const types = {
    getTypeParser: (oid: number, format?: any) => {
      if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
      return (pg.types.getTypeParser as any)(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  return { name: 'postgres', dialect: new PostgresDialect({ pool }) };
}

/**
 * After erasing personal data: on SQLite, copy the WAL into the database and truncate it, so old
 * page images (which still hold the erased values) are gone from disk. PostgreSQL reclaims dead
 * rows with (auto)vacuum; nothing to do inside a request.
 */
export async function forgetErased(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/** Did this error come from a unique or primary-key constraint? */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Did this error come from a foreign-key constraint? */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Escape LIKE wildcards in user text (the caller adds its own % around it). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive "contains": LIKE on SQLite (ASCII case-insensitive), ILIKE on PostgreSQL. */
export function containsText(
  dialect: DialectName,
  column: Expression<any>,
  value: string,
): RawBuilder<SqlBool> {
  const pattern = `%${escapeLike(value)}%`;
  return dialect === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

export interface ColumnInfo {
  name: string;
  notNull: boolean;
}
export interface ForeignKeyInfo {
  columns: string[];
  refTable: string;
  refColumns: string[];
}
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
}

/** Reads the migrated schema back from the database's own catalog (used by the schema-rules test). */
export async function introspect(db: Kysely<any>, dialect: DialectName): Promise<TableInfo[]> {
  return dialect === 'sqlite' ? introspectSqlite(db) : introspectPostgres(db);
}

async function introspectSqlite(db: Kysely<any>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
    db,
  );
  const out: TableInfo[] = [];
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string; notnull: number; pk: number }>`
      select name, "notnull", pk from pragma_table_info(${name})`.execute(db);
    const fks = await sql<{ id: number; seq: number; table: string; from: string; to: string }>`
      select id, seq, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`.execute(
      db,
    );
    const grouped = new Map<number, ForeignKeyInfo>();
    for (const fk of fks.rows) {
      const g = grouped.get(fk.id) ?? { columns: [], refTable: fk.table, refColumns: [] };
      g.columns.push(fk.from);
      g.refColumns.push(fk.to);
      grouped.set(fk.id, g);
    }
    out.push({
      name,
      columns: cols.rows.map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk > 0 })),
      primaryKey: cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      foreignKeys: [...grouped.values()],
    });
  }
  return out;
}

async function introspectPostgres(db: Kysely<any>): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select table_name, column_name, is_nullable from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const cons = await sql<{
    table_name: string;
    contype: string;
    cols: string[];
    ref_table: string | null;
    ref_cols: string[] | null;
  }>`
    select cl.relname as table_name, c.contype,
      array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o)::text[] as cols,
      rc.relname as ref_table,
      array(select a.attname from unnest(c.confkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)::text[] as ref_cols
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = current_schema()
    left join pg_class rc on rc.oid = c.confrelid
    where c.contype in ('p', 'f')`.execute(db);
  const byTable = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    const t = byTable.get(c.table_name) ?? {
      name: c.table_name,
      columns: [],
      primaryKey: [],
      foreignKeys: [],
    };
    t.columns.push({ name: c.column_name, notNull: c.is_nullable === 'NO' });
    byTable.set(c.table_name, t);
  }
  for (const c of cons.rows) {
    const t = byTable.get(c.table_name);
    if (!t) continue;
    if (c.contype === 'p') t.primaryKey = c.cols;
    else t.foreignKeys.push({ columns: c.cols, refTable: c.ref_table ?? '', refColumns: c.ref_cols ?? [] });
  }
  return [...byTable.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Create (if needed) and return a fresh PostgreSQL schema name, for isolated test databases. */
export async function createPgSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`);
  } finally {
    await client.end();
  }
}
