// Where does `npm test`'s time go? Runs the selftests (all, or the files under the given path prefixes) with every Node
// process reporting its CPU time at exit, and the machine's busy time sampled from /proc/stat, then prints CPU seconds by
// kind of process. On a 2-core machine kept busy, the wall time is about the CPU total over 2. Then it measures
// Playwright's own start-up (bench/playwright-floor.ts) and says how much of the run that floor alone explains.
// Usage: node --import tsx bench/selftest-cpu.ts [path-prefix ...]     e.g. bench/selftest-cpu.ts selftest/gate/fault-matrix-auth
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measurePlaywrightFloor } from './playwright-floor.ts';

const root = new URL('..', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'holdfast-selftest-cpu-'));
const log = join(folder, 'processes.jsonl');

/** Seconds the machine's CPUs spent busy (user, nice, system, irq, softirq) since boot. */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (fields[0]! + fields[1]! + fields[2]! + fields[5]! + fields[6]!) / 100;
}

interface ProcessCpu {
  cpuMs: number;
  wallMs: number;
  script: string;
  args: string;
}

/** What a process was, from its entry script. */
function kindOf(p: ProcessCpu): string {
  if (p.script.endsWith('workerProcessEntry.js')) return 'Playwright worker';
  if (p.script.endsWith('@playwright/test/cli.js') || p.script.endsWith('playwright/cli.js')) return 'Playwright runner (main)';
  if (p.script.endsWith('bin/holdfast.mjs')) return 'holdfast CLI';
  if (p.script.endsWith('.test.ts')) return 'selftest file (and its in-process sandbox)';
  if (p.script.includes('typescript/bin/tsc') || p.script.endsWith('/tsc')) return 'tsc (typecheck test)';
  if (p.script.endsWith('selftest/run.mjs')) return 'selftest runner';
  return 'other Node';
}

const busyBefore = machineBusySeconds();
const started = Date.now();
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, [join(root, 'selftest/run.mjs'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_PROCESS_CPU_LOG: log, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} -r ${join(root, 'bench/process-cpu.cjs')}`.trim() },
  });
  child.on('close', (c) => resolve(c ?? 1));
});
const wallS = (Date.now() - started) / 1000;
const busyS = machineBusySeconds() - busyBefore;

const processes: ProcessCpu[] = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ProcessCpu);
rmSync(folder, { recursive: true, force: true });
const byKind = new Map<string, { count: number; cpuMs: number }>();
for (const p of processes) {
  const kind = kindOf(p);
  const entry = byKind.get(kind) ?? { count: 0, cpuMs: 0 };
  entry.count += 1;
  entry.cpuMs += p.cpuMs;
  byKind.set(kind, entry);
}
const nodeS = processes.reduce((sum, p) => sum + p.cpuMs, 0) / 1000;
const row = (label: string, count: string, seconds: number) => `${label.padEnd(44)} ${count.padStart(9)} ${seconds.toFixed(1).padStart(9)} ${((100 * seconds) / busyS).toFixed(0).padStart(5)}%`;

console.log(`\nselftests ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${wallS.toFixed(1)} s on ${cpus().length} cores; the machine was busy ${busyS.toFixed(0)} CPU s (${((100 * busyS) / (wallS * cpus().length)).toFixed(0)}% of what it had)`);
console.log(`${'kind of process'.padEnd(44)} ${'processes'.padStart(9)} ${'CPU s'.padStart(9)} ${'share'.padStart(6)}`);
for (const [kind, { count, cpuMs }] of [...byKind].sort((a, b) => b[1].cpuMs - a[1].cpuMs)) console.log(row(kind, String(count), cpuMs / 1000));
console.log(row('not Node (Postgres, Chromium, k6 stand-ins)', '', Math.max(0, busyS - nodeS)));
const perMain = byKind.get('Playwright runner (main)');
const perWorker = byKind.get('Playwright worker');
if (perMain && perWorker) {
  console.log(`per Playwright run: ${(perMain.cpuMs / perMain.count / 1000).toFixed(2)} CPU s in its runner, ${(perWorker.count / perMain.count).toFixed(2)} workers at ${(perWorker.cpuMs / perWorker.count / 1000).toFixed(2)} CPU s each`);
  const floor = await measurePlaywrightFloor();
  const floorS = perMain.count * floor.runnerS + perWorker.count * floor.workerS;
  console.log(
    `Playwright's start-up alone (a one-assertion spec, median of ${floor.runs}: runner ${floor.runnerS.toFixed(2)}, worker ${floor.workerS.toFixed(2)} CPU s) ` +
      `times these ${perMain.count} runners and ${perWorker.count} workers: ${floorS.toFixed(0)} CPU s, ${((100 * floorS) / busyS).toFixed(0)}% of the run, ` +
      `${(floorS / cpus().length).toFixed(0)} s of wall time on ${cpus().length} cores before any check runs`,
  );
}
process.exit(code);
