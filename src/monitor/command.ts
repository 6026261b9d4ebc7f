// `holdfast monitor`: the smoke journeys every interval, Prometheus metrics, webhook alerts, and a clean stop on SIGTERM.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isAbsolute, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Pushgateway } from 'prom-client';
import { configFromFlags, parseFlags } from '../cli/args.ts';
import type { Config } from '../config/load.ts';
import { UsageError } from '../cli/usage-error.ts';
import { redactUrl } from '../client/redact.ts';
import { decide, type Verdict } from '../verdict/schema.ts';
import { AlertBook } from './alerts.ts';
import { runCycle, type CycleResult } from './cycle.ts';
import { ExpiryProbe } from './expiry-probe.ts';
import { MonitorMetrics } from './metrics.ts';
import { postAlert } from './webhook.ts';

const usage = `usage: holdfast monitor --target <url|env file> [--interval 5m | --once | --cycles N] [options]

  --interval D          time between cycles: 30s, 5m, 1h or milliseconds (default 5m, at least 1s)
  --once                one cycle, then exit 0 (pass) or 1 (fail): for cron and Kubernetes CronJobs
  --cycles N            stop after N cycles
  --metrics-port P      serve Prometheus metrics on http://<metrics-host>:P/metrics
  --metrics-host H      default 127.0.0.1
  --pushgateway URL     push the metrics after each cycle (for --once runs)
  --alert-webhook URL   Slack-compatible webhook for P0/P1 incidents (open, remind, resolve)
  --alert-reminder D    at most one reminder per incident per D (default 30m)
  --process-metrics     also export the monitor's own process metrics
  --reports-dir DIR     where monitor-last.json goes (default reports)`;

