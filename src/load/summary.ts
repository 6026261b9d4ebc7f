// What a k6 run decided: its handleSummary JSON judged threshold by threshold, with empty metrics counted as failures.
import { z } from 'zod';
import type { Check, StepLatency } from '../verdict/schema.ts';

const Metric = z.object({
  type: z.string(),
  contains: z.string().optional(),
  values: z.record(z.string(), z.number()),
  thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
});
export const HandleSummary = z.object({ metrics: z.record(z.string(), Metric), state: z.object({ testRunDurationMs: z.number() }).partial().optional() });
export type HandleSummary = z.infer<typeof HandleSummary>;

export interface ThresholdResult {
  metric: string;
  threshold: string;
  ok: boolean;
  observed?: number;
  samples: number;
  reason?: string;
  problem?: 'breached' | 'no-samples';
}

function samples(metric: z.infer<typeof Metric>): number {
  if (metric.type === 'rate') return (metric.values.passes ?? 0) + (metric.values.fails ?? 0);
  return metric.values.count ?? 0;
}

function observed(metric: z.infer<typeof Metric>, threshold: string): number | undefined {
  const aggregate = /^\s*(p\(\d+(?:\.\d+)?\)|avg|min|max|med|rate|count|value)/.exec(threshold)?.[1];
  return aggregate ? metric.values[aggregate] : undefined;
}

/** Every threshold with its outcome. A metric with no samples fails, whatever k6 says: k6 passes such thresholds. */
export function judgeThresholds(summary: HandleSummary, reasons: Record<string, string> = {}): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [name, metric] of Object.entries(summary.metrics)) {
    for (const [threshold, { ok }] of Object.entries(metric.thresholds ?? {})) {
      const count = samples(metric);
      const base = { metric: name, threshold, observed: observed(metric, threshold), samples: count, reason: reasons[`${name} ${threshold}`] };
      if (count === 0) results.push({ ...base, ok: false, problem: 'no-samples' });
      else results.push({ ...base, ok, ...(ok ? {} : { problem: 'breached' as const }) });
    }
  }
  return results.sort((a, b) => Number(a.ok) - Number(b.ok) || a.metric.localeCompare(b.metric));
}

function describe(r: ThresholdResult): string {
  if (r.problem === 'no-samples') {
    return `${r.metric} ${r.threshold}: the metric received no samples, so the threshold proves nothing (a tag named "group" is overwritten by k6; is the flow tag right?)`;
  }
  const unit = r.metric.startsWith('http_req_duration') ? ' ms' : '';
  return `${r.metric} ${r.threshold}: observed ${r.observed === undefined ? '?' : Number(r.observed.toFixed(4))}${unit}${r.reason ? ` (${r.reason})` : ''}`;
}

/** `http_req_duration{flow:book}` → `book`, `http_req_duration{flow:book,step:hold}` → `book.hold`; other metrics: undefined. */
export function latencyStepName(metric: string): string | undefined {
  const tags = /^http_req_duration\{([^}]+)\}$/.exec(metric)?.[1];
  if (!tags) return undefined;
  const byName = Object.fromEntries(tags.split(',').map((t) => t.split(':', 2).map((x) => x.trim()) as [string, string]));
  const rest = Object.keys(byName).filter((k) => k !== 'flow' && k !== 'step');
  if (!byName.flow || rest.length) return undefined;
  return byName.step ? `${byName.flow}.${byName.step}` : byName.flow;
}

export function summaryToStage(summary: HandleSummary, reasons: Record<string, string>, durationMs: number): { checks: Check[]; steps: StepLatency[] } {
  const results = judgeThresholds(summary, reasons);
  const failed = results.filter((r) => !r.ok);
  const check: Check = {
    id: 'load.slo',
    title: 'SLOs hold under load (k6)',
    status: failed.length || results.length === 0 ? 'failed' : 'passed',
    severity: 'P1',
    stage: 'load',
    durationMs,
    ...(results.length === 0 ? { error: 'the k6 summary carries no thresholds' } : {}),
    ...(failed.length ? { error: failed.map(describe).join('\n') } : {}),
    details: results,
  };
  const steps: StepLatency[] = Object.entries(summary.metrics)
    .map(([name, m]) => ({ flow: latencyStepName(name), m }))
    .filter((x): x is { flow: string; m: z.infer<typeof Metric> } => !!x.flow)
    .map(({ flow, m }) => ({ name: `load.${flow}`, count: m.values.count ?? 0, p50Ms: m.values.med ?? 0, p95Ms: m.values['p(95)'] ?? 0, p99Ms: m.values['p(99)'] ?? 0 }));
  return { checks: [check], steps };
}
