/**
 * Deterministic synthetic data for the benchmarks.
 *
 *   npm run bench:generate -- --scale subdistrict [--data-dir ./.bench/data] [--seed S] [--digest]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:generate -- --scale city
 *
 * SQLite: DATA_DIR/gongzhi.db is deleted and rebuilt. PostgreSQL: the database `gongzhi_bench`
 * (--pg-database) is dropped and re-created on the server DATABASE_URL points at; the database
 * named in DATABASE_URL itself is never written to.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { migrateToLatest } from '../server/db/migrate';
import { batchRows, type ScaleName, type StepContext, scaleOf, stepTools, type World } from './lib/context';
import { openTarget, resetTarget, resolveTarget, type Target, writeManifest } from './lib/target';
import { steps } from './steps/index';

export interface GenerateOptions {
  scale: ScaleName;
  dataDir?: string;
  databaseUrl?: string;
  pgDatabase?: string;
  seed?: string;
  tenants?: number;
  digest?: boolean;
  quiet?: boolean;
}

const TABLE_KEYS: Record<string, string[]> = {
  region: ['id'],
  tenant: ['id'],
  app_user: ['id'],
  role_grant: ['id'],
};

/** A hash of every row of every table we wrote, ordered by key: equal digests mean equal data. */
async function digest(db: Kysely<any>, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const keys = TABLE_KEYS[t] ?? ['tenant_id', 'id'];
    let q = db.selectFrom(t).selectAll();
    for (const k of keys) q = q.orderBy(k);
    const h = createHash('sha256');
    // Sealed values carry a random IV (as the app seals them): compare everything else.
    for (const row of await q.execute())
      h.update(JSON.stringify(row, (k, v) => (k.endsWith('_sealed') ? undefined : v)));
    out[t] = h.digest('hex').slice(0, 16);
  }
  return out;
}

export async function generate(opts: GenerateOptions) {
  const log = (m: string) => {
    if (!opts.quiet) console.log(m);
  };
  const seed = opts.seed ?? 'gongzhi-bench-1';
  const scale = scaleOf(opts.scale, opts.tenants);
  const target: Target = resolveTarget({
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
    pgDatabase: opts.pgDatabase,
  });
  const where = target.kind === 'sqlite' ? target.sqliteFile : `PostgreSQL database ${target.pgDatabase}`;
  log(`generating ${scale.name} scale (${scale.tenants} tenant(s)), seed "${seed}" → ${where}`);

  const t0 = performance.now();
  await resetTarget(target);
  const database = openTarget(target);
  const counts: Record<string, number> = {};
  const timings: { name: string; seconds: number }[] = [];
  try {
    let t = performance.now();
    await migrateToLatest(database.db);
    timings.push({ name: 'migrate', seconds: (performance.now() - t) / 1000 });

    const world: World = {
      regions: [],
      cityRegionId: null,
      tenants: [],
      platformAdminId: null,
      platformAdmin: 'bench-admin',
      password: '',
    };
    for (const [index, step] of steps.entries()) {
      t = performance.now();
      const before = { ...counts };
      await database.db.transaction().execute(async (trx) => {
        const ctx: StepContext = {
          db: trx,
          dialect: database.dialect,
          scale,
          world,
          ...stepTools(seed, step.name, index),
          async insert(table, rows) {
            if (rows.length === 0) return;
            const size = batchRows(Object.keys(rows[0]!).length, database.dialect);
            for (let i = 0; i < rows.length; i += size)
              await trx
                .insertInto(table)
                .values(rows.slice(i, i + size))
                .execute();
            counts[table] = (counts[table] ?? 0) + rows.length;
          },
          log: (m) => log(`  [${step.name}] ${m}`),
        };
        await step.run(ctx);
      });
      const seconds = (performance.now() - t) / 1000;
      timings.push({ name: step.name, seconds });
      const made = Object.entries(counts)
        .filter(([k, v]) => v !== (before[k] ?? 0))
        .map(([k, v]) => `${k} ${(v - (before[k] ?? 0)).toLocaleString('en')}`)
        .join(', ');
      log(`  ${step.name.padEnd(12)} ${seconds.toFixed(2).padStart(7)} s  ${made}`);
    }

    t = performance.now();
    if (database.dialect === 'postgres') await sql`analyze`.execute(database.db);
    else await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
    timings.push({ name: 'finish', seconds: (performance.now() - t) / 1000 });

    const seconds = (performance.now() - t0) / 1000;
    log(`done in ${seconds.toFixed(2)} s`);
    const manifest = writeManifest(target, {
      scale: scale.name,
      seed,
      target: target.kind,
      pgDatabase: target.pgDatabase,
      generatedAt: new Date().toISOString(),
      seconds,
      steps: timings,
      counts,
      password: world.password,
      platformAdmin: world.platformAdmin,
      tenants: world.tenants.map((x) => ({
        id: x.id,
        code: x.code,
        name: x.name,
        admin: x.accounts.admin,
        socialWorker: x.accounts.socialWorker,
        ...(x.probes ? { probes: x.probes } : {}),
        ...(x.caseProbes ? { caseProbes: x.caseProbes } : {}),
      })),
    });
    log(`manifest (accounts, password, counts): ${manifest}`);
    let digests: Record<string, string> | null = null;
    if (opts.digest) {
      digests = await digest(database.db, Object.keys(counts));
      for (const [k, v] of Object.entries(digests)) log(`  digest ${k.padEnd(18)} ${v}`);
    }
    return { target, seconds, counts, timings, digests };
  } finally {
    await database.destroy();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'subdistrict' },
      'data-dir': { type: 'string' },
      'pg-database': { type: 'string' },
      seed: { type: 'string' },
      tenants: { type: 'string' },
      digest: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: tsx bench/generate.ts [--scale subdistrict|city] [--data-dir DIR] [--pg-database NAME] [--seed S] [--tenants N] [--digest]\n' +
        '  PostgreSQL when DATABASE_URL is set (the benchmark database is created next to it).',
    );
    return;
  }
  if (values.scale !== 'subdistrict' && values.scale !== 'city')
    throw new Error('--scale must be subdistrict or city');
  await generate({
    scale: values.scale,
    dataDir: values['data-dir'],
    databaseUrl: process.env.DATABASE_URL,
    pgDatabase: values['pg-database'],
    seed: values.seed,
    tenants: values.tenants ? Number(values.tenants) : undefined,
    digest: values.digest,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
