import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { type DialectName, postgresDialect, sqliteDialect } from './dialect';

/** Every module narrows this to its own tables (see <module>.tables.ts). */
export type Db = Kysely<any>;

export interface Database {
  db: Db;
  dialect: DialectName;
  destroy(): Promise<void>;
  /** SQLite: an online backup to a file. PostgreSQL deployments use pg_dump. */
  backup?: (file: string) => Promise<void>;
  integrityCheck?: () => string;
}

export interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An explicit SQLite file (":memory:" for a throwaway database). */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  /** Called after every executed query (benchmarks count the whole process's queries). */
  onQuery?: () => void;
}

/** Counts queries per request: the request context opens a counter, every executed query adds one. */
export const queryCounter = new AsyncLocalStorage<{ queries: number }>();

/**
 * The embedded database and its -wal/-shm files hold every personal record: owner-only (0600),
 * whatever the umask. The file is made 0600 before SQLite opens it, and SQLite gives the -wal and
 * -shm it creates the database file's mode; existing files (made 0644 by earlier versions) are
 * tightened at every start.
 */
export function ownerOnly(file: string): void {
  if (file === ':memory:' || file === '' || file.startsWith('file:')) return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

export function createDb(opts: DbOptions): Database {
  const sqliteFile = opts.databaseUrl
    ? null
    : (opts.sqliteFile ?? join(opts.dataDir ?? './data', 'gongzhi.db'));
  if (sqliteFile) ownerOnly(sqliteFile);
  const setup = sqliteFile ? sqliteDialect(sqliteFile) : postgresDialect(opts.databaseUrl!, opts.pgSchema);
  if (sqliteFile) ownerOnly(sqliteFile);
  const backup = setup.backup;
  const db = new Kysely<any>({
    dialect: setup.dialect,
    log: (e) => {
      if (process.env.DEBUG_SQL) console.log('SQL', e.query.sql.slice(0, 160));
      const c = queryCounter.getStore();
      if (c) c.queries++;
      opts.onQuery?.();
    },
  });
  return {
    db,
    dialect: setup.name,
    destroy: () => db.destroy(),
    // A backup is the whole database too.
    backup: backup
      ? async (file: string) => {
          ownerOnly(file);
          await backup(file);
          ownerOnly(file);
        }
      : undefined,
    integrityCheck: setup.integrityCheck,
  };
}
