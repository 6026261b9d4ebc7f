// Does `holdfast load` end to end (plan → k6 → summary → verdict → exit code) give 0, 1 and 3 for the TripAvail profiles?
// A fake k6 (selftest/load/fake-k6.mjs) stands in for the real one: it writes a fixtures/k6 summary and exits as told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVerdict, repoRoot, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { encodeSetupFailure } from '../../load/lib/plan.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { STANDIN } from './dialect-cases.ts';

const fake = join(repoRoot, 'selftest', 'load', 'fake-k6.mjs');
const fixtures = join(repoRoot, 'fixtures', 'k6');

function fakeK6(dir: string): string {
  const bin = join(dir, 'k6');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${fake}" "$@"\n`);
  chmodSync(bin, 0o755);
  return bin;
}

async function load(profile: string, k6: { summary?: string; exit: number; log?: string }, env: Record<string, string> = {}) {
  const dir = tempReportsDir('k6-cli');
  const seen = join(dir, 'seen.json');
  const run = await runCli(['load', '--target', 'http://127.0.0.1:9', '--load-duration', '60', '--load-rate', '10', '--reports-dir', dir], {
    K6_BIN: fakeK6(dir), PATH: process.env.PATH ?? '', HOLDFAST_PROFILE: profile, HOLDFAST_RUN_ID: 'hf-fixture',
    FAKE_K6_EXIT: String(k6.exit), FAKE_K6_SEEN: seen,
    ...(k6.summary ? { FAKE_K6_SUMMARY: join(fixtures, k6.summary) } : {}), ...(k6.log ? { FAKE_K6_LOG: k6.log } : {}),
    ...env,
  });
  const verdict = readVerdict(dir);
  const check = verdict.checks.find((c) => c.id === 'load.slo')!;
  const got = JSON.parse(readFileSync(seen, 'utf8')) as { plan: { profile: string; auth: { style: string } }; secrets: string[]; token: string | null };
  return { run, verdict, check, got, dir, output: `${run.stdout}\n${run.stderr}` };
}

test('healthy tripavail-legacy: exit 0, pass, the plan spoke OTP and every book step is in the verdict', async () => {
  const { run, verdict, check, got, dir, output } = await load('tripavail-legacy', { summary: 'tripavail-legacy-healthy.json', exit: 0 });
  assert.equal(run.code, 0, output.slice(-2000));
  assert.equal(verdict.verdict, 'pass');
  assert.equal(check.status, 'passed');
  assert.equal(got.plan.profile, 'tripavail-legacy');
  assert.equal(got.plan.auth.style, 'otp');
  for (const step of ['quote', 'hold', 'pay', 'confirm', 'cancel']) assert.ok(verdict.steps.some((s) => s.name === `load.book.${step}`), step);
  assert.equal(JSON.parse(readFileSync(join(dir, 'load', 'plan.json'), 'utf8')).conversation.book.reserve.route.path, '/v1/bookings/hold');
});

test('slow hold: exit 1 with P1 load.slo naming the hold step, whatever k6\'s own exit code (99 or 0)', async () => {
  for (const exit of [99, 0]) {
    const { run, verdict, check, output } = await load('tripavail-legacy', { summary: 'tripavail-legacy-slow-hold.json', exit });
    assert.equal(run.code, 1, `k6 exit ${exit}: ${output.slice(-2000)}`);
    assert.equal(verdict.verdict, 'fail');
    assert.equal(check.status, 'failed');
    assert.equal(check.severity, 'P1');
    assert.match(check.error!, /step:hold\} p\(95\)<200: observed 448/);
  }
});

test('sign-in impossible: exit 3 (inconclusive) with the failing request and a fix, from the summary or from the log line alone', async () => {
  const viaSummary = await load('tripavail', { summary: 'tripavail-signin-impossible.json', exit: 108 });
  assert.equal(viaSummary.run.code, 3, viaSummary.output.slice(-2000));
  assert.equal(viaSummary.verdict.verdict, 'inconclusive');
  assert.equal(viaSummary.check.status, 'error');
  assert.match(viaSummary.check.error!, /POST \/v1\/auth\/register answered 404/);
  assert.match(viaSummary.check.fix!, /tripavail-legacy/);

  const failure = { step: 'sign-in' as const, request: 'POST /v1/auth/verify', status: 401, requestId: 'req-verify-1', message: 'OTP verify with the echoed code was refused: Invalid code', where: 'setup' as const };
  const viaLog = await load('tripavail-legacy', { exit: 108, log: `time="2026-01-01T00:00:00Z" level=error msg="${encodeSetupFailure(failure)}" source=console` });
  assert.equal(viaLog.run.code, 3, viaLog.output.slice(-2000));
  assert.equal(viaLog.check.status, 'error');
  assert.equal(viaLog.check.requestId, 'req-verify-1');
  assert.match(viaLog.check.error!, /POST \/v1\/auth\/verify answered 401/);
});

test('k6 that leaves no summary and no setup failure is an error (exit 3), not a breach', async () => {
  const { run, check } = await load('tripavail', { exit: 107, log: 'ReferenceError: boom' });
  assert.equal(run.code, 3);
  assert.equal(check.status, 'error');
  assert.match(check.error!, /k6 exited 107 without a usable summary: .*boom/);
});

test('a given token reaches k6 only through its environment: not in the plan, the reports or the output; the database URL never', async () => {
  const token = 'mock-access-k6secret0123456789';
  const { run, got, dir, output } = await load('tripavail-legacy', { summary: 'tripavail-legacy-healthy.json', exit: 0 }, {
    HOLDFAST_AUTH: 'token', HOLDFAST_TOKEN: token, HOLDFAST_DATABASE_URL: 'postgres://ro:dbsecret@127.0.0.1:5432/x',
  });
  assert.equal(run.code, 0, output.slice(-2000));
  assert.equal(got.token, token);
  assert.deepEqual(got.secrets, ['HOLDFAST_TOKEN']);
  assert.equal(got.plan.auth.style, 'token');
  assert.doesNotMatch(JSON.stringify(got.plan), /k6secret/);
  assert.doesNotMatch(output, /k6secret|dbsecret/);
  for (const file of ['plan.json', 'k6-summary.json']) assert.doesNotMatch(readFileSync(join(dir, 'load', file), 'utf8'), /k6secret/);
  assert.doesNotMatch(readFileSync(join(dir, 'verdict.json'), 'utf8'), /k6secret|dbsecret/);
});

test('`holdfast load` against the ERP dialect with the k6 stand-in running the bundle: exit 0, the ERP\'s steps in the verdict, the rate bound said', async () => {
  const sandbox = await startSandbox({ port: 0, webPort: 0, dialect: 'erp' });
  try {
    const dir = tempReportsDir('k6-cli-erp');
    const run = await runCli(['load', '--target', sandbox.apiUrl, '--load-duration', '60', '--load-rate', '1', '--reports-dir', dir], {
      K6_BIN: STANDIN, K6_STANDIN_MAX_ITERATIONS: '2', PATH: process.env.PATH ?? '', HOLDFAST_PROFILE: 'erp',
    });
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.code, 0, output.slice(-3000));
    const verdict = readVerdict(dir);
    assert.equal(verdict.checks.find((c) => c.id === 'load.slo')?.status, 'passed');
    for (const step of ['load.book.order', 'load.book.cancel', 'load.browse', 'load.health']) assert.ok(verdict.steps.some((s) => s.name === step), step);
    assert.match(output, /book planned down: the ERP allows 5 order creations a minute per client address/);
    assert.match(output, /book 4\/min/);
  } finally {
    await sandbox.stop();
  }
});
