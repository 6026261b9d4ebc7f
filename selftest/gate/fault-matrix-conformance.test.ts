// Would the gate judge a second, independent implementation fairly? With every answer stripped to what the contract
// names (--conformance minimal: money as numbers, other snapshot keys, keys reordered) the healthy sandbox passes,
// and every disclosed fault is still caught at its severity (the ownership and state matrices' faults: fault-matrix-matrices).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiFaultCases, authFaultCases, databaseFaultCases, integrityFaultCases } from '../helpers/fault-cases.ts';
import { faultMatrix } from '../helpers/fault-matrix.ts';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from '../helpers/short-expiry.ts';

describe('healthy, answers stripped to the contract', () => {
  const sandboxWith = sharedSandbox({ ...SHORT_EXPIRY, conformance: 'minimal' });
  test('the healthy gate passes with no error and no contract drift', async () => {
    const sandbox = await sandboxWith([]);
    const reportsDir = tempReportsDir('conformance-healthy');
    const run = await runCli(
      ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity'],
      { HOLDFAST_DATABASE_URL: sandbox.databaseUrl, ...SHORT_EXPIRY_ENV },
    );
    const verdict = readVerdict(reportsDir);
    const context = `${describeFailures(verdict)}\n${verdict.checks.filter((c) => c.status === 'error').map((c) => `error ${c.id}: ${c.error}`).join('\n')}\n${run.stdout.slice(-1500)}`;
    assert.equal(verdict.verdict, 'pass', context);
    assert.equal(run.code, 0, context);
    assert.equal(verdict.checks.find((c) => c.id === 'api.contract.drift')?.status, 'passed', context);
    assert.ok(verdict.checks.some((c) => c.id === 'api.booking.journey' && c.status === 'passed'), context);
  });
});

describe('faults, answers stripped to the contract', () => {
  // The web journey drives the sandbox's own web app, which the conformance mode does not change. Each case runs only
  // the check that must catch it (the plain matrices run whole projects).
  faultMatrix([...apiFaultCases, ...authFaultCases, ...integrityFaultCases.filter((c) => !c.web), ...databaseFaultCases], { conformance: 'minimal', narrow: true });
});
