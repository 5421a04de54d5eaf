#!/usr/bin/env node
/** Fails when docs/openapi.json differs from what the code generates (CI: the committed copy must not drift). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// The document is over 1 MB (execFileSync's default buffer): allow 64 MB.
const generated = execFileSync('node_modules/.bin/tsx', ['server/main.ts', 'openapi'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (readFileSync('docs/openapi.json', 'utf8') !== generated) {
  console.error('docs/openapi.json is out of date: run `npm run openapi` and commit it.');
  process.exit(1);
}
console.log('openapi: docs/openapi.json matches the code');
