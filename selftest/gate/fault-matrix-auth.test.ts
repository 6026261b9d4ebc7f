// Does the gate catch a release that accepts forged credentials (P0) or never throttles OTP sign-in (P1), and pass both
// checks on the healthy sandbox when the run signs in with OTP? (API project only; one sandbox per block.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authFaultCases } from '../helpers/fault-cases.ts';
import { faultMatrix } from '../helpers/fault-matrix.ts';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from '../helpers/short-expiry.ts';

const otp = { HOLDFAST_AUTH: 'otp' };

describe('faults', () => faultMatrix(authFaultCases));

describe('healthy, signing in with OTP', () => {
  const sandboxWith = sharedSandbox({ ...SHORT_EXPIRY });
  test('the forgery and OTP-throttle checks pass, and their 429s reach no other check', async () => {
    const sandbox = await sandboxWith([]);
    const reportsDir = tempReportsDir('healthy-otp');
    const run = await runCli(
      ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api'],
      { ...otp, HOLDFAST_DATABASE_URL: sandbox.databaseUrl, ...SHORT_EXPIRY_ENV },
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
