// Does the gate pass a healthy sandbox, leave nothing behind, and keep every secret out of its reports?
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startSandbox } from '../../sandbox/index.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from '../helpers/run-cli.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from '../helpers/short-expiry.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0, ...SHORT_EXPIRY, webHoldTtlSeconds: 120 });
});
after(async () => sandbox?.stop());

const gateArgs = (reportsDir: string) => [
  'gate', '--target', sandbox.apiUrl, '--web-url', sandbox.webUrl, '--environment', 'sandbox',
  '--load', 'auto', '--reports-dir', reportsDir,
];

test('the healthy sandbox passes the whole gate, and no synthetic hold is left active', async () => {
  const reportsDir = tempReportsDir('healthy');
  const run = await runCli(gateArgs(reportsDir), { HOLDFAST_DATABASE_URL: sandbox.databaseUrl, ...SHORT_EXPIRY_ENV });
  const verdict = readVerdict(reportsDir);
  assert.equal(verdict.verdict, 'pass', `${describeFailures(verdict)}\n${run.stdout.slice(-3000)}`);
  assert.equal(run.code, 0);
  const ran = verdict.checks.filter((c) => c.status === 'passed').map((c) => c.id);
  for (const id of ['api.health.readiness', 'api.booking.journey', 'integrity.overbooking-race', 'integrity.expiry.units-returned', 'integrity.idempotency.concurrent', 'db.inventory-matches-bookings']) {
    assert.ok(ran.includes(id), `${id} did not pass (it must run, not skip): ${JSON.stringify(verdict.checks.find((c) => c.id === id))}`);
  }
  assert.ok(verdict.steps.some((s) => s.name === 'booking.quote' && s.count > 0), 'per-step latency recorded');
  // api and integrity ran as one Playwright project; each check still reports the stage of its folder.
  const stageOf = (id: string) => verdict.checks.find((c) => c.id === id)?.stage;
  assert.deepEqual([stageOf('api.booking.journey'), stageOf('integrity.overbooking-race'), stageOf('web.booking.journey')], ['api', 'integrity', 'web']);
  // The state matrices and the expiry checks took their holds from the run's expiring holds and tried every cell.
  for (const id of ['api.state.pay', 'api.state.confirm', 'integrity.expiry.swept', 'integrity.expiry.refused-after']) {
    assert.equal(verdict.checks.find((c) => c.id === id)?.status, 'passed', `${id}: ${JSON.stringify(verdict.checks.find((c) => c.id === id))}`);
  }

  const db = new pg.Client({ connectionString: sandbox.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "Booking" WHERE status IN ('HOLD','PAYMENT_PENDING','CONFIRMED')`);
    assert.equal(rows[0].n, 0, 'active synthetic bookings left behind by the gate');
  } finally {
    await db.end();
  }

  assert.deepEqual(secretsIn(reportsDir, [decodeURIComponent(new URL(sandbox.databaseUrl).password)]), []);
});

test('smoke runs only non-destructive @smoke checks against production', async () => {
  const reportsDir = tempReportsDir('smoke');
  const run = await runCli(['smoke', '--target', sandbox.apiUrl, '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity'], SHORT_EXPIRY_ENV);
  const verdict = readVerdict(reportsDir);
  assert.equal(verdict.verdict, 'pass', `${describeFailures(verdict)}\n${run.stdout.slice(-2000)}`);
  assert.ok(verdict.checks.length > 0);
  assert.ok(!verdict.checks.some((c) => c.id.startsWith('integrity.') && c.status === 'passed' && c.id !== 'integrity.expiry.ttl'), 'a destructive check ran in production smoke');
});

test('asking for destructive checks against production is one line and exit 2', async () => {
  const run = await runCli(['gate', '--target', sandbox.apiUrl, '--project', 'integrity', '--load', 'off']);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /--allow-destructive/);
});

test('as part of a production gate, destructive checks are skipped with the reason', async () => {
  const reportsDir = tempReportsDir('prod-gate');
  const run = await runCli(['gate', '--target', sandbox.apiUrl, '--project', 'integrity', '--project', 'api', '--load', 'off', '--reports-dir', reportsDir, '--grep', 'race|swept']);
  const verdict = readVerdict(reportsDir);
  const race = verdict.checks.find((c) => c.id === 'integrity.overbooking-race');
  assert.equal(race?.status, 'skipped', JSON.stringify(race));
  assert.match(race?.reason ?? '', /HOLDFAST_ENVIRONMENT=production/);
  assert.match(run.stdout, /destructive checks skipped/);
});
