// What does Playwright cost before any check runs? Runs a one-assertion TypeScript spec (an ES-module package, one
// worker, like a fault case's gate) several times and reports the median CPU of its runner and of its worker. Every gate
// pays at least this; bench/selftest-cpu.ts multiplies it by the gates `npm test` ran.
// Usage: node --import tsx bench/playwright-floor.ts [runs]      (default 5)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile } from '../src/stats/percentile.ts';

const root = new URL('..', import.meta.url).pathname;

export interface PlaywrightFloor {
  runs: number;
  /** Median CPU seconds of the runner (the `playwright test` process). */
  runnerS: number;
  /** Median CPU seconds of its one worker. */
  workerS: number;
}

export async function measurePlaywrightFloor(runs = 5): Promise<PlaywrightFloor> {
  const folder = mkdtempSync(join(tmpdir(), 'holdfast-playwright-floor-'));
  try {
    symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(folder, 'floor.config.ts'), "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: '.', workers: 1, reporter: 'dot' });\n");
    writeFileSync(join(folder, 'floor.spec.ts'), "import { test, expect } from '@playwright/test';\ntest('one assertion', () => { expect(1 + 1).toBe(2); });\n");
    const runner: number[] = [];
    const worker: number[] = [];
    for (let i = 0; i < runs; i++) {
      const log = join(folder, `cpu-${i}.jsonl`);
      const code = await new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--config', join(folder, 'floor.config.ts')], {
          cwd: folder,
          stdio: 'ignore',
          env: { ...process.env, BENCH_PROCESS_CPU_LOG: log, NODE_OPTIONS: `-r ${join(root, 'bench/process-cpu.cjs')}` },
        });
        child.on('close', (c) => resolve(c ?? 1));
      });
      if (code !== 0) throw new Error(`the one-assertion Playwright run failed (exit ${code}) in ${folder}`);
      for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
        const p = JSON.parse(line) as { cpuMs: number; script: string };
        (p.script.endsWith('workerProcessEntry.js') ? worker : runner).push(p.cpuMs / 1000);
      }
    }
    return { runs, runnerS: percentile(runner, 50), workerS: percentile(worker, 50) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const floor = await measurePlaywrightFloor(Number(process.argv[2] ?? 5));
  console.log(`Playwright, one assertion, one worker (median of ${floor.runs}): runner ${floor.runnerS.toFixed(2)} CPU s, worker ${floor.workerS.toFixed(2)} CPU s`);
}
