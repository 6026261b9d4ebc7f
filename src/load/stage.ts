// The gate's load stage: find k6, bundle the scripts, run them with the plan, and judge the summary.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UsageError } from '../cli/usage-error.ts';
import { redactText, registerSecret } from '../client/redact.ts';
import type { Config } from '../config/load.ts';
import { secretVariables } from '../config/schema.ts';
import type { Check, StepLatency } from '../verdict/schema.ts';
import { SuiteError } from '../verdict/suite-error.ts';
import { buildThresholds } from '../../load/lib/thresholds.ts';
import { decodeSetupFailure, SETUP_FAILURE_MARKER, type LoadPlan, type SetupFailure } from '../../load/lib/plan.ts';
import { buildLoadScripts } from '../../load/build.mjs';
import { findK6, K6_INSTALL_HINT } from './k6-binary.ts';
import { buildPlan, loadSecrets } from './plan.ts';
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
  let plan: LoadPlan;
  let secrets: Record<string, string>;
  try {
    plan = buildPlan(config, { durationSec: options.durationSec, rate: options.rate, shape: options.shape, summaryPath });
    secrets = loadSecrets(config);
  } catch (error) {
    if (!(error instanceof SuiteError)) throw error;
    log(`load: error: ${error.message}`);
    return { checks: [{ ...LOAD_CHECK, status: 'error', durationMs: 0, error: error.message.split(' — to fix: ')[0], fix: error.fix }], steps: [] };
  }
  for (const value of Object.values(secrets)) registerSecret(value);
  registerSecret(config.token);
  // The plan as k6 gets it, for whoever reads the reports: routes, SLOs, rates; never a token or a password.
  writeFileSync(join(dir, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  const [script] = await buildLoadScripts();
  const { reasons } = buildThresholds(plan);
  log(`load: k6 ${plan.shape} arrival rate, browse ${perSecond(plan.rates.browse)}, book ${perSecond(plan.rates.book)}, health ${perSecond(plan.rates.health)} for ${plan.durationSec} s, profile ${plan.profile} (${plan.auth.style} sign-in, ${plan.auth.sessions === 'shared' ? 'users shared by every VU' : 'a user per VU'})`);
  for (const bound of plan.bounds) log(`load: ${bound.flow} planned down: ${bound.reason}`);

  const started = Date.now();
  const env = { ...withoutSecrets({ ...process.env, ...options.env }), ...secrets, HOLDFAST_LOAD_PLAN: JSON.stringify(plan) };
  const run = await runK6(k6, script!, env, (plan.durationSec + 90) * 1000, log);
  const durationMs = Date.now() - started;
  const context = { profile: plan.profile, auth: plan.auth.style, stock: plan.stockName, bounds: plan.bounds };
  // k6's exit code decides nothing: 0, 99 (thresholds), 108 (setup aborted the run) all come back to the summary and the log.
  const summary = readSummary(summaryPath);
  if (summary) {
    const stage = summaryToStage(summary, reasons, durationMs, { logged: run.setupFailure, context });
    if (![0, 99, 108].includes(run.code) && stage.checks[0]!.status === 'passed') {
      stage.checks[0] = { ...stage.checks[0]!, status: 'error', error: `k6 exited ${run.code} although every threshold held: ${redactText(lastLines(run.tail))}`, fix: 'read the k6 log in the stage output; a script exception is the suite\'s to fix' };
    }
    return stage;
  }
  if (run.setupFailure) return summaryToStage({ metrics: {} }, reasons, durationMs, { logged: run.setupFailure, context });
  return {
    checks: [{
      ...LOAD_CHECK, status: 'error', durationMs,
      error: `k6 ${run.timedOut ? 'timed out' : `exited ${run.code}`} without a usable summary: ${redactText(lastLines(run.tail))}`,
      fix: run.timedOut ? 'k6 did not finish within the run\'s duration + 90 s: read its log above; a hung target shows as timeouts in its requests' : 'read the k6 log above; the bundle needs k6 v0.46 or newer (K6_BIN, else k6 on PATH)',
    }],
    steps: [],
  };
}

function perSecond(rate: number): string {
  return rate >= 1 ? `${rate}/s` : `${Math.max(1, Math.round(rate * 60))}/min`;
}

const LOAD_CHECK = { id: 'load.slo', title: 'SLOs hold under load (k6)', severity: 'P1', stage: 'load' } as const;

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ');
}

function readSummary(path: string): HandleSummary | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = HandleSummary.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** k6 gets no secret it does not need: the database URL and the cleanup token stay with Holdfast; the token goes by loadSecrets. */
function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const drop = new Set<string>([...secretVariables, 'HOLDFAST_LOAD_USERS']);
  return Object.fromEntries(Object.entries(env).filter(([key]) => !drop.has(key)));
}

function runK6(bin: string, script: string, env: NodeJS.ProcessEnv, timeoutMs: number, log: (line: string) => void) {
  return new Promise<{ code: number; tail: string; timedOut: boolean; setupFailure?: SetupFailure }>((resolve) => {
    const child = spawn(bin, ['run', '--no-color', '--quiet', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let timedOut = false;
    let setupFailure: SetupFailure | undefined;
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      // The first setup failure k6 logged, read whole even when it spans two chunks.
      if (!setupFailure) {
        pending = (pending + text).slice(-8000);
        const at = pending.indexOf(SETUP_FAILURE_MARKER);
        if (at >= 0 && pending.indexOf('\n', at) >= 0) setupFailure = decodeSetupFailure(pending.slice(at));
      }
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
      resolve({ code: -1, tail: error.message, timedOut, setupFailure });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!setupFailure) setupFailure = decodeSetupFailure(pending);
      resolve({ code: code ?? -1, tail, timedOut, setupFailure });
    });
  });
}
