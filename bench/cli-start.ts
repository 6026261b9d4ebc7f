// How long does the holdfast command take to start, and to reach a verdict on a target that is down? Compiled (dist/) against source (tsx).
// Usage: node --import tsx bench/cli-start.ts [runs=5]   Each command runs once to warm the file cache, then `runs` times; prints min/median/max.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist } from '../scripts/build.mjs';
import { percentile } from '../src/stats/percentile.ts';

const runs = Number(process.argv[2] ?? 5);
const root = new URL('..', import.meta.url).pathname;
const reportsDir = mkdtempSync(join(tmpdir(), 'holdfast-cli-start-'));
const commands: [string, string[]][] = [
  ['--help', ['--help']],
  ['gate --help', ['gate', '--help']],
  ['gate on a down target', ['gate', '--target', 'http://127.0.0.1:9', '--load', 'off', '--reports-dir', reportsDir]],
];

function wallMs(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin/holdfast.mjs'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`holdfast ${args.join(' ')} exited ${run.status}`);
  return performance.now() - started;
}

await buildDist();
for (const [from, env] of [['dist', {}], ['source', { HOLDFAST_FROM_SOURCE: '1' }]] as const) {
  for (const [label, args] of commands) {
    wallMs(args, env);
    const times = Array.from({ length: runs }, () => wallMs(args, env));
    const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
    console.log(`${from.padEnd(6)} ${label.padEnd(22)} median ${fmt(percentile(times, 50))}  (min ${fmt(Math.min(...times))}, max ${fmt(Math.max(...times))}, ${runs} runs)`);
  }
}
rmSync(reportsDir, { recursive: true, force: true });
