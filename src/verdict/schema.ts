// What reports/verdict.json holds: the one document a cutover script, Argo Rollouts or a person reads to decide.
import { z } from 'zod';

export const Severity = z.enum(['P0', 'P1', 'P2']);
export type Severity = z.infer<typeof Severity>;

export const CheckStatus = z.enum(['passed', 'failed', 'skipped', 'not-applicable']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Check = z.object({
  /** Stable id, e.g. "api.booking.journey" or "load.slo". */
  id: z.string().min(1),
  title: z.string(),
  status: CheckStatus,
  severity: Severity,
  /** Which stage produced it: api, integrity, web, load, baseline, db. */
  stage: z.string().default('api'),
  durationMs: z.number().min(0),
  error: z.string().optional(),
  /** For skipped / not-applicable checks: why. */
  reason: z.string().optional(),
  requestId: z.string().optional(),
  /** Structured evidence (offending rows, breached thresholds); redacted. */
  details: z.unknown().optional(),
});
export type Check = z.infer<typeof Check>;

export const StepLatency = z.object({
  name: z.string(),
  count: z.number().int().min(0),
  p50Ms: z.number().min(0),
  p95Ms: z.number().min(0),
  p99Ms: z.number().min(0),
});
export type StepLatency = z.infer<typeof StepLatency>;

export const Verdict = z.object({
  runId: z.string(),
  target: z.string(),
  profile: z.string(),
  environment: z.string(),
  startedAt: z.string(),
  durationMs: z.number().min(0),
  verdict: z.enum(['pass', 'fail']),
  checks: z.array(Check),
  steps: z.array(StepLatency),
});
export type Verdict = z.infer<typeof Verdict>;

/** A run fails when any check failed; skipped and not-applicable checks never turn a failure into a pass, nor the reverse. */
export function decide(checks: readonly Check[]): 'pass' | 'fail' {
  return checks.some((c) => c.status === 'failed') ? 'fail' : 'pass';
}

export const severityRank: Record<Severity, number> = { P0: 0, P1: 1, P2: 2 };

/** The worst severity among failed checks, or undefined when none failed. */
export function worstFailure(checks: readonly Check[]): Severity | undefined {
  return checks
    .filter((c) => c.status === 'failed')
    .map((c) => c.severity)
    .sort((a, b) => severityRank[a] - severityRank[b])[0];
}
