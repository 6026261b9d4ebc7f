// Which steps of a latency sample break their SLO, and which break it again in a second, independent sample (the rule that fails).
import type { Slo } from '../config/slo.ts';
import { percentile } from './percentile.ts';

export interface StepLatencySummary {
  step: string;
  count: number;
  p95Ms: number;
  p99Ms: number;
}

export interface StepBreach extends StepLatencySummary {
  /** Which objectives the step broke: `p95 210.3 ms > 200 ms`. */
  broken: string[];
}

/** Per-step p95/p99 of one sample. */
export function summarizeSteps(sample: Readonly<Record<string, readonly number[]>>): StepLatencySummary[] {
  return Object.entries(sample).map(([step, ms]) => ({ step, count: ms.length, p95Ms: percentile(ms, 95), p99Ms: percentile(ms, 99) }));
}

/** The steps of one sample over their p95 or p99 objective. */
export function sloBreaches(sample: Readonly<Record<string, readonly number[]>>, slo: Pick<Slo, 'p95Ms' | 'p99Ms'>): StepBreach[] {
  return summarizeSteps(sample).flatMap((s) => {
    const broken = [
      ...(s.p95Ms > slo.p95Ms ? [`p95 ${s.p95Ms.toFixed(1)} ms > ${slo.p95Ms} ms`] : []),
      ...(s.p99Ms > slo.p99Ms ? [`p99 ${s.p99Ms.toFixed(1)} ms > ${slo.p99Ms} ms`] : []),
    ];
    return broken.length ? [{ ...s, broken }] : [];
  });
}

/**
 * A step fails only when it breaks its SLO in both samples: a p95 of a small sample moves with one scheduler hiccup on a
 * busy runner, a slow step does not (the baseline comparison uses the same rule). Shown with the milder of its two values.
 */
export function confirmedBreaches(first: readonly StepBreach[], second: readonly StepBreach[]): StepBreach[] {
  return first.flatMap((a) => {
    const b = second.find((s) => s.step === a.step);
    if (!b) return [];
    const milder = a.p95Ms + a.p99Ms <= b.p95Ms + b.p99Ms ? a : b;
    return [{ ...milder, broken: milder.broken.length ? milder.broken : a.broken }];
  });
}
