// A table mapping that does not match the target's database is the suite's problem, not the release's: the gate ends
// inconclusive (exit 3) with `error` checks naming the table, never `failed`, and never a raw SQL error as a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from '../helpers/short-expiry.ts';

const sandboxWith = sharedSandbox({ ...SHORT_EXPIRY });

test('HOLDFAST_TABLES naming a table that does not exist: inconclusive, exit 3, db.mapping and the invariants in error naming it', async () => {
  const sandbox = await sandboxWith([]);
  const reportsDir = tempReportsDir('db-mapping');
  const run = await runCli(
    ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity', '--grep', 'lives exactly the profile TTL'],
    { HOLDFAST_DATABASE_URL: sandbox.databaseUrl, HOLDFAST_TABLES: '{"booking":"\\"Nope\\""}', ...SHORT_EXPIRY_ENV },
  );
  const verdict = readVerdict(reportsDir);
  const context = `${describeFailures(verdict)}\n${JSON.stringify(verdict.checks.filter((c) => c.stage === 'db'), null, 2)}\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
  assert.equal(verdict.verdict, 'inconclusive', context);
  assert.equal(run.code, 3, context);
  assert.deepEqual(verdict.checks.filter((c) => c.status === 'failed').map((c) => c.id), [], context);
  const mapping = verdict.checks.find((c) => c.id === 'db.mapping');
  assert.equal(mapping?.status, 'error', context);
  assert.match(mapping?.error ?? '', /table "Nope" \(booking\) does not exist/, context);
  assert.match(mapping?.fix ?? '', /HOLDFAST_TABLES/, context);
  const invariants = verdict.checks.filter((c) => c.id.startsWith('db.') && c.id !== 'db.mapping');
  assert.equal(invariants.length, 4, context);
  for (const c of invariants) {
    assert.equal(c.status, 'error', `${c.id}\n${context}`);
    assert.match(c.error ?? '', /db\.mapping failed.*"Nope"/, c.id);
    assert.doesNotMatch(c.error ?? '', /relation .* does not exist|syntax error/, `${c.id}: a raw SQL error`);
  }
  assert.match(run.stdout, /error db\.mapping: .*"Nope"/);
});

test('the healthy sandbox: db.mapping passes and every invariant examines rows (evidence) and passes', async () => {
  const sandbox = await sandboxWith([]);
  const reportsDir = tempReportsDir('db-healthy');
  const run = await runCli(
    ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity', '--grep', 'at the contract price|lives exactly the profile TTL'],
    { HOLDFAST_DATABASE_URL: sandbox.databaseUrl, ...SHORT_EXPIRY_ENV },
  );
  const verdict = readVerdict(reportsDir);
  const db = verdict.checks.filter((c) => c.stage === 'db');
  const context = `${describeFailures(verdict)}\n${JSON.stringify(db, null, 2)}\n${run.stdout.slice(-1500)}`;
  assert.deepEqual(db.map((c) => [c.id, c.status]), [
    ['db.mapping', 'passed'],
    ['db.inventory-within-bounds', 'passed'],
    ['db.inventory-matches-bookings', 'passed'],
    ['db.no-overdue-holds', 'passed'],
    ['db.confirmed-paid-and-balanced', 'passed'],
  ], context);
  for (const c of db.slice(1)) assert.ok((c.evidence?.rows ?? 0) > 0, `${c.id} examined nothing\n${context}`);
  const cleanup = verdict.checks.find((c) => c.id === 'cleanup.left-behind');
  assert.equal(cleanup?.status, 'passed', `${JSON.stringify(cleanup)}\n${context}`);
  assert.ok((cleanup?.evidence?.bookings ?? 0) > 0, 'the releases were recorded');
  assert.equal(run.code, 0, context);
});
