// What a k6 run decided: its handleSummary JSON judged threshold by threshold, with empty metrics counted as failures, and a
// setup the script could not perform (sign-in, the stock) reported as the suite's error, never as the target's breach.
import { z } from 'zod';
import type { Check, StepLatency } from '../verdict/schema.ts';
import { LEFT_BEHIND_METRIC, RATE_LIMITED_METRIC, SETUP_FAILURE_METRIC, SETUP_STEPS, type RateBound, type SetupFailure } from '../../load/lib/plan.ts';

const Metric = z.object({
  type: z.string(),
  contains: z.string().optional(),
  values: z.record(z.string(), z.number()),
  thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
});
const SetupFailureSchema = z.object({
  step: z.enum(SETUP_STEPS),
  request: z.string(),
  status: z.number(),
  requestId: z.string().optional(),
  message: z.string(),
  where: z.enum(['setup', 'vu']),
});
export const HandleSummary = z.object({
  metrics: z.record(z.string(), Metric),
  state: z.object({ testRunDurationMs: z.number() }).partial().optional(),
  /** What load/slo-gate.ts adds to k6's data: the profile it spoke and setup's outcome. */
  holdfast: z.object({ profile: z.string().optional(), setupFailure: SetupFailureSchema.nullable().optional() }).optional(),
});
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

/** What the stage needs to say how to fix a setup failure. */
export interface SetupContext {
  profile: string;
  auth: string;
  /** What the stock is, in words (`a published package named "X" (profile P's stock.hotel)`). */
  stock: string;
  /** Rates the plan kept below the system's limits, reported with the outcome. */
  bounds?: RateBound[];
}

/** Setup failed if the summary says so, else if k6's log said so, else if the setup counter counted anything. */
export function setupFailureOf(summary: HandleSummary | undefined, logged?: SetupFailure): SetupFailure | 'unknown' | undefined {
  const recorded = summary?.holdfast?.setupFailure;
  if (recorded) return recorded;
  if (logged) return logged;
  return (summary?.metrics[SETUP_FAILURE_METRIC]?.values.count ?? 0) > 0 ? 'unknown' : undefined;
}

/** What to change so that setup works: a sentence naming a variable, a profile or the seed. */
export function setupFix(failure: SetupFailure | 'unknown', ctx: SetupContext): string {
  if (failure === 'unknown') return 'read the k6 log in the stage output (lines "holdfast-setup-failure:"), then make sign-in or the stock work';
  if (failure.step === 'readiness') return `bring the target up (its readiness route answered ${failure.status}), or point --target at a ready deployment`;
  if (failure.step === 'stock') return `provide ${ctx.stock} on the target`;
  if (failure.status === 429) return 'the target rate-limits sign-ins: give the run pre-provisioned users (HOLDFAST_USERS_FILE) or HOLDFAST_AUTH=token with HOLDFAST_TOKEN';
  if (ctx.auth === 'token') return 'give a current token of a synthetic user in HOLDFAST_TOKEN';
  if (/carries no code/.test(failure.message)) return 'the target is not in OTP test mode: set HOLDFAST_AUTH=token and HOLDFAST_TOKEN to a provisioned user\'s token';
  if (failure.status === 404 || failure.status === 405) {
    return `the target has no ${failure.request}: choose the profile that speaks its sign-in (HOLDFAST_PROFILE=tripavail-legacy for OTP-only TripAvail) or set HOLDFAST_AUTH=otp|token`;
  }
  return `make ${ctx.auth} sign-in work for synthetic users on this target (profile ${ctx.profile}), or give HOLDFAST_USERS_FILE / HOLDFAST_AUTH=token`;
}

function describeSetupFailure(failure: SetupFailure | 'unknown'): string {
  if (failure === 'unknown') return 'setup failed (the k6 summary counts a setup failure but carries no details)';
  const who = failure.where === 'setup' ? 'setup()' : 'a VU\'s first iteration';
  const id = failure.requestId ? `, request id ${failure.requestId}` : '';
  return `${who} could not complete step "${failure.step}": ${failure.request} answered ${failure.status}${id} (${failure.message})`;
}

