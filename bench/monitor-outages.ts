// Does the whole alerting loop page once per outage and resolve once, outage after outage, without growing? The monitor
// CLI runs in a child process (--interval 1s) behind a loopback TCP proxy that cuts the sandbox off N times; a local
// webhook receiver counts pages and resolves; the monitor's RSS is read from /proc.
// Usage: node --import tsx bench/monitor-outages.ts [outages=100] [downCycles=3] [upCycles=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/index.ts';
import { pollUntil } from '../src/integrity/poll.ts';
import { startTcpToggleProxy } from '../selftest/monitor/tcp-toggle-proxy.ts';
import { startWebhookReceiver } from '../selftest/monitor/webhook-receiver.ts';

const outages = Number(process.argv[2] ?? 100);
const downCycles = Number(process.argv[3] ?? 3);
const upCycles = Number(process.argv[4] ?? 3);
const HARD_STOP_MS = 45 * 60_000;
const PHASE_TIMEOUT_MS = 60_000;

const sandbox = await startSandbox({ port: 0, webPort: 0 });
const proxy = await startTcpToggleProxy(sandbox.apiUrl);
const receiver = await startWebhookReceiver();
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HOLDFAST_')));
const monitor = spawn(process.execPath, [
  'bin/holdfast.mjs', 'monitor', '--target', proxy.url, '--interval', '1s', '--alert-webhook', receiver.url,
  '--reports-dir', mkdtempSync(join(tmpdir(), 'holdfast-outages-')),
], { env, stdio: ['ignore', 'pipe', 'pipe'] });
const cycles = { pass: 0, fail: 0 };
let exited: number | null | undefined;
let pending = '';
monitor.stdout.on('data', (chunk: Buffer) => {
  const lines = (pending + chunk.toString()).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const match = /^\d{4}-\d\d-\d\dT\S+ (pass|FAIL) /.exec(line);
    if (match) cycles[match[1] === 'pass' ? 'pass' : 'fail'] += 1;
  }
});
let stderr = '';
monitor.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
monitor.on('exit', (code) => (exited = code));

const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${monitor.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
async function cyclesOf(kind: 'pass' | 'fail', n: number): Promise<boolean> {
  const target = cycles[kind] + n;
  return (await pollUntil(async () => cycles[kind], (seen) => seen >= target || exited !== undefined, Date.now() + PHASE_TIMEOUT_MS)).value >= target;
}

const started = Date.now();
const perOutage: { pages: number; resolves: number }[] = [];
const rss: { outage: number; mb: number }[] = [];
let stalled = '';
try {
  if (!(await cyclesOf('pass', 2))) throw new Error(`the monitor never passed a cycle:\n${stderr}`);
  rss.push({ outage: 0, mb: rssMb() });
  for (let n = 1; n <= outages && Date.now() - started < HARD_STOP_MS && exited === undefined; n += 1) {
    const before = { pages: receiver.pages.length, resolves: receiver.resolves.length };
    proxy.down();
    const wentDown = await cyclesOf('fail', downCycles);
    proxy.up();
    const cameBack = await cyclesOf('pass', upCycles);
    if (!wentDown || !cameBack) {
      stalled = `outage ${n}: ${wentDown ? 'no passing cycles after the target came back' : 'no failing cycles after the cut'} within ${PHASE_TIMEOUT_MS / 1000} s`;
      break;
    }
    perOutage.push({ pages: receiver.pages.length - before.pages, resolves: receiver.resolves.length - before.resolves });
    if (n % 10 === 0 || n === 1) rss.push({ outage: n, mb: rssMb() });
  }
} finally {
  monitor.kill('SIGTERM');
  await pollUntil(async () => exited, (code) => code !== undefined, Date.now() + 15_000);
  if (exited === undefined) monitor.kill('SIGKILL');
  await proxy.close();
  await receiver.close();
  await sandbox.stop();
}

const elapsed = (Date.now() - started) / 1000;
const spread = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;
console.log(`${perOutage.length} outages of ${downCycles} failing + ${upCycles} passing cycles (--interval 1s) in ${elapsed.toFixed(0)} s; monitor ${exited === 0 ? 'stopped cleanly on SIGTERM' : `exit ${exited}`}${stalled ? `; stalled at ${stalled}` : ''}`);
console.log(`cycles: ${cycles.pass + cycles.fail} (${cycles.fail} failing, ${cycles.pass} passing)`);
console.log(`pages: ${receiver.pages.length} (${spread(perOutage.map((o) => o.pages))} per outage), resolves: ${receiver.resolves.length} (${spread(perOutage.map((o) => o.resolves))} per outage), reminders: ${receiver.reminders.length}, messages: ${receiver.messages.length}`);
console.log(`monitor RSS: ${rss.map((s) => `${s.mb.toFixed(0)} MiB after outage ${s.outage}`).join(', ')}`);
console.log(`monitor RSS start ${rss[0]?.mb.toFixed(1)} MiB, after outage 1 ${rss[1]?.mb.toFixed(1)} MiB, end ${rss.at(-1)?.mb.toFixed(1)} MiB, max ${Math.max(...rss.map((s) => s.mb)).toFixed(1)} MiB`);
process.exit(perOutage.length === outages && receiver.pages.length === outages && receiver.resolves.length === outages && exited === 0 ? 0 : 1);
