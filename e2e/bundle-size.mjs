#!/usr/bin/env node
/**
 * Gzip sizes of the built web app (dist/web): the first route (entry + its static imports + CSS,
 * plus the lazy page named on the command line, default the coverage page) and each lazy page's
 * own extra chunks. Used to check QUALITY.md's web budget: ≤170 KB first route, ≤100 KB per route.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = 'dist/web/assets';
const html = readFileSync('dist/web/index.html', 'utf8');
const files = readdirSync(dir);
const gz = (f) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
const staticDeps = (f, seen = new Set()) => {
  if (seen.has(f)) return seen;
  seen.add(f);
  if (!f.endsWith('.js')) return seen;
  const src = readFileSync(join(dir, f), 'utf8');
  for (const m of src.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)) staticDeps(m[1], seen);
  return seen;
};
const entry = [...html.matchAll(/assets\/([^"]+\.(?:js|css))/g)].map((m) => m[1]);
const initial = new Set();
for (const f of entry) staticDeps(f, initial);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (set) => [...set].reduce((a, f) => a + gz(f), 0);
const pages = files.filter((f) => /\.page-[\w-]+\.js$/.test(f));
const extra = (page) => new Set([...staticDeps(page)].filter((f) => !initial.has(f)));
const firstName = process.argv[2] ?? 'coverage.page';
const firstPage = pages.find((p) => p.startsWith(`${firstName}-`));
const shell = sum(initial);
console.log(`entry (shell, JS+CSS): ${kb(shell)}`);
const rows = pages
  .map((p) => ({ page: p.replace(/-[\w-]+\.js$/, ''), size: sum(extra(p)) }))
  .sort((a, b) => b.size - a.size);
for (const r of rows) console.log(`  lazy ${r.page.padEnd(24)} ${kb(r.size)}`);
if (firstPage) console.log(`first route (shell + ${firstName}): ${kb(shell + sum(extra(firstPage)))}`);
console.log(`largest lazy route: ${rows[0]?.page} ${kb(rows[0]?.size ?? 0)}`);
