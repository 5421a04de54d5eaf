#!/usr/bin/env node
/**
 * Runs a command against PostgreSQL: TEST_DATABASE_URL from DATABASE_URL, or the local server
 * (postgres@127.0.0.1:5432, database gongzhi_test, created if missing). Tests make and drop
 * their own schemas inside it.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/gongzhi_test';

async function ensureDatabase() {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (e) {
    console.error(
      `PostgreSQL is not reachable at ${admin.host} (${e.message}). Start it (pg_ctlcluster 15 main start) or set DATABASE_URL.`,
    );
    process.exit(1);
  }
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  await client.end();
}

await ensureDatabase();
const [cmd, ...args] = process.argv.slice(2);
const res = spawnSync(cmd.startsWith('.') ? cmd : `node_modules/.bin/${cmd}`, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(res.status ?? 1);
