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
  /** app.inject exactly as Fastify has it (without the JSON default below), for tests of the content-type rule. */
  rawInject: FastifyInstance['inject'];
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
  const rawInject = sendJsonByDefault(app);
  return {
    app,
    rawInject,
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

/**
 * The API takes a state change only as JSON, even one without a body (platform/http.ts), and the
 * web client sends `{}` then. Tests that post, patch or delete without a payload or a content type
 * get the same `{}` here, so every test speaks to the API the way the browser does; tests of the
 * rule itself set their own content type or use rawInject. Returns the unwrapped inject.
 */
function sendJsonByDefault(app: FastifyInstance): FastifyInstance['inject'] {
  const raw = app.inject.bind(app) as (...args: unknown[]) => unknown;
  const wrapped = (opts?: unknown, cb?: unknown) => {
    if (opts && typeof opts === 'object') {
      const o = opts as {
        method?: string;
        url?: unknown;
        payload?: unknown;
        body?: unknown;
        headers?: Record<string, unknown>;
      };
      const bodiless = o.payload === undefined && o.body === undefined;
      const typed = Object.keys(o.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
      const unsafe = !!o.method && !['GET', 'HEAD'].includes(o.method.toUpperCase());
      if (unsafe && bodiless && !typed && typeof o.url === 'string' && o.url.startsWith('/api/'))
        return raw({ ...o, payload: {} }, cb);
    }
    return raw(opts, cb);
  };
  const original = app.inject;
  app.inject = wrapped as FastifyInstance['inject'];
  return original.bind(app) as FastifyInstance['inject'];
}
