// One suite, five systems: does the same gate pass each healthy dialect and catch its overselling race with P0?
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { worstFailure } from '../../src/verdict/schema.ts';
import { gate } from '../helpers/dialect-gate.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';

for (const dialect of ['travellr', 'soleil', 'servicelink', 'erp']) describe(dialect, () => {
  const sandboxWith = sharedSandbox({ dialect });

  test(`${dialect}: the gate passes the healthy dialect, journey and race included`, async () => {
    const { run, verdict, context, status } = await gate(await sandboxWith([]));
    assert.equal(verdict.verdict, 'pass', context);
    assert.equal(run.code, 0, context);
    assert.equal(verdict.profile, dialect);
    // With the dialect's rate limits on: nothing the suite could not decide, and the generic checks run on every system.
    assert.deepEqual(verdict.checks.filter((c) => c.status === 'error').map((c) => c.id), [], context);
    for (const id of ['api.health.liveness', 'api.auth.sign-in', 'api.auth.password-login', 'api.auth.rejects-bad-tokens', 'api.auth.no-password-leak', 'api.journey.reserve-release', 'integrity.overbooking-race', 'integrity.race.no-5xx', 'api.runbook.drift', 'api.contract.drift', 'api.latency.catalog-p95']) {
      assert.equal(status(id), 'passed', `${id} should run and pass\n${context}`);
    }
    // Not applicable only where the profile says why (its gaps), or where the check needs the TripAvail contract or a web app.
    const { profiles } = await import('../../src/profiles/index.ts');
    for (const c of verdict.checks.filter((c) => c.status === 'not-applicable')) {
      const explained = Object.hasOwn(profiles[dialect]!.gaps, c.id) || /TripAvail contract|HOLDFAST_WEB_URL|HOLDFAST_DATABASE_URL/.test(c.reason ?? '');
      assert.ok(explained, `${c.id} is not applicable without a gap saying why: ${c.reason}\n${context}`);
    }
    for (const id of ['api.booking.journey', 'api.catalog.hotels-listed', 'db.invariants']) assert.equal(status(id), 'not-applicable', `${id}\n${context}`);
  });

  test(`${dialect}: --fault overbooking fails the gate with P0 from the race`, async () => {
    const { run, verdict, context, status } = await gate(await sandboxWith(['overbooking']), 'integrity.overbooking-race');
    assert.equal(run.code, 1, context);
    assert.equal(status('integrity.overbooking-race'), 'failed', context);
    assert.equal(worstFailure(verdict.checks), 'P0', context);
  });
});
