/**
 * The real app on the benchmark database, for bench/load.ts (run as a child process).
 * Env: BENCH_DATA_DIR, BENCH_DATABASE_URL (PostgreSQL, optional).
 *
 * The database is opened with createDb, as the server does; the bench also reads a process-wide
 * query count at GET /__bench/state (queries per request over N sequential requests), which must
 * agree with the x-db-queries header.
 */
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createDb } from '../../server/db/database';
import { BENCH_SECRET_KEY } from '../lib/context';
import { serveForParent } from './ipc';

const dataDir = process.env.BENCH_DATA_DIR!;
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const config = loadConfig(
  {
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SECRET_KEY: BENCH_SECRET_KEY,
    LOG_LEVEL: 'silent',
    DEMO: 'off',
  },
  { host: '127.0.0.1', port: 0 },
);

let allQueries = 0;
const database = createDb({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onQuery: () => {
    allQueries++;
  },
});

const app = await buildApp({ config, database, logger: false, exposeQueryCount: true });
await serveForParent(
  app,
  () => database.destroy(),
  () => allQueries,
);
