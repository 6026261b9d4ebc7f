// Does every setting reach every check? Each HOLDFAST_* variable, given a non-default value through each route
// (environment, --env-file, a --target file, flags), must show in the verdict's config and in what the workers resolved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { EnvSchema } from '../../src/config/schema.ts';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0 });
});
after(async () => sandbox?.stop());

type Seen = Record<string, unknown>;
/** A non-default value for every variable, and where the resolved config shows it (secrets: nowhere, by design). */
function settings(reportsDir: string, runId: string): Record<string, [value: string, shown: (c: Seen) => unknown, expected?: unknown]> {
  const slo = (c: Seen) => c.slo as Record<string, number>;
  const race = (c: Seen) => c.race as Record<string, number>;
  return {
    HOLDFAST_BASE_URL: [sandbox.apiUrl, (c) => c.baseUrl],
    HOLDFAST_WEB_URL: ['http://127.0.0.1:9', (c) => c.webUrl],
    HOLDFAST_PROFILE: ['tripavail-legacy', (c) => c.profile],
    HOLDFAST_AUTH: ['otp', (c) => c.auth],
    HOLDFAST_TOKEN: ['settings-test-token', (c) => JSON.stringify(c).includes('settings-test-token'), false],
    HOLDFAST_EMAIL_DOMAIN: ['holdfast.test', (c) => c.emailDomain],
    HOLDFAST_DATABASE_URL: [sandbox.databaseUrl, (c) => JSON.stringify(c).includes('postgres://'), false],
    HOLDFAST_ENVIRONMENT: ['staging', (c) => c.environment],
    HOLDFAST_ALLOW_DESTRUCTIVE: ['true', (c) => c.allowDestructive, true],
    HOLDFAST_RUN_ID: [runId, (c) => c.runId],
    HOLDFAST_REPORTS_DIR: [reportsDir, (c) => c.reportsDir],
    HOLDFAST_REQUEST_TIMEOUT_MS: ['7777', (c) => c.requestTimeoutMs, 7777],
    HOLDFAST_SLO_P95_MS: ['1234', (c) => slo(c).p95Ms, 1234],
    HOLDFAST_SLO_P99_MS: ['2345', (c) => slo(c).p99Ms, 2345],
    HOLDFAST_SLO_ERROR_RATE: ['0.02', (c) => slo(c).errorRate, 0.02],
    HOLDFAST_HOLD_TTL_SECONDS: ['3', (c) => c.holdTtlSeconds, 3],
    HOLDFAST_SWEEP_INTERVAL_MS: ['333', (c) => c.sweepIntervalMs, 333],
    HOLDFAST_EXPIRY_GRACE_MS: ['444', (c) => c.expiryGraceMs, 444],
    HOLDFAST_PAYMENT_METHOD: ['pm_card_mastercard', (c) => c.paymentMethod],
    HOLDFAST_RACE_CONCURRENCY: ['7', (c) => race(c).concurrency, 7],
    HOLDFAST_RACE_ROUNDS: ['2', (c) => race(c).rounds, 2],
    HOLDFAST_RACE_BUDGET_MS: ['2222', (c) => race(c).budgetMs, 2222],
    HOLDFAST_BASELINE_URL: [sandbox.apiUrl, (c) => c.baselineUrl],
    HOLDFAST_REGRESSION_PCT: ['33', (c) => c.regressionPct, 33],
    HOLDFAST_TABLES: ['{"booking":"\\"BookingView\\""}', (c) => (c.tables as Record<string, string>).booking, '"BookingView"'],
    HOLDFAST_CLEANUP_TOKEN: ['settings-cleanup-token', (c) => JSON.stringify(c).includes('settings-cleanup-token'), false],
    HOLDFAST_USERS_FILE: [usersFile(reportsDir), (c) => c.usersFile],
    HOLDFAST_RACE_STOCK: ['Settings Race Cabin', (c) => c.raceStock],
  };
}

/** Pre-provisioned users: the path travels in the config, the password never does. */
function usersFile(dir: string): string {
  const path = join(dir, 'users.json');
  writeFileSync(path, JSON.stringify({ customer: [{ email: 'provisioned@holdfast.test', password: 'Settings-Users-9z!' }] }), { mode: 0o600 });
  return path;
}

const flagOf: Record<string, string> = {
  HOLDFAST_BASE_URL: '--base-url', HOLDFAST_WEB_URL: '--web-url', HOLDFAST_DATABASE_URL: '--database-url', HOLDFAST_PROFILE: '--profile',
  HOLDFAST_ENVIRONMENT: '--environment', HOLDFAST_REPORTS_DIR: '--reports-dir', HOLDFAST_RUN_ID: '--run-id', HOLDFAST_BASELINE_URL: '--baseline',
};

test('the settings table covers every variable the configuration knows', () => {
  assert.deepEqual(Object.keys(settings('/tmp', 'x')).sort(), Object.keys(EnvSchema.shape).sort());
});

for (const route of ['environment', 'env-file', 'target-file', 'flags'] as const) {
  test(`every variable given through ${route === 'flags' ? 'flags (where a flag exists; the rest by environment)' : route} reaches the workers`, async () => {
    const reportsDir = tempReportsDir(`settings-${route}`);
    const table = settings(reportsDir, `settings-${route}`);
    const values = Object.fromEntries(Object.entries(table).map(([name, [value]]) => [name, value]));
    const file = join(reportsDir, 'holdfast.env');
    writeFileSync(file, Object.entries(values).map(([k, v]) => `${k}='${v}'`).join('\n'));
    let args: string[] = [];
    let env: Record<string, string> = {};
    if (route === 'environment') env = values;
    if (route === 'env-file') args = ['--env-file', file];
    if (route === 'target-file') args = ['--target', file];
    if (route === 'flags') {
      env = Object.fromEntries(Object.entries(values).filter(([k]) => !flagOf[k] && k !== 'HOLDFAST_ALLOW_DESTRUCTIVE'));
      args = [...Object.entries(flagOf).flatMap(([k, flag]) => [flag, values[k]!]), '--allow-destructive'];
    }
    const run = await runCli(['gate', ...args, '--project', 'api', '--grep', 'liveness', '--load', 'off'], env);
    const verdict = readVerdict(reportsDir);
    const context = `${route}: exit ${run.code}\n${run.stdout.slice(-2000)}${run.stderr.slice(-1000)}`;
    assert.ok(verdict.config, `no config in the verdict\n${context}`);
    for (const [name, [value, shown, expected]] of Object.entries(table)) {
      assert.deepEqual(shown(verdict.config!), expected ?? value, `${name} via ${route}\n${context}`);
    }
    assert.ok(!JSON.stringify(verdict).includes('Settings-Users-9z!'), 'a provisioned password in the verdict');
    const liveness = verdict.checks.find((c) => c.id === 'api.health.liveness');
    assert.equal(liveness?.status, 'passed', context);
    assert.equal(verdict.checks.find((c) => c.id === 'suite.config'), undefined, `a worker resolved another configuration\n${context}`);
  });
}