export function summaryToStage(
  summary: HandleSummary,
  reasons: Record<string, string>,
  durationMs: number,
  setup?: { logged?: SetupFailure; context: SetupContext },
): { checks: Check[]; steps: StepLatency[] } {
  const results = judgeThresholds(summary, reasons);
  const failed = results.filter((r) => !r.ok);
  const leftBehind = Math.round(summary.metrics[LEFT_BEHIND_METRIC]?.values.count ?? 0);
  const limited = Math.round(summary.metrics[RATE_LIMITED_METRIC]?.values.count ?? 0);
  const requests = Math.round(summary.metrics.http_reqs?.values.count ?? 0);
  const evidence = { requests, thresholds: results.length, ...(leftBehind ? { leftBehind } : {}) };
  const bounds = setup?.context.bounds?.length ? { rateBounds: setup.context.bounds.map((b) => `${b.flow}: ${b.reason}`) } : {};
  const setupFailure = setupFailureOf(summary, setup?.logged);
  const base = { id: 'load.slo', title: 'SLOs hold under load (k6)', severity: 'P1' as const, stage: 'load', durationMs, evidence };
  if (setupFailure) {
    // The script could not sign in or find its stock: the thresholds judged nothing a working script measured.
    const context = setup?.context ?? { profile: '?', auth: '?', stock: '?' };
    const check: Check = {
      ...base,
      status: 'error',
      error: `${describeSetupFailure(setupFailure)}; nothing was measured, so no SLO is judged`,
      fix: setupFix(setupFailure, context),
      ...(setupFailure !== 'unknown' && setupFailure.requestId ? { requestId: setupFailure.requestId } : {}),
      details: { setupFailure, thresholds: results, ...bounds },
    };
    return { checks: [check], steps: [] };
  }
  const latencyBreached = failed.some((r) => r.metric.startsWith('http_req_duration'));
  if (limited && !latencyBreached) {
    // The target's limiter, not its SLO, answered those requests: the plan asked more than the system allows.
    const check: Check = {
      ...base,
      status: 'error',
      error: `${limited} request(s) of the run met the target's rate limiter (429); they count in no SLO, so the run proves nothing about them${failed.length ? `; also: ${failed.map(describe).join('; ')}` : ''}`,
      fix: 'lower --load-rate, or give the run pre-provisioned users (HOLDFAST_USERS_FILE) where the limit counts per user; the plan keeps below the limits the profile names (details.rateBounds)',
      details: { thresholds: results, rateLimited: limited, ...bounds },
    };
    return { checks: [check], steps: [] };
  }
  const check: Check = {
    ...base,
    status: failed.length || results.length === 0 ? 'failed' : 'passed',
    ...(results.length === 0 ? { error: 'the k6 summary carries no thresholds' } : {}),
    ...(failed.length ? { error: failed.map(describe).join('\n') } : {}),
    details: {
      thresholds: results,
      ...(leftBehind ? { leftBehind: `${leftBehind} booking(s) the book flow could not give back (their holds expire on their own)` } : {}),
      ...(limited ? { rateLimited: limited } : {}),
      ...bounds,
    },
  };
  const steps: StepLatency[] = Object.entries(summary.metrics)
    .map(([name, m]) => ({ flow: latencyStepName(name), m }))
    .filter((x): x is { flow: string; m: z.infer<typeof Metric> } => !!x.flow)
    .map(({ flow, m }) => ({ name: `load.${flow}`, count: m.values.count ?? 0, p50Ms: m.values.med ?? 0, p95Ms: m.values['p(95)'] ?? 0, p99Ms: m.values['p(99)'] ?? 0 }));
  return { checks: [check], steps };
}
