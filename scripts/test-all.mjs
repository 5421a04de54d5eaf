#!/usr/bin/env node
/**
 * `npm test`: every leg — SQLite (unit + integration), PostgreSQL (integration), Chromium (e2e) —
 * each run to the end even if an earlier one failed, then one closing line with the totals.
 */
import { spawn } from 'node:child_process';

const legs = [
  ['sqlite', 'npm', ['run', '--silent', 'test:sqlite']],
  ['postgresql', 'npm', ['run', '--silent', 'test:pg']],
  ['e2e', 'npm', ['run', '--silent', 'test:e2e']],
];
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const strip = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');

function run(name, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const tee = (stream, sink) =>
      stream.on('data', (d) => {
        sink.write(d);
        out += d.toString();
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => {
      const text = strip(out);
      let passed = 0;
      let failed = 0;
      const vitest = [...text.matchAll(/^\s*Tests\s+(.*)$/gm)].at(-1)?.[1] ?? '';
      passed += Number(/(\d+) passed/.exec(vitest)?.[1] ?? 0);
      failed += Number(/(\d+) failed/.exec(vitest)?.[1] ?? 0);
      passed += Number([...text.matchAll(/^# pass (\d+)/gm)].at(-1)?.[1] ?? 0);
      failed += Number([...text.matchAll(/^# fail (\d+)/gm)].at(-1)?.[1] ?? 0);
      if (code !== 0 && failed === 0) failed = 1; // a leg that crashed counts as a failure
      resolve({ name, code, passed, failed, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

const only = process.argv[2];
const results = [];
for (const [name, cmd, args] of legs) {
  if (only && only !== name) continue;
  console.log(`\n=== ${name} ===`);
  results.push(await run(name, cmd, args));
}
console.log('\n=== summary ===');
for (const r of results)
  console.log(`${r.name.padEnd(11)} ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
