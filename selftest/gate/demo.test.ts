// Does the README's first command work: sandbox up, gate passes, sandbox down — and does --fault show a caught release?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';

test('npm run demo passes on the healthy sandbox and says where the reports are', async () => {
  const reportsDir = tempReportsDir('demo');
  const run = await runCli(['demo', '--reports-dir', reportsDir]);
  assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr.slice(-1000));
  assert.match(run.stdout, /Holdfast verdict: PASS/);
  assert.match(run.stdout, /--fault overbooking/);
  assert.equal(readVerdict(reportsDir).verdict, 'pass');
});

test('npm run demo -- --fault overbooking shows the gate failing on the race, P0', async () => {
  const reportsDir = tempReportsDir('demo-fault');
  const run = await runCli(['demo', '--fault', 'overbooking', '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity']);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /Holdfast verdict: FAIL \(worst P0\)/);
  assert.match(run.stdout, /P0 integrity\.overbooking-race: .*oversold/);
});

test('an unknown fault is one line naming the valid ones, exit 2', async () => {
  const run = await runCli(['demo', '--fault', 'nope']);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /unknown fault "nope" \(known: api-down, /);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});
