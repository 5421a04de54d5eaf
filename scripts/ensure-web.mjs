#!/usr/bin/env node
/** Builds the web app unless dist/web is newer than every source file it is made from (fast restarts). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
};

const built = 'dist/web/index.html';
const sources = Math.max(
  newest('web'),
  newest('contracts'),
  statSync('vite.config.ts').mtimeMs,
  statSync('package-lock.json').mtimeMs,
);
if (existsSync(built) && statSync(built).mtimeMs > sources) process.exit(0);
console.log('building the web app (vite)…');
const r = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
