// What the monitor exposes to Prometheus: blackbox_exporter-style probe metrics with a holdfast_ prefix, labels bounded.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isFailing } from './causes.ts';
import type { CycleResult } from './cycle.ts';

export class MonitorMetrics {
  readonly registry = new Registry();
  private readonly success = new Gauge({ name: 'holdfast_probe_success', help: 'Whether the check passed in the last cycle (1) or failed (0)', labelNames: ['check', 'severity'], registers: [this.registry] });
  private readonly checkDuration = new Gauge({ name: 'holdfast_probe_duration_seconds', help: 'How long the check took in the last cycle', labelNames: ['check'], registers: [this.registry] });
  private readonly stepDuration = new Histogram({
    name: 'holdfast_step_duration_seconds',
    help: 'Duration of each journey step (one HTTP call)',
    labelNames: ['step'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 5],
    registers: [this.registry],
  });
  private readonly runDuration = new Gauge({ name: 'holdfast_run_duration_seconds', help: 'Duration of the last cycle', registers: [this.registry] });
  private readonly lastSuccess = new Gauge({ name: 'holdfast_last_success_timestamp_seconds', help: 'Unix time of the last cycle in which every check passed', registers: [this.registry] });
  private readonly cycles = new Counter({ name: 'holdfast_cycles_total', help: 'Cycles run, by result', labelNames: ['result'], registers: [this.registry] });

  constructor(options: { processMetrics?: boolean; target?: string } = {}) {
    if (options.target) this.registry.setDefaultLabels({ target: options.target });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'holdfast_' });
  }

  record(cycle: CycleResult): void {
    for (const check of cycle.checks) {
      if (check.status === 'skipped' || check.status === 'not-applicable') continue;
      this.success.set({ check: check.id, severity: check.severity }, check.status === 'passed' ? 1 : 0);
      this.checkDuration.set({ check: check.id }, check.durationMs / 1000);
    }
    for (const { step, ms } of cycle.samples) this.stepDuration.observe({ step }, ms / 1000);
    this.runDuration.set(cycle.durationMs / 1000);
    const passed = !cycle.checks.some(isFailing);
    this.cycles.inc({ result: passed ? 'pass' : 'fail' });
    if (passed) this.lastSuccess.set(Date.parse(cycle.startedAt) / 1000 + cycle.durationMs / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
