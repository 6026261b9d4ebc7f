#!/usr/bin/env node
// Runs the project's own tests (node:test over TypeScript via tsx) and ends with "N passed, N failed".
// Usage: node selftest/run.mjs [path-prefix ...]   e.g. node selftest/run.mjs selftest/unit
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// Longest files first, by how long each took last time (this machine's cache, else the committed seed): with two
// files at a time, a long file started last would run on alone at the end.
const durationsCache = join(root, 'node_modules', '.cache', 'holdfast', 'selftest-durations.json');
const durationsSeed = join(root, 'selftest', 'durations.json');
const readDurations = (path) => { try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return {}; } };
const known = { ...readDurations(durationsSeed), ...readDurations(durationsCache) };
// A file never timed is assumed long (new matrices usually are), so it does not end up last.
const expected = (file) => known[file] ?? Number.MAX_SAFE_INTEGER;

const filters = process.argv.slice(2);
const files = roots
  .flatMap((r) => { try { return findTests(join(root, r)); } catch { return []; } })
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort()
  .sort((a, b) => expected(b) - expected(a));

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || '(all)'}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The CLI under test runs from dist/: compile the current sources first (skipped while dist/ is current). A failed build
// leaves dist/ stale, so the CLI runs from source and the tests still judge the current code.
await buildDist().catch((error) => console.error(`selftest: building dist/ failed, the CLI runs from source: ${error.message.split('\n')[0]}`));

const concurrency = process.env.SELFTEST_CONCURRENCY ?? '2';
const timed = join(tmpdir(), `holdfast-selftest-durations-${process.pid}.json`);
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./selftest/file-durations.mjs', `--test-reporter-destination=${timed}`, ...files],
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
  saveDurations();
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

/** Merges this run's file durations into the cache the next run orders by. */
function saveDurations() {
  if (!existsSync(timed)) return;
  try {
    const measured = Object.fromEntries(Object.entries(readDurations(timed)).map(([file, ms]) => [relative(root, file), Math.round(ms)]));
    mkdirSync(join(durationsCache, '..'), { recursive: true });
    writeFileSync(durationsCache, `${JSON.stringify({ ...readDurations(durationsCache), ...measured }, null, 2)}\n`);
  } catch {
    /* ordering is an optimisation: never fail a run for it */
  } finally {
    rmSync(timed, { force: true });
  }
}
