// TripAvail as its code answers today: does the legacy profile pass the healthy `tripavail-today` dialect with nothing
// undecided (API, integrity and the database invariants on its real schema), and fail every disclosed fault that fits
// it at the runbook's severity? One sandbox for the file; each case resets it and switches its fault on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { faultMatrix, type FaultCase } from '../helpers/fault-matrix.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from '../helpers/short-expiry.ts';

const DIALECT = 'tripavail-today';
const PROFILE = 'tripavail-legacy';
/** Operators' race package (the dialect provisions it; the profile names none of its own). */
const env = { HOLDFAST_RACE_STOCK: 'Smoke Race Cabin' };

const api = (c: Omit<FaultCase, 'projects'>): FaultCase => ({ ...c, projects: ['api'] });
const integrity = (c: Omit<FaultCase, 'projects'>): FaultCase => ({ ...c, projects: ['integrity'] });

/** Every disclosed fault that fits today's conversation, and the dialect's own. */
export const todayFaultCases: FaultCase[] = [
  api({ fault: 'api-down', severity: 'P0', caughtBy: 'api.health.liveness' }),
  api({ fault: 'ready-lies', severity: 'P0', caughtBy: 'api.health.readiness' }),
  api({ fault: 'db-down', severity: 'P0', caughtBy: 'api.health.readiness' }),
  api({ fault: 'login-500', severity: 'P0', caughtBy: 'api.auth.sign-in' }),
  api({ fault: 'token-no-expiry', severity: 'P1', caughtBy: 'api.auth.token-expiry' }),
  api({ fault: 'password-in-user', severity: 'P0', caughtBy: 'api.auth.no-password-leak' }),
  api({ fault: 'forged-token-accepted', severity: 'P0', caughtBy: 'api.auth.rejects-bad-tokens' }),
  api({ fault: 'otp-unthrottled', severity: 'P1', caughtBy: 'api.auth.otp-throttle' }),
  api({ fault: 'catalog-empty', severity: 'P0', caughtBy: 'api.catalog.hotels-listed' }),
  api({ fault: 'catalog-drafts', severity: 'P2', caughtBy: 'api.catalog.no-drafts' }),
  api({ fault: 'schema-drift', severity: 'P1', caughtBy: 'api.catalog.schema' }),
  api({ fault: 'quote-tax-wrong', severity: 'P0', caughtBy: 'api.booking.journey' }),
  api({ fault: 'idor-confirm', severity: 'P0', caughtBy: 'api.booking.ownership' }),
  api({ fault: 'hold-foreign-quote', severity: 'P0', caughtBy: 'api.booking.ownership' }),
  api({ fault: 'cancel-foreign-booking', severity: 'P0', caughtBy: 'api.booking.ownership' }),
  api({ fault: 'confirm-twice', severity: 'P0', caughtBy: 'api.state.confirm' }),
  api({ fault: 'no-request-id', severity: 'P2', caughtBy: 'api.cross.request-id' }),
  api({ fault: 'slow-catalog', severity: 'P1', caughtBy: 'api.latency.catalog-p95' }),
  api({ fault: 'slow-hold', severity: 'P1', caughtBy: 'api.latency.booking-steps' }),
  api({ fault: 'flaky-5xx', severity: 'P1', caughtBy: 'api.latency.booking-steps', narrow: true }),
  integrity({ fault: 'overbooking', severity: 'P0', caughtBy: 'integrity.overbooking-race' }),
  integrity({ fault: 'hold-never-expires', severity: 'P1', caughtBy: 'integrity.expiry.swept' }),
  integrity({ fault: 'expiry-keeps-units', severity: 'P0', caughtBy: 'integrity.expiry.units-returned' }),
  integrity({ fault: 'idempotency-ignored', severity: 'P0', caughtBy: 'integrity.idempotency.replay' }),
  integrity({ fault: 'confirm-expired', severity: 'P0', caughtBy: 'integrity.expiry.refused-after' }),
  { fault: 'ledger-unbalanced', severity: 'P0', caughtBy: 'db.confirmed-paid-and-balanced', projects: ['api', 'integrity'] },
];

describe('healthy', () => {
  const sandboxWith = sharedSandbox({ dialect: DIALECT, ...SHORT_EXPIRY });

  test(`the ${PROFILE} profile passes the healthy ${DIALECT} dialect: API, integrity and invariants, nothing in error, nothing left active`, async () => {
    const sandbox = await sandboxWith([]);
    const reportsDir = tempReportsDir(`${DIALECT}-healthy`);
    const run = await runCli(
      ['gate', '--target', sandbox.apiUrl, '--profile', PROFILE, '--environment', 'sandbox', '--load', 'off', '--project', 'api', '--project', 'integrity', '--reports-dir', reportsDir],
      { ...env, HOLDFAST_DATABASE_URL: sandbox.databaseUrl, ...SHORT_EXPIRY_ENV },
    );
    const verdict = readVerdict(reportsDir);
    const summary = verdict.checks.map((c) => `${c.status.padEnd(14)} ${c.severity} ${c.id}${c.reason ? ` — ${c.reason}` : ''}${c.error ? ` — ${c.error.split('\n')[0]}` : ''}`).join('\n');
    const context = `${describeFailures(verdict)}\n${summary}\n--- output tail ---\n${run.stdout.slice(-2000)}${run.stderr.slice(-800)}`;
    assert.deepEqual(verdict.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.error}`), [], context);
    assert.equal(verdict.verdict, 'pass', context);
    assert.equal(run.code, 0, context);
    for (const id of [
      'api.auth.sign-in', 'api.auth.rejects-bad-tokens', 'api.auth.otp-throttle', 'api.auth.token-expiry', 'api.auth.no-password-leak',
      'api.booking.journey', 'api.booking.ownership', 'api.state.hold', 'api.state.pay', 'api.state.confirm', 'api.state.cancel',
      'api.journey.reserve-release', 'integrity.overbooking-race', 'integrity.expiry.swept', 'integrity.expiry.units-returned',
      'integrity.expiry.refused-after', 'integrity.idempotency.replay', 'integrity.idempotency.concurrent',
      'db.mapping', 'db.inventory-within-bounds', 'db.inventory-matches-bookings', 'db.no-overdue-holds', 'db.confirmed-paid-and-balanced', 'cleanup.left-behind',
    ]) {
      assert.equal(verdict.checks.find((c) => c.id === id)?.status, 'passed', `${id} must run and pass\n${context}`);
    }
    assert.deepEqual(secretsIn(reportsDir, [decodeURIComponent(new URL(sandbox.databaseUrl).password)]), [], 'secrets in the reports');

    const db = new pg.Client({ connectionString: sandbox.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT "status"::text AS status, count(*)::int AS n FROM "Booking" WHERE "status" IN ('HOLD','PAYMENT_PENDING','CONFIRMED') GROUP BY 1`);
      assert.deepEqual(rows, [], 'active synthetic bookings left behind by the gate');
    } finally {
      await db.end();
    }
  });
});

// Each case runs only the check that must catch it (the healthy gate above runs everything).
describe('faults', () => faultMatrix(todayFaultCases, { dialect: DIALECT, profile: PROFILE, env, narrow: true }));
