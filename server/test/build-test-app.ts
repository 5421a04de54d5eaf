import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { createDb, type Database } from '../db/database';
import { createPgSchema, dropPgSchema } from '../db/dialect';
import { migrateToLatest } from '../db/migrate';
import { type Deps, makeDeps } from '../platform/deps';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  deps: Deps;
  config: Config;
  close(): Promise<void>;
}

/** PostgreSQL when TEST_DATABASE_URL is set (npm run test:pg), else SQLite in memory. */
export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || undefined;

/**
 * A fresh, migrated database and the whole app on it. On PostgreSQL every call gets its own
 * schema, dropped again by close(), so test files never share data.
 */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  opts: { onDisk?: boolean } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gz-test-'));
  const url = testDatabaseUrl();
  const schema = url ? `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}` : undefined;
  if (url && schema) await createPgSchema(url, schema);
  const database = createDb(
    url
      ? { databaseUrl: url, pgSchema: schema }
      : { sqliteFile: opts.onDisk ? join(dataDir, 'gongzhi.db') : ':memory:' },
  );
  await migrateToLatest(database.db, schema);
  const config = loadConfig(
    { DATA_DIR: dataDir, SECRET_KEY: 'x'.repeat(64), LOG_LEVEL: 'silent' },
    { dataDir, webRoot: null, ...overrides },
  );
  const app = await buildApp({ config, database, logger: false, exposeQueryCount: true });
  await app.ready();
  return {
    app,
    database,
    config,
    deps: makeDeps(database, config),
    async close() {
      await app.close();
      await database.destroy();
      if (url && schema) await dropPgSchema(url, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
