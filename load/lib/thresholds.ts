// Which thresholds decide a load run, generated from the plan's SLOs (the profile's runbook, or HOLDFAST_SLO_*), each with its reason.
import { bookSteps, FLOWS, PHASE_TAG, type Flow, type LoadPlan, type PlanRequest } from './plan.ts';

export type Threshold = string | { threshold: string; abortOnFail: boolean; delayAbortEval: string };

export interface ThresholdSet {
  thresholds: Record<string, Threshold[]>;
  /** `<metric> <expression>` → why the threshold exists. */
  reasons: Record<string, string>;
}

/** The custom tag that tells flows apart. Never `group`: k6 sets that tag itself and the sub-metric would stay empty. */
export const FLOW_TAG = 'flow';

/** The custom tag that tells the steps of a flow apart. */
export const STEP_TAG = 'step';

export function flowMetric(flow: Flow): string {
  return `http_req_duration{${FLOW_TAG}:${flow}}`;
}

export function stepMetric(flow: Flow, step: string): string {
  return `http_req_duration{${FLOW_TAG}:${flow},${STEP_TAG}:${step}}`;
}

/** Requests and checks a working script made: setup's (sign-in, finding the stock) never count against the error budget. */
export const FAILED_METRIC = `http_req_failed{${PHASE_TAG}:run}`;
export const CHECKS_METRIC = `checks{${PHASE_TAG}:run}`;

export type ThresholdInput = Pick<LoadPlan, 'slo' | 'stepSlo' | 'sloSource' | 'rates' | 'conversation'>;

/** The flows that run: those with a rate above zero. */
export function activeFlows(plan: Pick<LoadPlan, 'rates'>): Flow[] {
  return FLOWS.filter((f) => plan.rates[f] > 0);
}

/** The requests of a flow, in order. */
export function flowRequests(plan: Pick<LoadPlan, 'conversation'>, flow: Flow): PlanRequest[] {
  const c = plan.conversation;
  if (flow === 'book') return [...c.book.prepare, c.book.reserve, ...c.book.confirm, ...c.book.release];
  return flow === 'browse' ? c.browse : c.health;
}

/** The steps with a latency threshold of their own: every book step, and any other step the plan has an SLO for. */
export function thresholdSteps(plan: Pick<LoadPlan, 'conversation' | 'stepSlo'>, flow: Flow): string[] {
  if (flow === 'book') return bookSteps(plan.conversation.book);
  return flowRequests(plan, flow).map((r) => r.step).filter((s, i, all) => plan.stepSlo[s] && all.indexOf(s) === i);
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
    const steps = thresholdSteps(plan, flow);
    // A flow is as slow as its slowest step may be: a step whose own SLO is looser than the API's raises its flow's limit.
    const p95 = Math.max(slo.p95Ms, ...steps.map((s) => stepSlo[s]?.p95Ms ?? 0));
    const p99 = Math.max(slo.p99Ms, ...steps.map((s) => stepSlo[s]?.p99Ms ?? 0));
    const source = p95 === slo.p95Ms && p99 === slo.p99Ms ? sloSource : `${sloSource}, raised to its slowest step's own SLO`;
    const metric = flowMetric(flow);
    add(metric, `p(95)<${p95}`, `${flow}: p95 latency SLO (${p95} ms, ${source})`);
    add(metric, `p(99)<${p99}`, `${flow}: p99 latency SLO (${p99} ms, ${source})`);
    add(metric, { threshold: `p(95)<${p95 * 2}`, abortOnFail: true, delayAbortEval: '10s' }, `${flow}: hard breach, p95 over twice the SLO: stop early, the release fails anyway`);
    for (const step of steps) {
      const s = stepSlo[step];
      if (!s) continue;
      const stepMetricName = stepMetric(flow, step);
      add(stepMetricName, `p(95)<${s.p95Ms}`, `${flow} ${step}: p95 latency SLO per step (${s.p95Ms} ms, ${s.source}): one slow step must not hide behind fast ones`);
      add(stepMetricName, `p(99)<${s.p99Ms}`, `${flow} ${step}: p99 latency SLO per step (${s.p99Ms} ms, ${s.source})`);
    }
  }
  add(FAILED_METRIC, `rate<${slo.errorRate}`, `error-rate SLO (${round(slo.errorRate * 100)} % of the requests a working script made; sign-in and finding the stock are setup, not load)`);
  add(CHECKS_METRIC, `rate>=${round(1 - slo.errorRate)}`, 'failed checks (wrong status or body) of a working script count against the error budget too');
  return { thresholds, reasons };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
