import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDb } from './db/database';
import { migrateToLatest } from './db/migrate';
import { loadDemo } from './demo/demo';
import { issueSetupSecret, setupNeeded } from './modules/accounts/index';
import { allChains, verifyChain } from './modules/audit/index';
import { purgeExpired } from './modules/people/index';
import { tenantsUnder } from './modules/territory/index';
import { makeDeps } from './platform/deps';

const USAGE = `用法 / usage: tsx server/main.ts <command>
  serve            migrate, load the demo into a new embedded database, and serve on PORT
  migrate          bring the database schema up to date
  demo [DIR]       load the Fengcheng demo into a new data directory (default ./data-demo-<time>)
  verify           verify every audit hash chain; exits 1 if one is broken
  purge            apply every tenant's retention periods now (serve also does it daily)
  backup [FILE]    online copy of the embedded database (default DATA_DIR/backups/gongzhi-<time>.db)
  restore FILE     replace the embedded database with a backup (stop the server first); checks it first
  openapi          print the OpenAPI document`;

async function open(dataDir?: string) {
  const config = loadConfig(process.env, dataDir ? { dataDir: resolve(dataDir) } : {});
  const database = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  return { config, database };
}

async function serve() {
  const { config, database } = await open();
  const deps = makeDeps(database, config);
  if (!config.databaseUrl && config.demo === 'auto' && (await setupNeeded(deps))) {
    await loadDemo(deps);
  }
  const secret = await issueSetupSecret(deps);
  if (secret) {
    console.log(
      `\n  新安装:请用一次性初始化口令创建首个管理员 (POST /api/v1/setup 或打开网页)\n  One-time setup secret: ${secret}\n`,
    );
  }
  const app = await buildApp({ config, database });
  const daily = setInterval(() => {
    purgeAll(deps).then(
      (lines) => app.log.info({ lines }, 'retention purge'),
      (err) => app.log.error({ err }, 'retention purge failed'),
    );
  }, 24 * 3_600_000);
  daily.unref();
  const close = async (signal: string) => {
    clearInterval(daily);
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  if (!config.webRoot) app.log.warn('dist/web not built: run `npm run build:web` to serve the web app');
}

/** Retention for every tenant: people past their period anonymized, old access-log rows deleted. */
async function purgeAll(deps: ReturnType<typeof makeDeps>): Promise<string[]> {
  const out: string[] = [];
  for (const tenantId of await tenantsUnder(deps, null)) {
    const r = await purgeExpired(deps, tenantId);
    out.push(
      `${tenantId}: ${r.anonymizedPeople} people anonymized, ${r.deletedAccessLog} access-log rows deleted`,
    );
  }
  return out;
}

async function backup(file?: string) {
  const { config, database } = await open();
  if (!database.backup)
    throw new Error('On PostgreSQL use pg_dump; the backup command copies the embedded database.');
  const target = resolve(
    file ?? join(config.dataDir, 'backups', `gongzhi-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
  );
  mkdirSync(dirname(target), { recursive: true });
  await database.backup(target);
  await database.destroy();
  const copy = createDb({ sqliteFile: target });
  const check = copy.integrityCheck?.() ?? 'ok';
  await copy.destroy();
  if (check !== 'ok') throw new Error(`backup written but integrity_check says: ${check}`);
  console.log(`backup written: ${target} (integrity ok)`);
}

/** Checks the backup (integrity, audit chains) before it replaces the database; keeps the old one aside. */
async function restore(file?: string) {
  if (!file) throw new Error('restore needs the backup file: tsx server/main.ts restore FILE');
  const config = loadConfig();
  if (config.databaseUrl) throw new Error('On PostgreSQL restore with pg_restore.');
  const source = createDb({ sqliteFile: resolve(file) });
  const check = source.integrityCheck?.() ?? 'ok';
  if (check !== 'ok') throw new Error(`refusing to restore: integrity_check says ${check}`);
  for (const chain of await allChains(source.db)) {
    const r = await verifyChain(source.db, chain);
    if (!r.ok)
      throw new Error(`refusing to restore: audit chain ${chain} broken at ${r.brokenAtSeq} (${r.reason})`);
  }
  await source.destroy();
  const live = join(config.dataDir, 'gongzhi.db');
  if (existsSync(live)) {
    const aside = `${live}.before-restore-${Date.now()}`;
    renameSync(live, aside);
    for (const ext of ['-wal', '-shm']) if (existsSync(live + ext)) rmSync(live + ext);
    console.log(`the previous database was kept as ${aside}`);
  }
  copyFileSync(resolve(file), live);
  console.log(`restored ${file} into ${live}`);
}

async function main() {
  const [cmd = 'serve', arg] = process.argv.slice(2);
  if (cmd === 'serve') return serve();
  if (cmd === 'migrate') {
    const { database } = await open();
    const done = await migrateToLatest(database.db);
    console.log(done.length ? `applied: ${done.join(', ')}` : 'schema is up to date');
    return database.destroy();
  }
  if (cmd === 'demo') {
    if (process.env.DATABASE_URL) throw new Error('The demo is never loaded into PostgreSQL.');
    const dir = resolve(arg ?? `./data-demo-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const { config, database } = await open(dir);
    await loadDemo(makeDeps(database, config));
    console.log(`demo loaded into ${join(dir, 'gongzhi.db')}; serve it with DATA_DIR=${dir} npm start`);
    return database.destroy();
  }
  if (cmd === 'verify') {
    const { database } = await open();
    let bad = 0;
    for (const chain of await allChains(database.db)) {
      const r = await verifyChain(database.db, chain);
      console.log(
        `${r.ok ? 'ok    ' : 'BROKEN'} ${chain}: ${r.checked} rows${r.ok ? '' : `, at seq ${r.brokenAtSeq}: ${r.reason}`}`,
      );
      if (!r.ok) bad++;
    }
    await database.destroy();
    process.exit(bad ? 1 : 0);
  }
  if (cmd === 'purge') {
    const { config, database } = await open();
    for (const line of await purgeAll(makeDeps(database, config))) console.log(line);
    return database.destroy();
  }
  if (cmd === 'backup') return backup(arg);
  if (cmd === 'restore') return restore(arg);
  if (cmd === 'openapi') {
    // The document depends on the code only: build it on a throwaway in-memory database.
    const config = loadConfig(
      { ...process.env, DATABASE_URL: undefined, SECRET_KEY: 'o'.repeat(64), LOG_LEVEL: 'silent' },
      { dataDir: tmpdir() },
    );
    const database = createDb({ sqliteFile: ':memory:' });
    await migrateToLatest(database.db);
    const app = await buildApp({ config: { ...config, webRoot: null }, database, logger: false });
    await app.ready();
    process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
    await app.close();
    return database.destroy();
  }
  console.error(USAGE);
  process.exit(2);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
