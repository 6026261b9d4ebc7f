#!/usr/bin/env node
// Runs the project's own tests (node:test over TypeScript via tsx) and ends with "N passed, N failed".
// Usage: node selftest/run.mjs [path-prefix ...]   e.g. node selftest/run.mjs selftest/unit
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildDist } from '../scripts/build.mjs';

const root = new URL('..', import.meta.url).pathname;
const roots = ['selftest', 'src', 'sandbox', 'load'];
const skipDirs = new Set(['node_modules', 'dist', 'reports']);

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const filters = process.argv.slice(2);
const files = roots
  .flatMap((r) => { try { return findTests(join(root, r)); } catch { return []; } })
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || '(all)'}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The CLI under test runs from dist/: compile the current sources first (skipped while dist/ is current). A failed build
// leaves dist/ stale, so the CLI runs from source and the tests still judge the current code.
await buildDist().catch((error) => console.error(`selftest: building dist/ failed, the CLI runs from source: ${error.message.split('\n')[0]}`));

const concurrency = process.env.SELFTEST_CONCURRENCY ?? '2';
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', '--test-reporter=spec', ...files],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0' } },
);

// The spec reporter's closing lines ("ℹ pass 12"); the last value seen for each label wins.
const totals = {};
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk.toString()).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const match = /^[ℹ#] (tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(line.trim());
    if (match) totals[match[1]] = Number(match[2]);
  }
});
child.on('close', (code) => {
  const count = (label) => totals[label] ?? 0;
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  const failedTotal = code !== 0 && failed === 0 ? 1 : failed;
  // Skipped tests (k6 live without a k6 binary) are neither passed nor failed: said on their own line, before the closing one.
  if (skipped) console.log(`${skipped} skipped (not counted as passed)`);
  console.log(`${passed} passed, ${failedTotal} failed`);
  process.exit(code ?? 1);
});
