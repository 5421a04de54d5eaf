import { AsyncLocalStorage } from 'node:async_hooks';
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

export function createDb(opts: DbOptions): Database {
  const setup = opts.databaseUrl
    ? postgresDialect(opts.databaseUrl, opts.pgSchema)
    : sqliteDialect(opts.sqliteFile ?? join(opts.dataDir ?? './data', 'gongzhi.db'));
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
    backup: setup.backup,
    integrityCheck: setup.integrityCheck,
  };
}
