/**
 * The real app on the benchmark database, for bench/load.ts (run as a child process).
 * Env: BENCH_DATA_DIR, BENCH_DATABASE_URL (PostgreSQL, optional).
 *
 * The database is opened exactly as server/db/database.ts createDb does (same dialect setup, same
 * per-request counter behind x-db-queries), plus a process-wide query count that the bench reads at
 * GET /__bench/state: the x-db-queries header starts counting after the session hook, so it leaves
 * out the session lookup; the process-wide count over N sequential requests does not.
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { type Database, queryCounter } from '../../server/db/database';
import { postgresDialect, sqliteDialect } from '../../server/db/dialect';
import { serveForParent } from './ipc';

const dataDir = process.env.BENCH_DATA_DIR!;
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const config = loadConfig(
  {
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SECRET_KEY: 'bench-secret-key-0123456789abcdef0123456789abcdef',
    LOG_LEVEL: 'silent',
    DEMO: 'off',
  },
  { host: '127.0.0.1', port: 0 },
);

/**
 * Experiment (BENCH_STMT_CACHE=1, SQLite only): the same pragmas as server/db/dialect.ts, but
 * prepare() answers from a cache of prepared statements keyed by SQL text. Kysely's SqliteDriver
 * calls prepare() for every query; this measures what a statement cache would save.
 */
function cachedSqlite(file: string) {
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('cache_size = -64000');
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (text: string) => {
    let stmt = cache.get(text);
    if (!stmt) {
      if (cache.size >= 500) cache.clear();
      stmt = database.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
  return {
    name: 'sqlite' as const,
    dialect: new SqliteDialect({ database: { prepare, close: () => database.close() } as any }),
  };
}

let allQueries = 0;
const setup = config.databaseUrl
  ? postgresDialect(config.databaseUrl)
  : process.env.BENCH_STMT_CACHE === '1'
    ? cachedSqlite(join(config.dataDir, 'gongzhi.db'))
    : sqliteDialect(join(config.dataDir, 'gongzhi.db'));
const db = new Kysely<any>({
  dialect: setup.dialect,
  log: () => {
    allQueries++;
    const c = queryCounter.getStore();
    if (c) c.queries++;
  },
});
const database: Database = { db, dialect: setup.name, destroy: () => db.destroy() };

const app = await buildApp({ config, database, logger: false, exposeQueryCount: true });
await serveForParent(
  app,
  () => database.destroy(),
  () => allQueries,
);
