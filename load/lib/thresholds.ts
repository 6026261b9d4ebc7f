// Which thresholds decide a load run, generated from the plan's SLOs (the profile's runbook, or HOLDFAST_SLO_*), each with its reason.
import { BOOK_STEPS, FLOWS, PHASE_TAG, type BookStep, type Flow, type LoadPlan } from './plan.ts';

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

/** Requests and checks a working script made: setup's (sign-in, finding the stock) never count against the error budget. */
export const FAILED_METRIC = `http_req_failed{${PHASE_TAG}:run}`;
export const CHECKS_METRIC = `checks{${PHASE_TAG}:run}`;

export type ThresholdInput = Pick<LoadPlan, 'slo' | 'stepSlo' | 'sloSource' | 'rates'>;

/** The flows that run: those with a rate above zero. */
export function activeFlows(plan: Pick<LoadPlan, 'rates'>): Flow[] {
  return FLOWS.filter((f) => plan.rates[f] > 0);
}

export function buildThresholds(plan: ThresholdInput): ThresholdSet {
  const { slo, stepSlo, sloSource } = plan;
  const flows = activeFlows(plan);
  const thresholds: Record<string, Threshold[]> = {};
  const reasons: Record<string, string> = {};
  const add = (metric: string, threshold: Threshold, reason: string) => {
    (thresholds[metric] ??= []).push(threshold);
    reasons[`${metric} ${typeof threshold === 'string' ? threshold : threshold.threshold}`] = reason;
  };
  for (const flow of flows) {
    const metric = flowMetric(flow);
    add(metric, `p(95)<${slo.p95Ms}`, `${flow}: p95 latency SLO (${slo.p95Ms} ms, ${sloSource})`);
    add(metric, `p(99)<${slo.p99Ms}`, `${flow}: p99 latency SLO (${slo.p99Ms} ms, ${sloSource})`);
    add(metric, { threshold: `p(95)<${slo.p95Ms * 2}`, abortOnFail: true, delayAbortEval: '10s' }, `${flow}: hard breach, p95 over twice the SLO: stop early, the release fails anyway`);
  }
  if (flows.includes('book')) {
    for (const step of BOOK_STEPS) {
      const metric = stepMetric('book', step);
      const s = stepSlo[step];
      add(metric, `p(95)<${s.p95Ms}`, `book ${step}: p95 latency SLO per step (${s.p95Ms} ms, ${sloSource}): one slow step must not hide behind fast ones`);
      add(metric, `p(99)<${s.p99Ms}`, `book ${step}: p99 latency SLO per step (${s.p99Ms} ms, ${sloSource})`);
    }
  }
  add(FAILED_METRIC, `rate<${slo.errorRate}`, `error-rate SLO (${round(slo.errorRate * 100)} % of the requests a working script made; sign-in and finding the stock are setup, not load)`);
  add(CHECKS_METRIC, `rate>=${round(1 - slo.errorRate)}`, 'failed checks (wrong status or body) of a working script count against the error budget too');
  return { thresholds, reasons };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
