// Does the gate catch a booking step that lets the wrong user in, accepts a wrong state, or is slow, at the runbook's
// severity, also when the sandbox answers only what the contract names? And does the healthy sandbox pass those checks?
// API project only: the ownership matrix, the state matrices and the per-step latency sample all live there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { faultMatrix, type FaultCase } from '../helpers/fault-matrix.ts';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from '../helpers/short-expiry.ts';

const cases: FaultCase[] = ([
  { fault: 'hold-foreign-quote', severity: 'P0', caughtBy: 'api.booking.ownership' },
  { fault: 'cancel-foreign-booking', severity: 'P0', caughtBy: 'api.booking.ownership' },
  { fault: 'confirm-twice', severity: 'P0', caughtBy: 'api.state.confirm' },
  { fault: 'slow-hold', severity: 'P1', caughtBy: 'api.latency.booking-steps' },
] satisfies FaultCase[]).map((c) => ({ ...c, projects: ['api'] }));

/** The checks this file is about; the healthy runs below grep for them. */
const MATRIX_CHECKS = ['api.booking.ownership', 'api.state.hold', 'api.state.pay', 'api.state.confirm', 'api.state.cancel', 'api.latency.booking-steps', 'api.latency.catalog-p95'];
const GREP = 'another user|is refused in every state|SLO';

describe('the full answers', () => faultMatrix(cases));
describe('answers stripped to the contract', () => faultMatrix(cases, { conformance: 'minimal', narrow: true }));

describe('the healthy sandbox, answering only what the contract names', () => {
  const sandboxWith = sharedSandbox({ ...SHORT_EXPIRY, conformance: 'minimal' });
  test('passes every matrix cell and the per-step latency sample, and each names what it examined', async () => {
    const sandbox = await sandboxWith();
    const reportsDir = tempReportsDir('matrices-healthy');
    const run = await runCli(
      ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--project', 'api', '--grep', GREP, '--reports-dir', reportsDir],
      { ...SHORT_EXPIRY_ENV },
    );
    const verdict = readVerdict(reportsDir);
    assert.equal(verdict.verdict, 'pass', `${describeFailures(verdict)}\n${run.stdout.slice(-2000)}`);
    for (const id of MATRIX_CHECKS) {
      const c = verdict.checks.find((check) => check.id === id);
      assert.equal(c?.status, 'passed', `${id}: ${JSON.stringify(c)}`);
      const examined = id.startsWith('api.latency.') ? c?.evidence?.samples : c?.evidence?.cells;
      assert.ok((examined ?? 0) > 0, `${id} passed without recording what it examined: ${JSON.stringify(c?.evidence)}`);
    }
  });
});