export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag}: expected a duration like 30s, 5m, 1h or milliseconds, got "${value}"`);
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'];
  return Number(match[1]) * factor!;
}

export async function runMonitorCommand(argv: string[]): Promise<number> {
  const values = parseFlags(argv, {
    target: { type: 'string' }, 'env-file': { type: 'string' }, interval: { type: 'string' }, once: { type: 'boolean' },
    cycles: { type: 'string' }, 'metrics-port': { type: 'string' }, 'metrics-host': { type: 'string' }, pushgateway: { type: 'string' },
    'alert-webhook': { type: 'string' }, 'alert-reminder': { type: 'string' }, 'process-metrics': { type: 'boolean' },
    'reports-dir': { type: 'string' },
  }, usage);
  if (values.help) return (console.log(usage), 0);
  const intervalMs = parseDuration(values.interval ?? '5m', '--interval');
  if (intervalMs < 1_000) throw new UsageError('--interval: at least 1s');
  const reminderMs = parseDuration(values['alert-reminder'] ?? '30m', '--alert-reminder');
  const maxCycles = values.once ? 1 : values.cycles === undefined ? Infinity : Number(values.cycles);
  if (!(maxCycles >= 1) || (values.cycles !== undefined && !Number.isInteger(maxCycles))) throw new UsageError(`--cycles: expected a whole number ≥ 1, got "${values.cycles}"`);
  const metricsPort = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort < 65536)) throw new UsageError(`--metrics-port: expected a port number, got "${values['metrics-port']}"`);
  for (const flag of ['pushgateway', 'alert-webhook'] as const) {
    if (values[flag] && !/^https?:\/\//.test(values[flag]!)) throw new UsageError(`--${flag}: expected an http(s) URL, got "${values[flag]}"`);
  }
  const config = configFromFlags({ target: values.target, envFile: values['env-file'], reportsDir: values['reports-dir'] });

  const monitor = new Monitor(config, { reminderMs, webhook: values['alert-webhook'], pushgateway: values.pushgateway, processMetrics: values['process-metrics'] });
  const server = metricsPort === undefined ? undefined : await monitor.serve(metricsPort, values['metrics-host'] ?? '127.0.0.1');
  let stopping = false;
  const stop = () => {
    stopping = true;
    console.log('monitor: stopping after the current cycle');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  let last: CycleResult | undefined;
  try {
    for (let n = 1; n <= maxCycles && !stopping; n += 1) {
      last = await monitor.cycle();
      if (n < maxCycles && !stopping) await interruptibleDelay(intervalMs, () => stopping);
    }
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await monitor.close();
  }
  if (stopping) return 0;
  return last && last.checks.some((c) => c.status === 'failed') ? 1 : 0;
}

async function interruptibleDelay(ms: number, stopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stopped() && Date.now() < until) await delay(Math.min(250, until - Date.now()));
}

export class Monitor {
  readonly metrics: MonitorMetrics;
  private readonly alerts: AlertBook;
  private readonly target: string;
  private readonly expiryProbe: ExpiryProbe | undefined;

  constructor(private readonly config: Config, private readonly options: { reminderMs: number; webhook?: string; pushgateway?: string; processMetrics?: boolean; expiryProbe?: boolean }) {
    this.target = redactUrl(config.baseUrl);
    this.metrics = new MonitorMetrics({ processMetrics: options.processMetrics, target: new URL(config.baseUrl).host });
    this.alerts = new AlertBook(options.reminderMs);
    this.expiryProbe = options.expiryProbe !== false && ExpiryProbe.applies(config) ? new ExpiryProbe(config) : undefined;
  }

  /** Releases what the monitor still holds (the expiry probe's hold), so a stopped monitor leaves nothing behind. */
  async close(): Promise<void> {
    await this.expiryProbe?.release();
  }

  async serve(port: number, host: string): Promise<Server> {
    const server = createServer(async (req, res) => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(await this.metrics.text());
      } else if (req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new UsageError(`--metrics-port: port ${port} is already in use`) : e));
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as { port: number };
    console.log(`monitor: metrics on http://${host}:${address.port}/metrics`);
    return server;
  }

  /** One cycle; a new P0/P1 failure is re-checked at once before it may open an incident. */
  async cycle(): Promise<CycleResult> {
    // The expiry probe is stateful across cycles, so it runs once per cycle and its check rides along with a re-check.
    const probe = this.expiryProbe ? await this.expiryProbe.step() : [];
    const withProbe = (cycle: CycleResult): CycleResult => ({ ...cycle, checks: [...cycle.checks, ...probe] });
    let result = withProbe(await runCycle(this.config));
    this.metrics.record(result);
    const newFailures = result.checks.filter((c) => c.status === 'failed' && c.severity !== 'P2' && !this.alerts.open.includes(c.id));
    if (newFailures.length) {
      console.log(`monitor: ${newFailures.map((c) => c.id).join(', ')} failed; re-checking before alerting`);
      result = withProbe(await runCycle(this.config));
      this.metrics.record(result);
    }
    for (const alert of this.alerts.update(result.checks, Date.now())) {
      console.log(`monitor: alert ${alert.kind} ${alert.check.severity} ${alert.check.id}`);
      if (this.options.webhook) {
        const problem = await postAlert(this.options.webhook, alert, this.target);
        if (problem) console.error(`monitor: ${problem}`);
      }
    }
    this.report(result);
    if (this.options.pushgateway) {
      try {
        await new Pushgateway(this.options.pushgateway, { timeout: 5_000 }, this.metrics.registry).pushAdd({ jobName: 'holdfast', groupings: { instance: new URL(this.config.baseUrl).host } });
      } catch (error) {
        console.error(`monitor: push to ${redactUrl(this.options.pushgateway)} failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  private report(result: CycleResult): void {
    const failed = result.checks.filter((c) => c.status === 'failed');
    console.log(`${new Date().toISOString()} ${failed.length ? 'FAIL' : 'pass'} ${(result.durationMs / 1000).toFixed(1)} s${failed.map((c) => ` · ${c.severity} ${c.id}: ${c.error ?? ''}`).join('')}`);
    const verdict: Verdict = {
      runId: this.config.runId, target: this.config.baseUrl, profile: this.config.profile.name, environment: this.config.environment,
      startedAt: result.startedAt, durationMs: result.durationMs, verdict: decide(result.checks), checks: result.checks, steps: result.steps,
    };
    const dir = isAbsolute(this.config.reportsDir) ? this.config.reportsDir : join(process.cwd(), this.config.reportsDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'monitor-last.json'), `${JSON.stringify(verdict, null, 2)}\n`);
  }
}
