// `holdfast monitor`: the smoke journeys every interval, Prometheus metrics, one webhook page per incident, and a clean stop on SIGTERM.
import { createServer, type Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Pushgateway } from 'prom-client';
import { configFromFlags, parseFlags, settingsEnv } from '../cli/args.ts';
import type { Config } from '../config/load.ts';
import { UsageError } from '../cli/usage-error.ts';
import { redactUrl } from '../client/redact.ts';
import { decide, type Verdict } from '../verdict/schema.ts';
import { groupFailures, isFailing } from './causes.ts';
import { runCycle, type CycleResult } from './cycle.ts';
import { writeCycleReport } from './cycle-report.ts';
import { ExpiryProbe } from './expiry-probe.ts';
import { IncidentBook } from './incidents.ts';
import { MonitorMetrics } from './metrics.ts';
import { pageMessage } from './page-message.ts';
import { alertSettings, defaults, parseDuration } from './settings.ts';
import { postMessage } from './webhook.ts';

export { parseDuration };

const usage = `usage: holdfast monitor --target <url|env file> [--interval 5m | --once | --cycles N] [options]

  --interval D          time between cycles: 30s, 5m, 1h or milliseconds (default 5m, at least 1s)
  --once                one cycle, then exit 0 (pass) or 1 (fail): for cron and Kubernetes CronJobs
  --cycles N            stop after N cycles
  --metrics-port P      serve Prometheus metrics on http://<metrics-host>:P/metrics
  --metrics-host H      default 127.0.0.1
  --pushgateway URL     push the metrics after each cycle (for --once runs)
  --alert-webhook URL   Slack-compatible webhook: one page per incident (a cause and the checks it takes down),
                        reminders, and a resolve
  --alert-reminder D    at most one reminder per incident per D (default ${defaults.alertReminder}; HOLDFAST_MONITOR_ALERT_REMINDER)
  --resolve-after N     passing cycles in a row before an incident resolves; a target back for fewer cycles that
                        fails again keeps its incident and pages no more (default ${defaults.resolveAfter}; HOLDFAST_MONITOR_RESOLVE_AFTER)
  --process-metrics     also export the monitor's own process metrics
  --reports-dir DIR     where monitor-last.json and the failing cycles' reports (monitor-cycles/) go (default reports)`;

export async function runMonitorCommand(argv: string[]): Promise<number> {
  const values = parseFlags(argv, {
    target: { type: 'string' }, 'env-file': { type: 'string' }, interval: { type: 'string' }, once: { type: 'boolean' },
    cycles: { type: 'string' }, 'metrics-port': { type: 'string' }, 'metrics-host': { type: 'string' }, pushgateway: { type: 'string' },
    'alert-webhook': { type: 'string' }, 'alert-reminder': { type: 'string' }, 'resolve-after': { type: 'string' }, 'process-metrics': { type: 'boolean' },
    'reports-dir': { type: 'string' },
  }, usage);
  if (values.help) return (console.log(usage), 0);
  const intervalMs = parseDuration(values.interval ?? '5m', '--interval');
  if (intervalMs < 1_000) throw new UsageError('--interval: at least 1s');
  // HOLDFAST_MONITOR_* from --env-file and a --target file count too, as every other setting does (flags win).
  const alerting = alertSettings(values, settingsEnv({ target: values.target, envFile: values['env-file'] }));
  const maxCycles = values.once ? 1 : values.cycles === undefined ? Infinity : Number(values.cycles);
  if (!(maxCycles >= 1) || (values.cycles !== undefined && !Number.isInteger(maxCycles))) throw new UsageError(`--cycles: expected a whole number ≥ 1, got "${values.cycles}"`);
  const metricsPort = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort < 65536)) throw new UsageError(`--metrics-port: expected a port number, got "${values['metrics-port']}"`);
  for (const flag of ['pushgateway', 'alert-webhook'] as const) {
    if (values[flag] && !/^https?:\/\//.test(values[flag]!)) throw new UsageError(`--${flag}: expected an http(s) URL, got "${values[flag]}"`);
  }
  const config = configFromFlags({ target: values.target, envFile: values['env-file'], reportsDir: values['reports-dir'] });

  const monitor = new Monitor(config, { ...alerting, webhook: values['alert-webhook'], pushgateway: values.pushgateway, processMetrics: values['process-metrics'] });
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
  return last && last.checks.some(isFailing) ? 1 : 0;
}

