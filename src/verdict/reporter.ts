// How Playwright's results become reports/verdict.json: one check per test, severity from its annotations, latency per step.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { redactText, registerSecret, registerUrlPassword } from '../client/redact.ts';
import { summarize } from '../stats/percentile.ts';
import { decide, Severity, type Check, type StepLatency, type Verdict } from './schema.ts';

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

  constructor(options: Options = {}) {
    this.outputFile = options.outputFile ?? `${process.env.HOLDFAST_REPORTS_DIR ?? 'reports'}/verdict.json`;
    registerSecret(process.env.HOLDFAST_TOKEN);
    registerUrlPassword(process.env.HOLDFAST_DATABASE_URL);
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
    if ((result.status !== 'passed' || this.runErrors.length) && !checks.some((c) => c.status === 'failed')) {
      checks.push({
        id: 'suite.run',
        title: 'the suite ran to completion',
        status: 'failed',
        severity: 'P0',
        stage: 'suite',
        durationMs: Date.now() - this.started,
        error: this.runErrors.join('; ') || `Playwright ended with status ${result.status}`,
      });
    }
    const verdict: Verdict = {
      runId: process.env.HOLDFAST_RUN_ID ?? 'unknown',
      target: process.env.HOLDFAST_BASE_URL ?? 'unknown',
      profile: process.env.HOLDFAST_PROFILE ?? 'tripavail',
      environment: process.env.HOLDFAST_ENVIRONMENT ?? 'production',
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
  const status: Check['status'] =
    result.status === 'passed' ? 'passed' : result.status === 'skipped' ? (notApplicable ? 'not-applicable' : 'skipped') : 'failed';
  const message = result.errors.map((e) => stripAnsi(e.message ?? '')).find(Boolean);
  const error = message ? redactText(message).split('\n').filter(Boolean).slice(0, 6).join('\n') : undefined;
  const requestId = /request id ([0-9a-f-]{8,})/i.exec(message ?? '')?.[1] ?? annotation(test, result, 'request-id');
  const title = test.titlePath().slice(3).join(' › ').replace(/\s*@\w+/g, '').trim();
  return {
    id: annotation(test, result, 'check') ?? slug(title),
    title,
    status,
    severity: severity.success ? severity.data : 'P1',
    stage: test.parent.project()?.name ?? 'api',
    durationMs: Math.round(result.duration),
    ...(status === 'failed' ? { error: error ?? (result.status === 'timedOut' ? 'timed out' : `ended ${result.status}`) } : {}),
    ...(status === 'skipped' || status === 'not-applicable' ? { reason: notApplicable ?? skipReason ?? 'skipped' } : {}),
    ...(status === 'failed' && requestId ? { requestId } : {}),
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

