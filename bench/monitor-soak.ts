// Does the monitor run for days? 500 cycles back to back against a sandbox in a child process, memory sampled every 50.
// Usage: node --import tsx --expose-gc bench/monitor-soak.ts [cycles=500]
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '../sandbox/http/ports.ts';
import { loadConfig } from '../src/config/load.ts';
import { Monitor } from '../src/monitor/command.ts';

const cycles = Number(process.argv[2] ?? 500);
const HARD_STOP_MS = 15 * 60_000;
const port = await freePort();
const sandbox = spawn(process.execPath, ['bin/holdfast.mjs', 'sandbox', '--port', String(port), '--web-port', '0'], { stdio: 'ignore' });
try {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await fetch(`${base}/v1/health/ready`).then((r) => r.ok, () => false)); i += 1) await delay(100);
  const console_ = console.log;
  console.log = () => {}; // the monitor's per-cycle line, 500 times, is not what this measures
  const monitor = new Monitor(loadConfig({ HOLDFAST_BASE_URL: base, HOLDFAST_REPORTS_DIR: '/tmp/holdfast-soak' }), { reminderMs: 3_600_000 });
  const samples: { cycle: number; rssMb: number; heapMb: number }[] = [];
  const started = Date.now();
  let failed = 0;
  for (let n = 1; n <= cycles && Date.now() - started < HARD_STOP_MS; n += 1) {
    const result = await monitor.cycle();
    if (result.checks.some((c) => c.status === 'failed')) failed += 1;
    if (n % 50 === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      samples.push({ cycle: n, rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 });
    }
  }
  console.log = console_;
  const elapsed = (Date.now() - started) / 1000;
  const warm = samples.slice(1);
  const slope = warm.length > 1 ? (warm.at(-1)!.heapMb - warm[0]!.heapMb) / ((warm.at(-1)!.cycle - warm[0]!.cycle) / 100) : 0;
  console.log(`${samples.at(-1)?.cycle ?? 0} cycles in ${elapsed.toFixed(0)} s (${failed} failed)`);
  for (const s of samples) console.log(`  cycle ${String(s.cycle).padStart(4)}: rss ${s.rssMb.toFixed(1)} MiB, heap ${s.heapMb.toFixed(1)} MiB`);
  console.log(`RSS start ${samples[0]?.rssMb.toFixed(1)} MiB, end ${samples.at(-1)?.rssMb.toFixed(1)} MiB, max ${Math.max(...samples.map((s) => s.rssMb)).toFixed(1)} MiB; heap slope after warm-up ${slope.toFixed(3)} MiB per 100 cycles`);
} finally {
  sandbox.kill('SIGTERM');
}
process.exit(0);
