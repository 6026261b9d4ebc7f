// Does a cycle's failures group by cause: target down swallows its dependents, independent causes stay apart?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFailures, TARGET_DOWN } from '../../src/monitor/causes.ts';
import type { Check } from '../../src/verdict/schema.ts';

const check = (id: string, status: string, severity: Check['severity'] = 'P0'): Check =>
  ({ id, title: id, status, severity, stage: 'monitor', durationMs: 1, ...(status !== 'passed' ? { error: `${id} broke`, requestId: `req-${id}` } : {}) }) as Check;

const summary = (checks: Check[]) => groupFailures(checks).map((g) => ({ key: g.key, root: g.root.id, affected: g.affected.map((c) => c.id), severity: g.severity }));

test('an unreachable target is one cause, every API check listed inside it', () => {
  const down = ['api.health.liveness', 'api.health.readiness', 'api.auth.sign-in', 'api.catalog.hotels-listed', 'api.booking.journey', 'some.future.check'].map((id) => check(id, 'failed'));
  assert.deepEqual(summary(down), [{
    key: TARGET_DOWN, root: 'api.health.liveness', severity: 'P0',
    affected: ['api.health.readiness', 'api.auth.sign-in', 'api.catalog.hotels-listed', 'api.booking.journey', 'some.future.check'],
  }]);
  assert.equal(groupFailures([check('target.reachable', 'failed'), check('api.health.liveness', 'failed')])[0]?.root.id, 'target.reachable');
});

test('an empty catalog takes the booking journey with it; a stuck hold is its own cause with its own severity', () => {
  const cycle = [
    check('api.health.liveness', 'passed'), check('api.health.readiness', 'passed'), check('api.auth.sign-in', 'passed'),
    check('api.catalog.hotels-listed', 'failed'), check('api.booking.journey', 'failed'), check('monitor.hold-expired', 'failed', 'P1'),
  ];
  assert.deepEqual(summary(cycle), [
    { key: 'api.catalog.hotels-listed', root: 'api.catalog.hotels-listed', affected: ['api.booking.journey'], severity: 'P0' },
    { key: 'monitor.hold-expired', root: 'monitor.hold-expired', affected: [], severity: 'P1' },
  ]);
});

test('database invariants do not hang off the API; P2 findings never group; a suite error counts as failing', () => {
  const cycle = [check('api.health.liveness', 'failed'), check('db.inventory-non-negative', 'failed'), check('api.cross.request-id', 'failed', 'P2'), check('api.auth.sign-in', 'error')];
  assert.deepEqual(summary(cycle), [
    { key: TARGET_DOWN, root: 'api.health.liveness', affected: ['api.auth.sign-in'], severity: 'P0' },
    { key: 'db.inventory-non-negative', root: 'db.inventory-non-negative', affected: [], severity: 'P0' },
  ]);
});
