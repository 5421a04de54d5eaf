import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDb } from './db/database';
import { migrateToLatest } from './db/migrate';
import { loadDemo } from './demo/demo';
import { issueSetupSecret, setupNeeded } from './modules/accounts/index';
import { allChains, verifyChain } from './modules/audit/index';

const USAGE = `用法 / usage: tsx server/main.ts <command>
  serve            migrate, load the demo into a new embedded database, and serve on PORT
  migrate          bring the database schema up to date
  demo [DIR]       load the Fengcheng demo into a new data directory (default ./data-demo-<time>)
  verify           verify every audit hash chain; exits 1 if one is broken
  openapi          print the OpenAPI document`;

async function open(dataDir?: string) {
  const config = loadConfig(process.env, dataDir ? { dataDir: resolve(dataDir) } : {});
  const database = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  return { config, database };
}

async function serve() {
  const { config, database } = await open();
  if (
    !config.databaseUrl &&
    config.demo === 'auto' &&
    (await setupNeeded({ db: database.db, dialect: database.dialect, config }))
  ) {
    await loadDemo({ db: database.db, dialect: database.dialect, config });
  }
  const secret = await issueSetupSecret({ db: database.db, dialect: database.dialect, config });
  if (secret) {
    console.log(
      `\n  新安装:请用一次性初始化口令创建首个管理员 (POST /api/v1/setup 或打开网页)\n  One-time setup secret: ${secret}\n`,
    );
  }
  const app = await buildApp({ config, database });
  const close = async (signal: string) => {
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
    await loadDemo({ db: database.db, dialect: database.dialect, config });
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
