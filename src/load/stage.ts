// The gate's load stage: find k6, bundle the scripts, run them with the plan, and judge the summary.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UsageError } from '../cli/usage-error.ts';
import { redactText } from '../client/redact.ts';
import type { Config } from '../config/load.ts';
import type { Check, StepLatency } from '../verdict/schema.ts';
import { buildThresholds } from '../../load/lib/thresholds.ts';
import { FLOWS } from '../../load/lib/plan.ts';
import { buildLoadScripts } from '../../load/build.mjs';
import { findK6, K6_INSTALL_HINT } from './k6-binary.ts';
import { buildPlan } from './plan.ts';
import { HandleSummary, summaryToStage } from './summary.ts';

export interface LoadStageOptions {
  config: Config;
  mode: 'on' | 'auto';
  durationSec?: number;
  rate?: number;
  shape?: 'constant' | 'ramping';
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface StageResult {
  checks: Check[];
  steps: StepLatency[];
}

/** Fails fast, before any spec runs, when the stage is required and k6 is missing. */
export function requireK6(mode: 'on' | 'off' | 'auto', env: NodeJS.ProcessEnv = process.env): void {
  if (mode === 'on' && !findK6(env)) throw new UsageError(`k6 not found: ${K6_INSTALL_HINT}, or pass --load auto|off`);
}

export async function runLoadStage(options: LoadStageOptions): Promise<StageResult> {
  const { config, log = () => {} } = options;
  if (!config.profile.speaksContract) {
    const reason = `the k6 scripts drive the TripAvail contract's journeys; profile ${config.profile.name} has its own`;
    log(`load: not applicable: ${reason}`);
    return { checks: [{ id: 'load.slo', title: 'SLOs hold under load (k6)', status: 'not-applicable', severity: 'P1', stage: 'load', durationMs: 0, reason }], steps: [] };
  }
  const k6 = findK6(options.env);
  if (!k6) {
    if (options.mode === 'on') throw new UsageError(`k6 not found: ${K6_INSTALL_HINT}`);
    const reason = `k6 not found (${K6_INSTALL_HINT}): the SLO load stage did not run`;
    log(`load: skipped: ${reason}`);
    return { checks: [{ id: 'load.slo', title: 'SLOs hold under load (k6)', status: 'skipped', severity: 'P1', stage: 'load', durationMs: 0, reason }], steps: [] };
  }
  const reportsDir = isAbsolute(config.reportsDir) ? config.reportsDir : join(process.cwd(), config.reportsDir);
  const dir = join(reportsDir, 'load');
  mkdirSync(dir, { recursive: true });
  const summaryPath = join(dir, 'k6-summary.json');
  rmSync(summaryPath, { force: true });
  const [script] = await buildLoadScripts();
  const plan = buildPlan(config, { durationSec: options.durationSec, rate: options.rate, shape: options.shape, summaryPath });
  const { reasons } = buildThresholds(plan.slo, FLOWS);
  log(`load: k6 ${plan.shape} arrival rate, browse ${plan.rates.browse}/s, book ${plan.rates.book}/s, health ${plan.rates.health}/s for ${plan.durationSec} s`);

  const started = Date.now();
  const run = await runK6(k6, script!, { ...process.env, ...options.env, HOLDFAST_LOAD_PLAN: JSON.stringify(plan) }, (plan.durationSec + 90) * 1000, log);
  const durationMs = Date.now() - started;
  if ((run.code === 0 || run.code === 99) && existsSync(summaryPath)) {
    const parsed = HandleSummary.safeParse(JSON.parse(readFileSync(summaryPath, 'utf8')));
    if (parsed.success) return summaryToStage(parsed.data, reasons, durationMs);
  }
  return {
    checks: [{
      id: 'load.slo', title: 'SLOs hold under load (k6)', status: 'failed', severity: 'P1', stage: 'load', durationMs,
      error: `k6 ${run.timedOut ? 'timed out' : `exited ${run.code}`} without a usable summary: ${redactText(run.tail.trim().split('\n').slice(-5).join(' | '))}`,
    }],
    steps: [],
  };
}

function runK6(bin: string, script: string, env: NodeJS.ProcessEnv, timeoutMs: number, log: (line: string) => void) {
  return new Promise<{ code: number; tail: string; timedOut: boolean }>((resolve) => {
    const child = spawn(bin, ['run', '--no-color', '--quiet', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let timedOut = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n').filter(Boolean)) log(`k6 │ ${redactText(line)}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, tail: error.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, tail, timedOut });
    });
  });
}
