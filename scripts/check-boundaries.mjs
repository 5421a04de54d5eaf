#!/usr/bin/env node
/**
 * The layering lint (DESIGN.md §1): a module reaches another module only through its index.ts;
 * platform never imports a module; db imports neither; contracts import nothing of ours but
 * contracts; web never imports server code. Exits 1 listing every offending import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every boundary-breaking import under `root`, as readable lines. */
export function findViolations(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs)$/.test(name)) files.push(p);
    }
  };
  for (const top of ['server', 'contracts', 'web', 'bench', 'e2e']) {
    try {
      walk(join(root, top));
    } catch {}
  }

  const rel = (p) => relative(root, p).split('\\').join('/');
  const importRe =
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const problems = [];

  for (const file of files) {
    const from = rel(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const to = rel(resolve(dirname(file), spec));
      const fromModule = from.match(/^server\/modules\/([^/]+)\//)?.[1];
      const toModule = to.match(/^server\/modules\/([^/]+)(\/|$)/)?.[1];
      const say = (why) => problems.push(`${from}: imports '${spec}' — ${why}`);
      if (toModule && fromModule !== toModule && to !== `server/modules/${toModule}/index`) {
        say(`reach module '${toModule}' through its index.ts`);
      }
      if (from.startsWith('server/platform/') && toModule) say('platform never imports a module');
      if (from.startsWith('server/db/') && (to.startsWith('server/platform') || toModule))
        say('db imports neither platform nor modules');
      if (from.startsWith('contracts/') && !to.startsWith('contracts/'))
        say('contracts import only contracts');
      if (from.startsWith('web/') && to.startsWith('server/')) say('web never imports server code');
    }
  }

  return { problems, files: files.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { problems, files } = findViolations(resolve(import.meta.dirname, '..'));
  if (problems.length) {
    console.error(`Boundary violations (${problems.length}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`boundaries ok (${files} files)`);
}
