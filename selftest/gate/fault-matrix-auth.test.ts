// Does the gate catch a release that accepts forged credentials (P0) or never throttles OTP sign-in (P1), and pass both
// checks on the healthy sandbox when the run signs in with OTP? (API project only; one sandbox per block.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { faultMatrix, type FaultCase } from '../helpers/fault-matrix.ts';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';

const otp = { HOLDFAST_AUTH: 'otp' };

const cases: FaultCase[] = [
  { fault: 'forged-token-accepted', severity: 'P0', caughtBy: 'api.auth.rejects-bad-tokens' },
  // The throttle is checked only when the run signs in with OTP; the default profile signs in with passwords.
  { fault: 'otp-unthrottled', severity: 'P1', caughtBy: 'api.auth.otp-throttle', env: otp },
];

describe('faults', () => faultMatrix(cases.map((c) => ({ ...c, projects: ['api'] }))));

describe('healthy, signing in with OTP', () => {
  const sandboxWith = sharedSandbox({ holdTtlSeconds: 2, sweepIntervalMs: 250 });
  test('the forgery and OTP-throttle checks pass, and their 429s reach no other check', async () => {
    const sandbox = await sandboxWith([]);
    const reportsDir = tempReportsDir('healthy-otp');
    const run = await runCli(
      ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api'],
      { ...otp, HOLDFAST_DATABASE_URL: sandbox.databaseUrl, HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250' },
    );
    const verdict = readVerdict(reportsDir);
    const context = `${describeFailures(verdict)}\n--- output tail ---\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
    assert.equal(verdict.verdict, 'pass', context);
    assert.equal(run.code, 0, context);
    for (const id of ['api.auth.rejects-bad-tokens', 'api.auth.otp-throttle']) {
      const result = verdict.checks.find((c) => c.id === id);
      assert.equal(result?.status, 'passed', `${id}: ${JSON.stringify(result)}`);
    }
  });
});
