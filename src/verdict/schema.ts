// What reports/verdict.json holds: the one document a cutover script, Argo Rollouts or a person reads to decide.
import { z } from 'zod';

export const Severity = z.enum(['P0', 'P1', 'P2']);
export type Severity = z.infer<typeof Severity>;

/**
 * `failed`: the target is wrong. `error`: the suite could not decide (its SQL, its mapping, a setup step the target refuses
 * by design, a missing browser) and says what to fix. Neither `skipped` nor `not-applicable` ever counts as passed.
 */
export const CheckStatus = z.enum(['passed', 'failed', 'error', 'skipped', 'not-applicable']);
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
  /** For `error` checks: what to change (a variable, a profile field, a column, a command). */
  fix: z.string().optional(),
  /** What the check examined, by kind (requests, rows, samples, forgeries…); a check that examined nothing never passes. */
  evidence: z.record(z.string(), z.number().int().min(0)).optional(),
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
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  /** The resolved configuration the run used (secrets left out). */
  config: z.record(z.string(), z.unknown()).optional(),
  checks: z.array(Check),
  steps: z.array(StepLatency),
});
export type Verdict = z.infer<typeof Verdict>;

export type Outcome = Verdict['verdict'];

/**
 * A run fails when any check failed; with no failure but a check the suite could not decide, it is inconclusive (which
 * still blocks a cutover). Skipped and not-applicable checks never turn a failure into a pass, nor the reverse.
 */
export function decide(checks: readonly Check[]): Outcome {
  if (checks.some((c) => c.status === 'failed')) return 'fail';
  return checks.some((c) => c.status === 'error') ? 'inconclusive' : 'pass';
}

/** 0 pass · 1 the release is broken · 3 the suite could not tell (2 is reserved for usage errors). */
export const exitCodeOf: Record<Outcome, number> = { pass: 0, fail: 1, inconclusive: 3 };

export const severityRank: Record<Severity, number> = { P0: 0, P1: 1, P2: 2 };

/** The worst severity among failed checks, or undefined when none failed. */
export function worstFailure(checks: readonly Check[]): Severity | undefined {
  return checks
    .filter((c) => c.status === 'failed')
    .map((c) => c.severity)
    .sort((a, b) => severityRank[a] - severityRank[b])[0];
}
