// Does the demo pass every time on a loaded machine? Runs `npm run demo` N times, `parallel` at once, and reports the passes.
// Usage: node --import tsx bench/demo-under-load.ts [runs=20] [parallel=2]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../src/stats/percentile.ts';

const runs = Number(process.argv[2] ?? 20);
const parallel = Number(process.argv[3] ?? 2);
const root = new URL('..', import.meta.url).pathname;

interface Outcome { run: number; code: number; seconds: number; failed: string[] }

function demo(run: number): Promise<Outcome> {
  const reportsDir = mkdtempSync(join(tmpdir(), `holdfast-demo-load-${run}-`));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'demo', '--', '--reports-dir', reportsDir], { cwd: root, stdio: 'ignore' });
    child.on('close', (code) => {
      const verdictFile = join(reportsDir, 'verdict.json');
      const checks = existsSync(verdictFile) ? (JSON.parse(readFileSync(verdictFile, 'utf8')) as { checks: { id: string; status: string; error?: string }[] }).checks : [];
      const failed = checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped' && c.status !== 'not-applicable').map((c) => `${c.id} ${c.status}: ${c.error?.split('\n')[0] ?? ''}`);
      if (code === 0) rmSync(reportsDir, { recursive: true, force: true });
      else failed.push(`reports kept in ${reportsDir}`);
      resolve({ run, code: code ?? 1, seconds: (performance.now() - started) / 1000, failed });
    });
  });
}

const outcomes: Outcome[] = [];
let next = 1;
await Promise.all(Array.from({ length: parallel }, async () => {
  while (next <= runs) {
    const outcome = await demo(next++);
    outcomes.push(outcome);
    console.log(`run ${String(outcome.run).padStart(2)}: ${outcome.code === 0 ? 'pass' : `FAIL (exit ${outcome.code})`} in ${outcome.seconds.toFixed(1)} s${outcome.failed.length ? `\n    ${outcome.failed.join('\n    ')}` : ''}`);
  }
}));
const walls = outcomes.map((o) => o.seconds * 1000);
console.log(`\n${outcomes.filter((o) => o.code === 0).length}/${runs} demos passed, ${parallel} at a time; wall time median ${(percentile(walls, 50) / 1000).toFixed(1)} s, max ${(Math.max(...walls) / 1000).toFixed(1)} s`);