async function interruptibleDelay(ms: number, stopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stopped() && Date.now() < until) await delay(Math.min(250, until - Date.now()));
}

export interface MonitorOptions {
  reminderMs: number;
  /** Passing cycles in a row before an incident resolves (default 2). */
  resolveAfterCycles?: number;
  webhook?: string;
  pushgateway?: string;
  processMetrics?: boolean;
  expiryProbe?: boolean;
}

export class Monitor {
  readonly metrics: MonitorMetrics;
  readonly incidents: IncidentBook;
  private readonly target: string;
  private readonly expiryProbe: ExpiryProbe | undefined;

  constructor(private readonly config: Config, private readonly options: MonitorOptions) {
    this.target = redactUrl(config.baseUrl);
    this.metrics = new MonitorMetrics({ processMetrics: options.processMetrics, target: new URL(config.baseUrl).host });
    this.incidents = new IncidentBook({ reminderMs: options.reminderMs, resolveAfterCycles: options.resolveAfterCycles ?? Number(defaults.resolveAfter) });
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

  /** One cycle; a failure with no open incident is re-checked at once before it may open one. */
  async cycle(): Promise<CycleResult> {
    // The expiry probe is stateful across cycles, so it runs once per cycle and its check rides along with a re-check.
    const probe = this.expiryProbe ? await this.expiryProbe.step() : [];
    const withProbe = (cycle: CycleResult): CycleResult => ({ ...cycle, checks: [...cycle.checks, ...probe] });
    const first = withProbe(await runCycle(this.config));
    let result = first;
    this.metrics.record(result);
    const newCauses = groupFailures(result.checks).filter((g) => !this.incidents.open.includes(g.key));
    if (newCauses.length) {
      console.log(`monitor: ${newCauses.map((g) => g.root.id).join(', ')} failed; re-checking before alerting`);
      result = withProbe(await runCycle(this.config));
      this.metrics.record(result);
    }
    const reportPath = this.report(result);
    const notices = this.incidents.update({ checks: result.checks, startedAt: Date.parse(first.startedAt), now: Date.now(), ...(reportPath ? { reportPath } : {}) });
    for (const notice of notices) {
      const { incident } = notice;
      console.log(`monitor: ${notice.kind} ${incident.severity} ${incident.id} (${incident.affected.length} dependent checks, ${incident.failedCycles} failed cycles)`);
      if (this.options.webhook) {
        const problem = await postMessage(this.options.webhook, pageMessage(notice, this.target));
        if (problem) console.error(`monitor: ${problem}`);
      }
    }
    if (this.options.pushgateway) {
      try {
        await new Pushgateway(this.options.pushgateway, { timeout: 5_000 }, this.metrics.registry).pushAdd({ jobName: 'holdfast', groupings: { instance: new URL(this.config.baseUrl).host } });
      } catch (error) {
        console.error(`monitor: push to ${redactUrl(this.options.pushgateway)} failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  /** Prints the cycle's line and writes its report; returns the kept report's path when the cycle failed. */
  private report(result: CycleResult): string | undefined {
    const failed = result.checks.filter(isFailing);
    console.log(`${new Date().toISOString()} ${failed.length ? 'FAIL' : 'pass'} ${(result.durationMs / 1000).toFixed(1)} s${failed.map((c) => ` · ${c.severity} ${c.id}: ${c.error ?? ''}`).join('')}`);
    const verdict: Verdict = {
      runId: this.config.runId, target: this.config.baseUrl, profile: this.config.profile.name, environment: this.config.environment,
      startedAt: result.startedAt, durationMs: result.durationMs, verdict: failed.length ? 'fail' : decide(result.checks), checks: result.checks, steps: result.steps,
    };
    return writeCycleReport(this.config.reportsDir, verdict);
  }
}
