// How a later stage joins a run's verdict: its checks and steps appended, the verdict decided again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decide, Verdict, type Check, type StepLatency } from './schema.ts';

export interface StageMeta {
  runId: string;
  target: string;
  profile: string;
  environment: string;
  startedAt: number;
}

export function mergeStage(path: string, stage: { checks: Check[]; steps: StepLatency[] }, meta: StageMeta): Verdict {
  const previous = existsSync(path) ? Verdict.safeParse(JSON.parse(readFileSync(path, 'utf8'))) : undefined;
  const base: Verdict = previous?.success && previous.data.runId === meta.runId
    ? previous.data
    : { runId: meta.runId, target: meta.target, profile: meta.profile, environment: meta.environment, startedAt: new Date(meta.startedAt).toISOString(), durationMs: 0, verdict: 'pass', checks: [], steps: [] };
  const ids = new Set(stage.checks.map((c) => c.id));
  const checks = [...base.checks.filter((c) => !ids.has(c.id)), ...stage.checks];
  const merged: Verdict = { ...base, checks, steps: [...base.steps, ...stage.steps], verdict: decide(checks), durationMs: base.durationMs + (Date.now() - meta.startedAt) };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
