// Which thresholds decide a load run, generated from the one SLO config, each with the reason it exists.
import { BOOK_STEPS, type BookStep, type Flow, type LoadSlo } from './plan.ts';

export type Threshold = string | { threshold: string; abortOnFail: boolean; delayAbortEval: string };

export interface ThresholdSet {
  thresholds: Record<string, Threshold[]>;
  /** `<metric> <expression>` → why the threshold exists. */
  reasons: Record<string, string>;
}

/** The custom tag that tells flows apart. Never `group`: k6 sets that tag itself and the sub-metric would stay empty. */
export const FLOW_TAG = 'flow';

/** The custom tag that tells the steps of the `book` flow apart. */
export const STEP_TAG = 'step';

export function flowMetric(flow: Flow): string {
  return `http_req_duration{${FLOW_TAG}:${flow}}`;
}

export function stepMetric(flow: Flow, step: BookStep): string {
  return `http_req_duration{${FLOW_TAG}:${flow},${STEP_TAG}:${step}}`;
}

export function buildThresholds(slo: LoadSlo, flows: readonly Flow[]): ThresholdSet {
  const thresholds: Record<string, Threshold[]> = {};
  const reasons: Record<string, string> = {};
  const add = (metric: string, threshold: Threshold, reason: string) => {
    (thresholds[metric] ??= []).push(threshold);
    reasons[`${metric} ${typeof threshold === 'string' ? threshold : threshold.threshold}`] = reason;
  };
  for (const flow of flows) {
    const metric = flowMetric(flow);
    add(metric, `p(95)<${slo.p95Ms}`, `${flow}: p95 latency SLO (${slo.p95Ms} ms)`);
    add(metric, `p(99)<${slo.p99Ms}`, `${flow}: p99 latency SLO (${slo.p99Ms} ms)`);
    add(metric, { threshold: `p(95)<${slo.p95Ms * 2}`, abortOnFail: true, delayAbortEval: '10s' }, `${flow}: hard breach, p95 over twice the SLO: stop early, the release fails anyway`);
  }
  if (flows.includes('book')) {
    for (const step of BOOK_STEPS) {
      const metric = stepMetric('book', step);
      add(metric, `p(95)<${slo.p95Ms}`, `book ${step}: p95 latency SLO per step (${slo.p95Ms} ms): one slow step must not hide behind fast ones`);
      add(metric, `p(99)<${slo.p99Ms}`, `book ${step}: p99 latency SLO per step (${slo.p99Ms} ms)`);
    }
  }
  add('http_req_failed', `rate<${slo.errorRate}`, `error-rate SLO (${slo.errorRate * 100} % of requests)`);
  add('checks', `rate>=${round(1 - slo.errorRate)}`, 'failed checks (wrong status or body) count against the error budget too');
  return { thresholds, reasons };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
