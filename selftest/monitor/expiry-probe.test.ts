// Does the monitor catch a dead expiry worker that no single run can wait out: a hold left by one cycle, verified by a later one?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startSandbox } from '../../sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import { EXPIRY_CHECK_ID } from '../../src/monitor/expiry-probe.ts';
import { Monitor } from '../../src/monitor/command.ts';
import { tempReportsDir } from '../helpers/run-cli.ts';

const shortExpiry = { HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250' };

function monitorOf(env: Record<string, string>) {
  return new Monitor(loadConfig({ ...shortExpiry, ...env }), { reminderMs: 3_600_000 });
}

async function untilDue(stateFile: string) {
  const { dueAt } = JSON.parse(readFileSync(stateFile, 'utf8')) as { dueAt: string };
  const { met } = await pollUntil(async () => Date.now(), (now) => now >= Date.parse(dueAt), Date.now() + 10_000);
  assert.ok(met, 'the probe hold should fall due within 10 s');
}

test('a later monitor process verifies, through the database, that the hold an earlier one left has expired', async () => {
  const sandbox = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250 });
  try {
    const reportsDir = tempReportsDir('expiry-probe');
    const stateFile = join(reportsDir, 'monitor-expiry-probe.json');
    const first = await monitorOf({ HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_REPORTS_DIR: reportsDir }).cycle();
    assert.equal(first.checks.find((c) => c.id === EXPIRY_CHECK_ID), undefined, 'nothing to verify on the first cycle');
    assert.ok(existsSync(stateFile), 'the first cycle records its hold');
    assert.doesNotMatch(readFileSync(stateFile, 'utf8'), /eyJ|token|password/i, 'the state file holds no secret');
    await untilDue(stateFile);

    const later = monitorOf({ HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_REPORTS_DIR: reportsDir, HOLDFAST_DATABASE_URL: sandbox.databaseUrl });
    const second = await later.cycle();
    const probe = second.checks.find((c) => c.id === EXPIRY_CHECK_ID);
    assert.equal(probe?.status, 'passed', JSON.stringify(probe));
    await later.close();
    assert.equal(existsSync(stateFile), false, 'a closed monitor leaves no probe hold behind');
  } finally {
    await sandbox.stop();
  }
});

test('with hold-never-expires the next cycle fails P1 naming the hold, and releases it', async () => {
  const sandbox = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250, faults: ['hold-never-expires'] });
  const db = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  try {
    const reportsDir = tempReportsDir('expiry-probe-dead');
    const stateFile = join(reportsDir, 'monitor-expiry-probe.json');
    const monitor = monitorOf({ HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_REPORTS_DIR: reportsDir });
    await monitor.cycle();
    const { bookingId } = JSON.parse(readFileSync(stateFile, 'utf8')) as { bookingId: string };
    await untilDue(stateFile);
    const result = await monitor.cycle();
    const probe = result.checks.find((c) => c.id === EXPIRY_CHECK_ID);
    assert.equal(probe?.status, 'failed', JSON.stringify(probe));
    assert.equal(probe?.severity, 'P1');
    assert.match(probe?.error ?? '', new RegExp(`hold ${bookingId} is still HOLD \\d+ s after its expiry`));
    const { rows } = await db.query(`SELECT "status" FROM "Booking" WHERE "id" = $1`, [bookingId]);
    assert.equal(rows[0]?.status, 'CANCELLED_BY_GUEST', 'the stuck probe hold is released');
    await monitor.close();
  } finally {
    await db.end();
    await sandbox.stop();
  }
});
