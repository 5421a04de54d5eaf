/**
 * Resident import benchmark (QUALITY.md: 100,000 rows ≤ 60 s with validation, dedupe and audit;
 * RSS ≤ 512 MB). Builds a fresh SQLite database with a subdistrict-scale territory (the bench
 * territory step: 28 communities, 300 compounds, 3,000 buildings), writes a deterministic
 * 100,000-row xlsx of valid synthetic residents, and times the import through the service
 * (upload accepted → job finished, all rows committed in one transaction).
 *
 *   npx tsx bench/people-import.ts [--rows 100000] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { residentIdCheckChar } from '../contracts/identifiers';
import { IMPORT_COLUMNS } from '../contracts/people-io';
import { loadConfig } from '../server/config';
import { createDb } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { startImport } from '../server/modules/people/index';
import { placeDirectory } from '../server/modules/territory/index';
import { systemContext } from '../server/platform/context';
import { makeDeps } from '../server/platform/deps';
import { createJobRunner, parseSummary } from '../server/platform/jobs';
import { batchRows, type StepContext, scaleOf, stepTools, type World } from './lib/context';
import { mobile, personName } from './lib/names';
import { Rng } from './lib/random';
import { territoryStep } from './steps/territory';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(arg('rows') ?? 100_000);
const keep = process.argv.includes('--keep');
const log = (m: string) => process.stderr.write(`${m}\n`);

let peakSampled = 0;
const sample = () => {
  peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
};

async function territory(db: ReturnType<typeof createDb>) {
  const world: World = {
    regions: [],
    cityRegionId: null,
    tenants: [],
    platformAdminId: null,
    platformAdmin: 'bench-admin',
    password: '',
  };
  await db.db.transaction().execute(async (trx) => {
    const ctx: StepContext = {
      db: trx,
      dialect: db.dialect,
      scale: scaleOf('subdistrict', 1),
      world,
      ...stepTools('people-import', territoryStep.name, 0),
      async insert(table, rows) {
        const size = batchRows(Object.keys(rows[0] ?? {}).length, db.dialect);
        for (let i = 0; i < rows.length; i += size)
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + size))
            .execute();
      },
      log: () => {},
    };
    await territoryStep.run(ctx);
  });
  return world.tenants[0]!.id;
}

/** Valid, unique, deterministic rows: birth dates over 80 years, sequence numbers per date. */
async function writeFile(file: string, dir: Awaited<ReturnType<typeof placeDirectory>>) {
  const rng = new Rng('people-import');
  const community = new Map(dir.communities.map((c) => [c.id, c.code]));
  const compound = new Map(dir.compounds.map((k) => [k.id, k.name]));
  const buildings = dir.buildings.filter((b) => b.compoundId);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('居民');
  ws.addRow([...IMPORT_COLUMNS]).commit();
  const tags = ['', '', '', '空巢老人', '独居老人', '高龄老人、独居老人', '退役军人'];
  const day0 = Date.UTC(1940, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(day0 + (i % 29_000) * 86_400_000).toISOString().slice(0, 10);
    const first17 = `441900${birth.replace(/-/g, '')}${String(Math.floor(i / 29_000) * 2 + 1 + (i % 2)).padStart(3, '0')}`;
    const b = buildings[rng.int(0, buildings.length - 1)]!;
    ws.addRow([
      personName(rng),
      '',
      '',
      '居民身份证',
      `${first17}${residentIdCheckChar(first17)}`,
      rng.chance(0.8) ? mobile(rng) : '',
      '汉族',
      community.get(b.communityId),
      compound.get(b.compoundId!),
      b.number,
      String(rng.int(1, 4)),
      String(rng.int(1, 30) * 100 + rng.int(1, 4)),
      '',
      rng.chance(0.1) ? '是' : '否',
      '',
      tags[rng.int(0, tags.length - 1)],
      rng.chance(0.05) ? '合成数据' : '',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gz-import-bench-'));
  const config = loadConfig(
    { DATA_DIR: dataDir, SECRET_KEY: 'b'.repeat(64), LOG_LEVEL: 'silent' },
    { dataDir, webRoot: null },
  );
  const database = createDb({ sqliteFile: join(dataDir, 'gongzhi.db') });
  try {
    await migrateToLatest(database.db);
    const deps = makeDeps(database, config);
    const tenantId = await territory(database);
    const dir = await placeDirectory(deps, tenantId);
    const file = join(dataDir, 'residents.xlsx');
    let t = performance.now();
    // The file is written by a child process, so that its memory does not count against the import.
    writeFileSync(join(dataDir, 'directory.json'), JSON.stringify(dir));
    execFileSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, '--write', dataDir, '--rows', String(ROWS)],
      {
        stdio: 'inherit',
      },
    );
    log(
      `territory: ${dir.communities.length} communities, ${dir.compounds.length} compounds, ${dir.buildings.length} buildings`,
    );
    log(
      `file: ${ROWS} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB, written in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const body = readFileSync(file);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    peakSampled = rssBefore;
    const timer = setInterval(sample, 20);
    const jobs = createJobRunner(database.db, { error: (o, m) => log(`${m} ${JSON.stringify(o)}`) });
    t = performance.now();
    const { jobId } = await startImport(
      deps,
      jobs,
      systemContext([tenantId]),
      tenantId,
      body,
      'application/xlsx',
    );
    await jobs.idle();
    const seconds = (performance.now() - t) / 1000;
    clearInterval(timer);
    sample();
    const job = await jobs.find(jobId);
    const persons = Number(
      (
        await database.db
          .selectFrom('person')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const result = {
      rows: ROWS,
      status: job?.status,
      personsInDb: persons,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(ROWS / seconds),
      rssBeforeMB: Math.round(rssBefore / 1e6),
      peakRssSampledMB: Math.round(peakSampled / 1e6),
      peakRssProcessMB: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
      summary: parseSummary(job?.summary ?? null),
      bars: { seconds: 60, rssMB: 512 },
    };
    console.log(JSON.stringify(result, null, 2));
    if (job?.status !== 'succeeded' || persons !== ROWS) process.exitCode = 1;
  } finally {
    await database.destroy();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    else log(`kept ${dataDir}`);
  }
}

if (arg('write')) {
  const dir = arg('write')!;
  await writeFile(join(dir, 'residents.xlsx'), JSON.parse(readFileSync(join(dir, 'directory.json'), 'utf8')));
} else await main();
