// Against a real k6 when one is installed: 10 s of browse at a low rate on the sandbox, judged into the verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findK6 } from '../../src/load/k6-binary.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { dialectCases, exhaustSignUps } from './dialect-cases.ts';

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

// The same three outcomes the recorded fixtures prove (selftest/load/k6-fixtures.test.ts), with a real k6 against the
// sandbox's TripAvail-today dialect: healthy passes, slow-hold breaches the hold step with P1, a sign-in the script cannot
// perform (the contract profile's register against OTP-only code) is an error, exit 3.
const loose = { HOLDFAST_SLO_P95_MS: '300', HOLDFAST_SLO_P99_MS: '1000', HOLDFAST_SLO_ERROR_RATE: '0.05' };
const live = [
  { name: 'tripavail-legacy on today\'s code, healthy: exit 0', profile: 'tripavail-legacy', faults: [] as string[], code: 0, status: 'passed' },
  { name: 'tripavail-legacy on today\'s code with slow-hold: exit 1, P1 naming the hold step', profile: 'tripavail-legacy', faults: ['slow-hold'], code: 1, status: 'failed', error: /step:hold\} p\(95\)<300/ },
  { name: 'tripavail (password) on OTP-only code: setup cannot sign in, exit 3, error not P1', profile: 'tripavail', faults: [] as string[], code: 3, status: 'error', error: /POST \/v1\/auth\/register answered 404/ },
];
for (const c of live) {
  test(`k6: ${c.name}`, { skip: k6 ? false : 'k6 not installed (set K6_BIN or put k6 on PATH to run this)' }, async () => {
    const { startSandbox } = await import('../../sandbox/index.ts');
    const sandbox = await startSandbox({ port: 0, webPort: 0, dialect: 'tripavail-today', faults: c.faults });
    try {
      const reportsDir = tempReportsDir('k6-live');
      const run = await runCli(['load', '--target', sandbox.apiUrl, '--load-duration', '20', '--load-rate', '10', '--reports-dir', reportsDir], { ...(k6 ? { K6_BIN: k6 } : {}), HOLDFAST_PROFILE: c.profile, ...loose });
      const check = readVerdict(reportsDir).checks.find((x) => x.id === 'load.slo');
      assert.equal(check?.status, c.status, `${check?.error}\n${run.stdout.slice(-2000)}`);
      assert.equal(run.code, c.code);
      if (c.error) assert.match(check!.error!, c.error);
    } finally {
      await sandbox.stop();
    }
  });
}

// The same per dialect (the four other systems), with a real k6: 60 s, so the rate-limited book flows (4 or 2 bookings a
// minute) book more than once and slow-reserve reaches the reservation step's p95.
for (const c of dialectCases) {
  for (const run of c.runs) {
    test(`k6: ${c.profile} dialect, ${run.name}: ${run.status}, exit ${run.exit}`, { skip: k6 ? false : 'k6 not installed (set K6_BIN or put k6 on PATH to run this)' }, async () => {
      const { startSandbox } = await import('../../sandbox/index.ts');
      const sandbox = await startSandbox({ port: 0, webPort: 0, dialect: c.profile, faults: run.faults });
      try {
        const reportsDir = tempReportsDir(`k6-live-${c.profile}`);
        const env: Record<string, string> = { ...(k6 ? { K6_BIN: k6 } : {}), HOLDFAST_PROFILE: c.profile };
        if (run.signIn === 'unknown-user') {
          writeFileSync(join(reportsDir, 'users.json'), JSON.stringify({ customer: [{ email: 'nobody@example.test', password: 'Unknown-user-1!' }], counterpart: [{ email: 'nobody2@example.test', password: 'Unknown-user-1!' }] }));
          env.HOLDFAST_USERS_FILE = join(reportsDir, 'users.json');
        }
        if (run.signIn === 'sign-ups-exhausted') await exhaustSignUps(c.profile, sandbox.apiUrl);
        const result = await runCli(['load', '--target', sandbox.apiUrl, '--load-duration', '60', '--load-rate', '2', '--reports-dir', reportsDir], env);
        const check = readVerdict(reportsDir).checks.find((x) => x.id === 'load.slo');
        assert.equal(check?.status, run.status, `${check?.error}\n${result.stdout.slice(-2000)}`);
        assert.equal(result.code, run.exit);
        if (run.error) assert.match(check!.error!, run.error);
      } finally {
        await sandbox.stop();
      }
    });
  }
}
