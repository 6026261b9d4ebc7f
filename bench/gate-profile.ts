// Where does a gate's time go? Runs the demo once (sandbox + gate) and splits its wall time into phases and per-test spans.
// Usage: node --import tsx bench/gate-profile.ts [-- demo flags]   default flags: --project api --project integrity --load off
// Phases come from the demo's own output lines (timestamped as they arrive) and Playwright's results.json (each test's start,
// duration and worker); the slowest tests and each worker's idle time show what a faster gate would have to cut.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const separator = process.argv.indexOf('--');
const flags = separator > 0 ? process.argv.slice(separator + 1) : ['--project', 'api', '--project', 'integrity', '--load', 'off'];
const root = new URL('..', import.meta.url).pathname;
const reportsDir = mkdtempSync(join(tmpdir(), 'holdfast-gate-profile-'));

const t0 = Date.now();
const marks: [number, string][] = [];
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, [join(root, 'bin/holdfast.mjs'), 'demo', '--reports-dir', reportsDir, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (/Starting the sandbox|Sandbox API|Running \d+ tests?|Holdfast verdict/.test(line)) marks.push([Date.now() - t0, line.trim().slice(0, 70)]);
  });
  child.on('close', (c) => resolve(c ?? 1));
});
const total = Date.now() - t0;

interface Result { workerIndex: number; startTime: string; duration: number; status: string }
interface Spec { title: string; tests: { projectName: string; results: Result[] }[] }
interface Suite { specs?: Spec[]; suites?: Suite[] }
const results = JSON.parse(readFileSync(join(reportsDir, 'results.json'), 'utf8')) as { suites: Suite[]; stats: { startTime: string; duration: number } };
const spans: { title: string; project: string; worker: number; start: number; ms: number; status: string }[] = [];
const walk = (suite: Suite) => {
  for (const spec of suite.specs ?? []) for (const t of spec.tests) for (const r of t.results) spans.push({ title: spec.title.replace(/ @.*/, ''), project: t.projectName, worker: r.workerIndex, start: Date.parse(r.startTime), ms: r.duration, status: r.status });
  for (const child of suite.suites ?? []) walk(child);
};
results.suites.forEach(walk);

const runStart = Date.parse(results.stats.startTime);
const firstTest = Math.min(...spans.map((s) => s.start));
const lastEnd = Math.max(...spans.map((s) => s.start + s.ms));
console.log(`demo ${flags.join(' ')}: exit ${code}, ${(total / 1000).toFixed(1)} s wall`);
for (const [at, line] of marks) console.log(`  +${(at / 1000).toFixed(2).padStart(6)} s  ${line}`);
console.log(`playwright: ${(results.stats.duration / 1000).toFixed(1)} s from its start; first test after ${((firstTest - runStart) / 1000).toFixed(2)} s; tests span ${((lastEnd - firstTest) / 1000).toFixed(1)} s; ${spans.length} test runs on ${new Set(spans.map((s) => s.worker)).size} worker processes`);
const byWorker = new Map<number, number>();
for (const s of spans) byWorker.set(s.worker, (byWorker.get(s.worker) ?? 0) + s.ms);
console.log(`busy time per worker process: ${[...byWorker].map(([w, ms]) => `#${w} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
console.log('slowest tests:');
for (const s of spans.sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`  ${(s.ms / 1000).toFixed(2).padStart(6)} s  ${s.project.padEnd(9)} #${s.worker} ${s.status.padEnd(7)} ${s.title.slice(0, 80)}`);
