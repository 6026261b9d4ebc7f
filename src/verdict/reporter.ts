// How Playwright's results become reports/verdict.json: one check per test, severity from its annotations, latency per step.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { redactText, registerSecret, registerUrlPassword } from '../client/redact.ts';
import { summarize } from '../stats/percentile.ts';
import { decide, Severity, type Check, type StepLatency, type Verdict } from './schema.ts';
import { parseSuiteError } from './suite-error.ts';
import type { Drift } from '../client/recorder.ts';
import type { Config } from '../config/load.ts';
import { fingerprint, publicConfig, runConfig } from '../config/run-config.ts';
import { stageOfSpec } from '../cli/pooled-projects.ts';

interface Options {
  outputFile?: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export default class VerdictReporter implements Reporter {
  private readonly outputFile: string;
  private readonly started = Date.now();
  private readonly results = new Map<string, { test: TestCase; result: TestResult }>();
  private readonly runErrors: string[] = [];

  private readonly config: Config | undefined;

  constructor(options: Options = {}) {
    this.outputFile = options.outputFile ?? `${process.env.HOLDFAST_REPORTS_DIR ?? 'reports'}/verdict.json`;
    registerSecret(process.env.HOLDFAST_TOKEN);
    registerUrlPassword(process.env.HOLDFAST_DATABASE_URL);
    try {
      this.config = runConfig();
    } catch (error) {
      this.config = undefined;
      this.runErrors.push(`the run's configuration could not be read: ${(error as Error).message}`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.results.set(test.id, { test, result });
  }

  onError(error: { message?: string }): void {
    this.runErrors.push(redactText(stripAnsi(error.message ?? 'unknown error')).split('\n')[0] ?? '');
  }

  onEnd(result: FullResult): void {
    const checks = [...this.results.values()].map(({ test, result: r }) => toCheck(test, r));
    const drift = contractDrift([...this.results.values()].map((r) => r.result));
    if (drift) checks.push(drift);
    const mismatch = this.config && configMismatch(fingerprint(this.config), [...this.results.values()]);
    if (mismatch) checks.push(mismatch);
    if ((result.status !== 'passed' || this.runErrors.length) && !checks.some((c) => c.status === 'failed' || c.status === 'error')) {
      checks.push({
        id: 'suite.run',
        title: 'the suite ran to completion',
        status: 'error',
        fix: 'read the Playwright output above: the suite itself broke before or between checks',
        severity: 'P0',
        stage: 'suite',
        durationMs: Date.now() - this.started,
        error: this.runErrors.join('; ') || `Playwright ended with status ${result.status}`,
      });
    }
    const verdict: Verdict = {
      runId: this.config?.runId ?? 'unknown',
      target: this.config?.baseUrl ?? 'unknown',
      profile: this.config?.profile.name ?? 'unknown',
      environment: this.config?.environment ?? 'unknown',
      ...(this.config ? { config: publicConfig(this.config) } : {}),
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      verdict: decide(checks),
      checks,
      steps: stepLatencies([...this.results.values()].map((r) => r.result)),
    };
    mkdirSync(dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(verdict, null, 2)}\n`);
  }
}

function annotation(test: TestCase, result: TestResult, type: string): string | undefined {
  return [...result.annotations, ...test.annotations].find((a) => a.type === type)?.description;
}

export function toCheck(test: TestCase, result: TestResult): Check {
  const severity = Severity.safeParse(annotation(test, result, 'severity'));
  const notApplicable = annotation(test, result, 'not-applicable');
  const skipReason = annotation(test, result, 'skip');
  const messages = result.errors.map((e) => stripAnsi(e.message ?? '')).filter(Boolean);
  const suiteErrors = messages.map(parseSuiteError);
  const evidence = evidenceOf(test, result);
  const required = annotation(test, result, 'requires-evidence')?.split(',').filter(Boolean) ?? [];
  const missing = required.filter((kind) => !evidence[kind]);
  const examinedNothing = Object.values(evidence).every((n) => n === 0);

  let status: Check['status'] =
    result.status === 'passed' ? 'passed' : result.status === 'skipped' ? (notApplicable ? 'not-applicable' : 'skipped') : 'failed';
  let error = messages[0] ? redactText(messages[0]).split('\n').filter(Boolean).slice(0, 6).join('\n') : undefined;
  let fix: string | undefined;
  // Every error the suite's own (none from the target): the check could not decide.
  if (status === 'failed' && suiteErrors.length > 0 && suiteErrors.every(Boolean)) {
    status = 'error';
    error = redactText(suiteErrors[0]!.error);
    fix = suiteErrors[0]!.fix;
  }
  if (status === 'passed' && (examinedNothing || missing.length)) {
    status = 'error';
    error = examinedNothing ? 'the check examined nothing (no request, row, sample or page), so it cannot pass' : `the check examined no ${missing.join(', ')}, so it cannot pass`;
    fix = 'check the profile\'s stock, mapping and gaps for this check';
  }
  const requestId = /request id ([0-9a-f-]{8,})/i.exec(messages[0] ?? '')?.[1] ?? annotation(test, result, 'request-id');
  const title = test.titlePath().slice(3).join(' › ').replace(/\s*@\w+/g, '').trim();
  const ended = status === 'failed' || status === 'error';
  return {
    id: annotation(test, result, 'check') ?? slug(title),
    title,
    status,
    severity: severity.success ? severity.data : 'P1',
    stage: stageOfSpec(test.location?.file ?? '') ?? test.parent.project()?.name ?? 'api',
    durationMs: Math.round(result.duration),
    ...(ended ? { error: error ?? (result.status === 'timedOut' ? 'timed out' : `ended ${result.status}`) } : {}),
    ...(fix ? { fix } : {}),
    ...(status === 'skipped' || status === 'not-applicable' ? { reason: notApplicable ?? skipReason ?? 'skipped' } : {}),
    ...(ended && requestId ? { requestId } : {}),
    ...(status === 'skipped' || status === 'not-applicable' ? {} : { evidence }),
  };
}

/** Requests the test's API client recorded, plus what the test declared it examined (rows, samples, forgeries, pages). */
function evidenceOf(test: TestCase, result: TestResult): Record<string, number> {
  const evidence: Record<string, number> = { requests: 0 };
  for (const attachment of result.attachments) {
    if (attachment.name === 'holdfast-timings' && attachment.body) evidence.requests! += (JSON.parse(attachment.body.toString('utf8')) as unknown[]).length;
  }
  // Annotations made while the test ran are on its result (and, in some Playwright versions, repeated on the test).
  const runtime = result.annotations.length ? result.annotations : test.annotations;
  for (const a of runtime) {
    if (a.type !== 'evidence' || !a.description) continue;
    const { kind, count } = JSON.parse(a.description) as { kind: string; count: number };
    evidence[kind] = (evidence[kind] ?? 0) + count;
  }
  return evidence;
}

/** A worker that resolved another configuration than the CLI's: the run judged by settings nobody gave. */
function configMismatch(expected: string, results: { test: TestCase; result: TestResult }[]): Check | undefined {
  const seen = new Set(results.map(({ test, result }) => annotation(test, result, 'config-fingerprint')).filter((f): f is string => !!f));
  const other = [...seen].filter((f) => f !== expected);
  if (!other.length) return undefined;
  return {
    id: 'suite.config', title: "every worker judged by the run's configuration", status: 'error', severity: 'P0', stage: 'suite', durationMs: 0,
    error: `a worker resolved another configuration (fingerprint ${other[0]}, expected ${expected})`,
    fix: 'run the suite through the holdfast CLI, which hands its configuration to every worker',
  };
}

/**
 * One finding for the whole run: every contracted answer whose body broke the contract in a field no step needed
 * (a field a step needs stops that step instead). Absent when no spec called a contract route through the client.
 */
export function contractDrift(results: TestResult[]): Check | undefined {
  let checked = 0;
  let seen = false;
  const drift: Drift[] = [];
  for (const result of results) {
    for (const a of result.attachments) {
      if (a.name !== 'holdfast-contract' || !a.body) continue;
      seen = true;
      const contract = JSON.parse(a.body.toString('utf8')) as { checked: number; drift: Drift[] };
      checked += contract.checked;
      drift.push(...contract.drift);
    }
  }
  if (!seen) return undefined;
  const base = { id: 'api.contract.drift', title: 'every contracted answer carries what the contract names', severity: 'P2' as const, stage: 'api', durationMs: 0 };
  if (checked === 0) return { ...base, status: 'not-applicable', reason: 'no contract route was called (the profile does not speak the TripAvail contract)' };
  const byRoute = new Map<string, Drift>();
  for (const d of drift) byRoute.set(`${d.route} ${d.status} ${d.issues}`, d);
  const distinct = [...byRoute.values()];
  if (!distinct.length) return { ...base, status: 'passed', evidence: { responses: checked } };
  return {
    ...base,
    status: 'failed',
    evidence: { responses: checked },
    error: `${distinct.length} contract drift finding(s): ${distinct.slice(0, 3).map((d) => `${d.route} ${d.status}: ${d.issues} (request id ${d.requestId})`).join('; ')}`,
    requestId: distinct[0]!.requestId,
    details: distinct,
  };
}

function stepLatencies(results: TestResult[]): StepLatency[] {
  const byStep = new Map<string, number[]>();
  const add = (step: string, ms: number) => byStep.set(step, [...(byStep.get(step) ?? []), ms]);
  for (const result of results) {
    for (const attachment of result.attachments) {
      if (attachment.name !== 'holdfast-timings' || !attachment.body) continue;
      for (const { step, ms } of JSON.parse(attachment.body.toString('utf8')) as { step: string; ms: number }[]) add(step, ms);
    }
    for (const a of result.annotations) {
      if (a.type !== 'step-latency' || !a.description) continue;
      const { name, ms } = JSON.parse(a.description) as { name: string; ms: number };
      add(name, ms);
    }
  }
  return [...byStep.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => summarize(name, values));
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

