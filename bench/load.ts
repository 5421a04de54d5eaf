/**
 * Load test: the real app against two baselines measured in the same run, on the generated data.
 *
 *   npm run bench -- [--duration 10] [--connections 10] [--only tree,users] [--cpu-prof]
 *   npm run bench -- --rate 500 [--duration 60]        (p99 ≤ 60 ms at 500 req/s on the list route)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   (city data in gongzhi_bench)
 *
 * Servers run as child processes (node --import tsx) on 127.0.0.1; autocannon runs in this process,
 * so on a 2-core machine the server under test has one core and the load generator the other.
 * Only loopback is used; every run is bounded by --duration and every child is stopped at the end.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generate } from './generate';
import type { PeopleProbes } from './lib/context';
import { summarizeProfile } from './lib/profile';
import { type Manifest, readManifest, resolveTarget } from './lib/target';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, 'results');

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
}

/** Starts one server script in a child process and waits for it to report its loopback port. */
function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  profDir?: string,
): Promise<Server> {
  const execArgv = ['--import', 'tsx', ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [])];
  const child = fork(join(here, 'servers', script), [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited early (code ${code})`)));
    child.on('message', (m: any) => {
      if (m?.ready) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ name, child, port: m.port });
      }
    });
  });
}

function stopServer(s: Server): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    const kill = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
    s.child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    s.child.send('stop');
  });
}

interface TargetSpec {
  key: string;
  label: string;
  server: 'bare' | 'app';
  /** A fixed path, or one built from the people step's probes (skipped when the data has none). */
  path: string | ((p: PeopleProbes, tenantId: string) => string);
  auth: boolean;
  /** The hand-written baseline doing the same work, when there is one. */
  sameWork?: string;
  /** Signed in as the cases step's social worker or supervisor instead of the tenant admin. */
  as?: 'workerUsername' | 'supervisorUsername';
}

const TARGETS: TargetSpec[] = [
  { key: 'hello', label: 'bare Fastify GET /hello', server: 'bare', path: '/hello', auth: false },
  {
    key: 'raw-users',
    label: 'raw SQL GET /raw/users?limit=20',
    server: 'bare',
    path: '/raw/users?limit=20',
    auth: true,
  },
  { key: 'raw-tree', label: 'raw SQL GET /raw/tree', server: 'bare', path: '/raw/tree', auth: true },
  {
    key: 'healthz',
    label: 'app GET /healthz (1 query, no auth)',
    server: 'app',
    path: '/healthz',
    auth: false,
  },
  {
    key: 'tree',
    label: 'app GET /api/v1/territory/tree',
    server: 'app',
    path: '/api/v1/territory/tree',
    auth: true,
    sameWork: 'raw-tree',
  },
  {
    key: 'communities',
    label: 'app GET /api/v1/territory/communities',
    server: 'app',
    path: '/api/v1/territory/communities',
    auth: true,
  },
  {
    key: 'users',
    label: 'app GET /api/v1/users?limit=20',
    server: 'app',
    path: '/api/v1/users?limit=20',
    auth: true,
    sameWork: 'raw-users',
  },
  {
    key: 'coverage',
    label: 'app GET /api/v1/territory/coverage',
    server: 'app',
    path: '/api/v1/territory/coverage',
    auth: true,
  },
  // People (issue 3): name search, pinyin initials, filtered list, one person; each with its raw twin.
  ...peopleTargets(),
  // Cases (issue 4): the caseload page and the overdue view at 5,000 cases.
  {
    key: 'cases',
    label: 'app /api/v1/cases?limit=20 (supervisor, 5,000 cases)',
    server: 'app',
    path: '/api/v1/cases?limit=20',
    auth: true,
    as: 'supervisorUsername',
  },
  {
    key: 'cases-mine',
    label: 'app /api/v1/cases?mine=true&limit=20 (social worker)',
    server: 'app',
    path: '/api/v1/cases?mine=true&limit=20',
    auth: true,
    as: 'workerUsername',
  },
  {
    key: 'cases-overdue',
    label: 'app /api/v1/cases/overdue (supervisor)',
    server: 'app',
    path: '/api/v1/cases/overdue',
    auth: true,
    as: 'supervisorUsername',
  },
  // Governance (issue 5): the issue board's first page (20 of 20,000, newest first, category joined).
  {
    key: 'raw-issues',
    label: 'raw SQL /raw/issues?limit=20',
    server: 'bare',
    path: (_p, tenantId) => `/raw/issues?tenantId=${tenantId}&limit=20`,
    auth: true,
  },
  {
    key: 'issues',
    label: 'app GET /api/v1/governance/issues?limit=20 (board)',
    server: 'app',
    path: (_p, tenantId) => `/api/v1/governance/issues?tenantId=${tenantId}&limit=20`,
    auth: true,
    sameWork: 'raw-issues',
  },
];

function peopleTargets(): TargetSpec[] {
  const e = encodeURIComponent;
  const kinds: { key: string; label: string; query: (p: PeopleProbes) => string }[] = [
    { key: 'name', label: 'name=<surname 陈>', query: (p) => `?name=${e(p.surname)}&limit=20` },
    // 张 sorts late by pinyin initials (z): the worst case for a walk in initials order.
    { key: 'name-z', label: 'name=张', query: () => `?name=${e('张')}&limit=20` },
    { key: 'initials', label: 'name=<initials>', query: (p) => `?name=${p.initials}&limit=20` },
    {
      key: 'filter',
      label: 'communityId&tag=<common tag>',
      query: (p) => `?communityId=${p.communityId}&tag=${p.tag}&limit=20`,
    },
    {
      key: 'filter-rare',
      label: 'communityId&tag=tekun (rare)',
      query: (p) => `?communityId=${p.communityId}&tag=tekun&limit=20`,
    },
  ];
  return [
    ...kinds.flatMap(({ key, label, query }): TargetSpec[] => [
      {
        key: `raw-people-${key}`,
        label: `raw SQL /raw/people ${label}`,
        server: 'bare',
        path: (p) => `/raw/people${query(p)}`,
        auth: true,
      },
      {
        key: `people-${key}`,
        label: `app /api/v1/people ${label}`,
        server: 'app',
        path: (p) => `/api/v1/people${query(p)}`,
        auth: true,
        sameWork: `raw-people-${key}`,
      },
    ]),
    {
      key: 'raw-person',
      label: 'raw SQL /raw/people/:id',
      server: 'bare',
      path: (p) => `/raw/people/${p.personId}`,
      auth: true,
    },
    {
      key: 'person',
      label: 'app /api/v1/people/:id',
      server: 'app',
      path: (p) => `/api/v1/people/${p.personId}`,
      auth: true,
      sameWork: 'raw-person',
    },
  ];
}

interface Measured {
  key: string;
  label: string;
  path: string;
  status: number;
  bytes: number;
  /** x-db-queries of one request (counted after the session hook). */
  queries: number | null;
  /** Every query the app process ran, averaged over 5 sequential requests (includes the session lookup). */
  queriesAll: number | null;
  rps: number;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rpsRounds?: number[];
  vsHello?: number;
  vsRawList?: number;
  vsSameWork?: number;
  profile?: ReturnType<typeof summarizeProfile>;
}

async function login(port: number, username: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('gz_session='));
  if (!cookie) throw new Error('login did not set gz_session');
  return cookie;
}

interface BenchState {
  inflight: number;
  queries: number | null;
}
const state = async (port: number) =>
  (await (await fetch(`http://127.0.0.1:${port}/__bench/state`)).json()) as BenchState;

/** Waits until the server has answered every request of the previous run (at most 120 s). */
async function drain(port: number) {
  const until = Date.now() + 120_000;
  while ((await state(port)).inflight > 0) {
    if (Date.now() > until) throw new Error('server did not drain within 120 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Status, size and x-db-queries of one request; then every query the server process ran over
 * N sequential requests (this includes the session lookup the header leaves out).
 */
async function sample(url: string, headers: Record<string, string>, port: number) {
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  const q = res.headers.get('x-db-queries');
  const n = 5;
  const before = (await state(port)).queries;
  for (let i = 0; i < n; i++) await (await fetch(url, { headers })).arrayBuffer();
  const after = (await state(port)).queries;
  return {
    status: res.status,
    bytes: body.byteLength,
    queries: q === null ? null : Number(q),
    perRequest: before === null || after === null ? null : (after - before) / n,
  };
}

function cannon(
  url: string,
  headers: Record<string, string>,
  opts: { duration: number; connections: number; rate?: number },
) {
  return autocannon({
    url,
    headers,
    connections: opts.connections,
    duration: opts.duration,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    timeout: 10,
  });
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** JSON as the repo's formatter writes it (short arrays of numbers or strings on one line), so `biome check bench` stays clean. */
function biomeStyle(value: unknown, replacer: null, indent: number): string {
  return JSON.stringify(value, replacer, indent).replace(
    /\[\n\s+((?:-?[\d.e+-]+|"[^"\n]*"|true|false|null)(?:,\n\s+(?:-?[\d.e+-]+|"[^"\n]*"|true|false|null))*)\n\s*\]/g,
    (whole, items: string, offset: number, all: string) => {
      const line = `[${items.split(/,\n\s+/).join(', ')}]`;
      const lineStart = all.lastIndexOf('\n', offset) + 1;
      return offset - lineStart + line.length <= 110 ? line : whole;
    },
  );
}

function printTable(rows: Measured[]) {
  const head = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'err',
    'non2xx',
    'x-db-q',
    'all q',
    'bytes',
    '×hello',
    '×raw list',
    '×same work',
  ];
  const body = rows.map((r) => [
    r.label,
    fmt(r.rps),
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    fmt(r.errors + r.timeouts),
    fmt(r.non2xx),
    fmt(r.queries),
    fmt(r.queriesAll, 1),
    fmt(r.bytes),
    fmt(r.vsHello, 3),
    fmt(r.vsRawList, 2),
    fmt(r.vsSameWork, 2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const b of body) console.log(line(b));
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1' },
      warmup: { type: 'string', default: '2' },
      rate: { type: 'string' },
      only: { type: 'string' },
      tenant: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      'pg-database': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      out: { type: 'string', default: join(RESULTS, 'latest.json') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: tsx bench/load.ts [--duration S] [--connections N] [--warmup S] [--rounds N] [--rate R] [--only k1,k2]\n' +
        '       [--tenant N] [--data-dir DIR] [--pg-database NAME] [--cpu-prof] [--out FILE]\n' +
        `targets: ${TARGETS.map((t) => t.key).join(', ')}`,
    );
    return;
  }
  const rate = values.rate ? Number(values.rate) : undefined;
  const duration = Number(values.duration ?? (rate ? 60 : 10));
  const connections = Number(values.connections);
  const warmup = Number(values.warmup);
  const rounds = Math.max(1, Math.min(10, Number(values.rounds)));
  if (!(duration > 0 && duration <= 600)) throw new Error('--duration must be 1–600 seconds');

  const target = resolveTarget({
    dataDir: values['data-dir'],
    databaseUrl: process.env.DATABASE_URL,
    pgDatabase: values['pg-database'],
  });
  let manifest: Manifest | null = readManifest(target);
  if (!manifest) {
    if (target.kind === 'postgres')
      throw new Error('No benchmark data in PostgreSQL: run `npm run bench:generate -- --scale city` first');
    console.log('No benchmark data yet: generating the subdistrict scale first.');
    await generate({ scale: 'subdistrict', dataDir: target.dataDir });
    manifest = readManifest(target)!;
  }
  const tenant = manifest.tenants[Number(values.tenant) - 1];
  if (!tenant)
    throw new Error(`--tenant ${values.tenant}: the data has ${manifest.tenants.length} tenant(s)`);

  const only = values.only?.split(',').map((s) => s.trim());
  const probes = tenant.probes;
  let specs = TARGETS.filter(
    (t) =>
      (!only || only.includes(t.key)) &&
      (typeof t.path === 'string' || probes) &&
      (!t.as || tenant.caseProbes),
  );
  if (rate && !only) specs = TARGETS.filter((t) => t.key === 'raw-users' || t.key === 'users');

  const env: Record<string, string> = {
    BENCH_DATA_DIR: target.dataDir,
    ...(target.databaseUrl ? { BENCH_DATABASE_URL: target.databaseUrl } : {}),
  };
  const profRoot = join(RESULTS, 'prof');
  if (values['cpu-prof']) rmSync(profRoot, { recursive: true, force: true });

  console.log(
    `${manifest.scale} scale on ${target.kind}${target.pgDatabase ? ` (${target.pgDatabase})` : ''}: ` +
      `${manifest.counts.building?.toLocaleString('en')} buildings, ${manifest.counts.app_user} accounts; ` +
      `signed in as ${tenant.admin} (${tenant.name}); ${duration} s per target, ${connections} connections` +
      (rate ? `, fixed rate ${rate} req/s` : ''),
  );

  // Other work on the machine skews absolute numbers (ratios less so): the load average is recorded.
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(`load average before: ${loadBefore.join(' ')} (${cpus().length} cores)`);
  const bare = await startServer('bare', 'bare-server.ts', env);
  let app = await startServer('app', 'app-server.ts', env);
  const runs = new Map<string, Measured[]>();
  try {
    const cookie = await login(app.port, tenant.admin, manifest.password);
    const cookies = new Map<string, string>();
    for (let round = 1; round <= rounds; round++) {
      if (rounds > 1) console.log(`round ${round} of ${rounds}`);
      for (const spec of specs) {
        const profile = values['cpu-prof'] && round === 1;
        if (spec.server === 'app' && profile) {
          // A fresh app process per route, so each profile holds one route's work only.
          await stopServer(app);
          app = await startServer('app', 'app-server.ts', env, join(profRoot, spec.key));
        }
        const port = spec.server === 'bare' ? bare.port : app.port;
        const path = typeof spec.path === 'string' ? spec.path : spec.path(probes!, tenant.id);
        const url = `http://127.0.0.1:${port}${path}`;
        const as = spec.as ? tenant.caseProbes![spec.as] : null;
        if (as && !cookies.has(as)) cookies.set(as, await login(app.port, as, manifest.password));
        const headers: Record<string, string> = spec.auth ? { cookie: as ? cookies.get(as)! : cookie } : {};
        await drain(port);
        // One request warms the caches (grants, reference data); then status, size and queries.
        await (await fetch(url, { headers })).arrayBuffer();
        const s = await sample(url, headers, port);
        if (s.status !== 200) console.warn(`  ! ${spec.key}: sample request answered ${s.status}`);
        if (warmup > 0) {
          await cannon(url, headers, { duration: warmup, connections, rate });
          await drain(port);
        }
        process.stdout.write(`  ${spec.key.padEnd(12)} …`);
        const r = await cannon(url, headers, { duration, connections, rate });
        await drain(port);
        const m: Measured = {
          key: spec.key,
          label: spec.label,
          path,
          status: s.status,
          bytes: s.bytes,
          queries: s.queries,
          queriesAll: s.perRequest,
          rps: r.requests.average,
          requests: r.requests.total,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
        };
        runs.set(spec.key, [...(runs.get(spec.key) ?? []), m]);
        console.log(` ${fmt(m.rps)} req/s, p50 ${fmt(m.p50, 1)} ms, p99 ${fmt(m.p99, 1)} ms`);
        if (spec.server === 'app' && profile) {
          await stopServer(app);
          const dir = join(profRoot, spec.key);
          const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
          if (file) m.profile = summarizeProfile(join(dir, file));
          app = await startServer('app', 'app-server.ts', env);
        }
      }
    }
  } finally {
    await Promise.all([stopServer(bare), stopServer(app)]);
  }

  // With several rounds, each target reports its median round (by req/s); every round's req/s is kept.
  const results: Measured[] = specs.map((spec) => {
    const all = [...runs.get(spec.key)!].sort((a, b) => a.rps - b.rps);
    const median = { ...all[Math.floor((all.length - 1) / 2)]! };
    median.rpsRounds = runs.get(spec.key)!.map((r) => Math.round(r.rps));
    median.profile = runs.get(spec.key)!.find((r) => r.profile)?.profile;
    return median;
  });
  const by = new Map(results.map((r) => [r.key, r]));
  for (const r of results) {
    const hello = by.get('hello');
    const rawList = by.get('raw-users');
    const same = TARGETS.find((t) => t.key === r.key)?.sameWork;
    if (hello && !rate) r.vsHello = r.rps / hello.rps;
    if (rawList && !rate) r.vsRawList = r.rps / rawList.rps;
    if (same && by.get(same) && !rate) r.vsSameWork = r.rps / by.get(same)!.rps;
  }
  printTable(results);

  let rateCheck: Record<string, unknown> | null = null;
  if (rate) {
    const list = by.get('users');
    if (list) {
      const pass =
        list.p99 <= 60 && list.errors + list.timeouts + list.non2xx === 0 && list.rps >= rate * 0.95;
      rateCheck = { route: list.path, rate, duration, p99: list.p99, rps: list.rps, pass };
      console.log(
        `\nlist route at ${rate} req/s for ${duration} s: achieved ${fmt(list.rps)} req/s, p99 ${fmt(list.p99, 1)} ms, ` +
          `${list.errors + list.timeouts + list.non2xx} errors → ${pass ? 'PASS' : 'FAIL'} (bar: p99 ≤ 60 ms, 0 errors)`,
      );
    }
  }
  for (const r of results) {
    if (!r.profile) continue;
    console.log(`\nCPU profile of the app during ${r.key} (self time, ${fmt(r.profile.totalMs)} ms busy):`);
    for (const a of r.profile.byArea.slice(0, 10))
      console.log(`  ${fmt(a.share, 1).padStart(5)}%  ${a.area}`);
    console.log('  top functions:');
    for (const f of r.profile.byFunction.slice(0, 12))
      console.log(`  ${fmt(f.share, 1).padStart(5)}%  ${f.fn}`);
  }

  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(
    values.out,
    `${biomeStyle(
      {
        at: new Date().toISOString(),
        loadAverage: { before: loadBefore, after: loadavg().map((x) => Math.round(x * 100) / 100) },
        machine: {
          cpus: cpus().length,
          model: cpus()[0]?.model,
          memGiB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        data: {
          scale: manifest.scale,
          target: target.kind,
          counts: manifest.counts,
          generationSeconds: manifest.seconds,
        },
        tenant: { name: tenant.name, user: tenant.admin },
        settings: {
          duration,
          connections,
          warmup,
          rounds,
          rate: rate ?? null,
          cpuProf: values['cpu-prof'],
        },
        results,
        rateCheck,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nload average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; results: ${values.out}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
