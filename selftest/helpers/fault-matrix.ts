// Runs the gate against a sandbox started as one broken release and checks the verdict: fail, at the listed severity, by the check that should catch it.
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/index.ts';
import { worstFailure, type Severity } from '../../src/verdict/schema.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from './run-cli.ts';

export interface FaultCase {
  fault: string;
  severity: Severity;
  /** The check that must fail (it asserts the contract; the fault is only how the sandbox breaks it). */
  caughtBy: string;
  /** Projects to run; the web project needs Chromium and is only started where the fault lives. */
  web?: boolean;
  /** Only assert that the gate fails (the fault's timing makes the worst severity unpredictable). */
  failOnly?: boolean;
  /** Projects to run (default: the gate's); API-surface faults need only `api`, which keeps the matrix fast. */
  projects?: string[];
}

export async function gateAgainstFault(c: FaultCase): Promise<void> {
  const sandbox = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250, faults: [c.fault] });
  try {
    const reportsDir = tempReportsDir(c.fault);
    const run = await runCli(
      ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, ...(c.web ? ['--web-url', sandbox.webUrl] : []), ...(c.projects ?? []).flatMap((p) => ['--project', p])],
      { HOLDFAST_DATABASE_URL: sandbox.databaseUrl, HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250' },
    );
    const verdict = readVerdict(reportsDir);
    const context = `fault ${c.fault}:\n${describeFailures(verdict)}\n--- output tail ---\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
    assert.equal(verdict.verdict, 'fail', context);
    assert.equal(run.code, 1, context);
    assert.deepEqual(secretsIn(reportsDir, [decodeURIComponent(new URL(sandbox.databaseUrl).password)]), [], 'secrets in the reports of a failing run');
    if (c.failOnly) return;
    const caught = verdict.checks.find((check) => check.id === c.caughtBy);
    assert.equal(caught?.status, 'failed', `${c.caughtBy} should fail\n${context}`);
    assert.equal(caught?.severity, c.severity, context);
    assert.equal(worstFailure(verdict.checks), c.severity, `worst severity should be ${c.severity}\n${context}`);
  } finally {
    await sandbox.stop();
  }
}
