import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createDb, type Database } from '../../server/db/database';
import type { PeopleProbes } from './context';

/** Where the benchmark database lives: an SQLite file in a data directory, or a dedicated PostgreSQL database. */
export interface Target {
  kind: 'sqlite' | 'postgres';
  dataDir: string;
  sqliteFile: string;
  /** The benchmark database's URL (PostgreSQL only); never the URL the caller gave. */
  databaseUrl: string | null;
  /** Where we connect to create and drop the benchmark database (PostgreSQL only). */
  adminUrl: string | null;
  pgDatabase: string | null;
}

export const DEFAULT_DATA_DIR = './.bench/data';
export const DEFAULT_PG_DATABASE = 'gongzhi_bench';

export function resolveTarget(opts: {
  dataDir?: string;
  databaseUrl?: string | undefined;
  pgDatabase?: string;
}): Target {
  const dataDir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  const sqliteFile = join(dataDir, 'gongzhi.db');
  if (!opts.databaseUrl) {
    return { kind: 'sqlite', dataDir, sqliteFile, databaseUrl: null, adminUrl: null, pgDatabase: null };
  }
  const name = opts.pgDatabase ?? DEFAULT_PG_DATABASE;
  // Only ever create or drop databases we own: the name must say it is a benchmark database.
  if (!/^gongzhi_bench[a-z0-9_]*$/.test(name)) throw new Error(`Refusing PostgreSQL database name "${name}"`);
  const url = new URL(opts.databaseUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname))
    throw new Error(`The benchmark only uses a local PostgreSQL (got host ${url.hostname})`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const bench = new URL(url);
  bench.pathname = `/${name}`;
  return {
    kind: 'postgres',
    dataDir,
    sqliteFile,
    databaseUrl: bench.toString(),
    adminUrl: admin.toString(),
    pgDatabase: name,
  };
}

/** Empties the target: deletes the SQLite file (and its WAL), or drops and re-creates the PostgreSQL database. */
export async function resetTarget(t: Target): Promise<void> {
  mkdirSync(t.dataDir, { recursive: true });
  if (t.kind === 'sqlite') {
    for (const f of [t.sqliteFile, `${t.sqliteFile}-wal`, `${t.sqliteFile}-shm`]) rmSync(f, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: t.adminUrl! });
  await client.connect();
  try {
    await client.query(`drop database if exists "${t.pgDatabase}" with (force)`);
    await client.query(`create database "${t.pgDatabase}"`);
  } finally {
    await client.end();
  }
}

export function openTarget(t: Target): Database {
  return t.kind === 'sqlite'
    ? createDb({ sqliteFile: t.sqliteFile })
    : createDb({ databaseUrl: t.databaseUrl! });
}

/** What the generator made, for the load test to read back (kept next to the data). */
export interface Manifest {
  scale: string;
  seed: string;
  target: 'sqlite' | 'postgres';
  pgDatabase: string | null;
  generatedAt: string;
  seconds: number;
  steps: { name: string; seconds: number }[];
  counts: Record<string, number>;
  password: string;
  platformAdmin: string;
  tenants: {
    id: string;
    code: string;
    name: string;
    admin: string;
    socialWorker: string;
    probes?: PeopleProbes;
    caseProbes?: { workerUsername: string; supervisorUsername: string };
  }[];
}

const manifestFile = (t: Target) => join(t.dataDir, `bench-manifest.${t.kind}.json`);

export function writeManifest(t: Target, m: Manifest): string {
  const file = manifestFile(t);
  writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export function readManifest(t: Target): Manifest | null {
  const file = manifestFile(t);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : null;
}
