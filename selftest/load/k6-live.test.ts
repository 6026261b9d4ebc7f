// Against a real k6 when one is installed: 10 s of browse at a low rate on the sandbox, judged into the verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findK6 } from '../../src/load/k6-binary.ts';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';

const k6 = findK6();

test('k6 browse for 10 s at 2/s against the sandbox passes the SLO gate', { skip: k6 ? false : 'k6 not installed (set K6_BIN or put k6 on PATH to run this)' }, async () => {
  const { startSandbox } = await import('../../sandbox/index.ts');
  const sandbox = await startSandbox({ port: 0, webPort: 0 });
  try {
    const reportsDir = tempReportsDir('k6');
    const run = await runCli(['load', '--target', sandbox.apiUrl, '--load-duration', '10', '--load-rate', '2', '--reports-dir', reportsDir], { ...(k6 ? { K6_BIN: k6 } : {}), HOLDFAST_SLO_P95_MS: '1000', HOLDFAST_SLO_P99_MS: '2000', HOLDFAST_SLO_ERROR_RATE: '0.05' });
    const verdict = readVerdict(reportsDir);
    const check = verdict.checks.find((c) => c.id === 'load.slo');
    assert.equal(check?.status, 'passed', `${check?.error}\n${run.stdout.slice(-2000)}`);
    assert.ok(verdict.steps.some((s) => s.name === 'load.browse' && s.count > 10));
  } finally {
    await sandbox.stop();
  }
});
