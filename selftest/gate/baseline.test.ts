// Does the gate compare green against blue: a slower green fails P1 naming the step, an identical one passes?
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';

let blue: Sandbox;
let green: Sandbox;
let slowGreen: Sandbox;

before(async () => {
  [blue, green, slowGreen] = await Promise.all([
    startSandbox({ port: 0, webPort: 0 }),
    startSandbox({ port: 0, webPort: 0 }),
    startSandbox({ port: 0, webPort: 0, faults: ['slow-catalog'] }),
  ]);
});
after(async () => Promise.all([blue?.stop(), green?.stop(), slowGreen?.stop()]));

const baselineOnly = ['--load', 'off', '--project', 'api', '--grep', 'liveness'];

test('a green stack with slow-catalog fails against a healthy blue with P1, naming the step', async () => {
  const reportsDir = tempReportsDir('baseline-slow');
  const run = await runCli(['gate', '--target', slowGreen.apiUrl, '--baseline', blue.apiUrl, '--reports-dir', reportsDir, ...baselineOnly]);
  const verdict = readVerdict(reportsDir);
  assert.equal(run.code, 1, run.stdout.slice(-2000));
  const regressions = verdict.checks.filter((c) => c.stage === 'baseline' && c.status === 'failed');
  assert.ok(regressions.length > 0, JSON.stringify(verdict.checks.filter((c) => c.stage === 'baseline')));
  assert.ok(regressions.every((c) => c.severity === 'P1'));
  assert.ok(regressions.some((c) => /^baseline\.(list|search)-hotel\.p95-regression$/.test(c.id) && /green p95 \d+(\.\d)? ms vs blue/.test(c.error ?? '')), JSON.stringify(regressions));
  assert.match(run.stdout, /P1 baseline\.(list|search)-hotel\.p95-regression/);
});

test('two healthy stacks compare clean, catalog included', async () => {
  const reportsDir = tempReportsDir('baseline-same');
  const run = await runCli(['gate', '--target', green.apiUrl, '--baseline', blue.apiUrl, '--reports-dir', reportsDir, ...baselineOnly]);
  const verdict = readVerdict(reportsDir);
  const failed = verdict.checks.filter((c) => c.status === 'failed');
  assert.deepEqual(failed, [], run.stdout.slice(-2000));
  assert.ok(verdict.checks.some((c) => c.id === 'baseline.catalog' && c.status === 'passed'));
});
