// Does the incident book page once per cause, remind sparingly, damp a flapping target, and resolve with the story?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncidentBook, type Notice } from '../../src/monitor/incidents.ts';
import { pageMessage } from '../../src/monitor/page-message.ts';
import type { Check } from '../../src/verdict/schema.ts';

const MIN = 60_000;
const check = (id: string, status: string, severity: Check['severity'] = 'P0', error = `${id} broke`): Check =>
  ({ id, title: id, status, severity, stage: 'monitor', durationMs: 1, ...(status !== 'passed' ? { error, requestId: `req-${id}` } : {}) }) as Check;
const apiChecks = ['api.health.liveness', 'api.health.readiness', 'api.auth.sign-in', 'api.catalog.hotels-listed', 'api.booking.journey'];
const down = () => apiChecks.map((id) => check(id, 'failed'));
const up = () => apiChecks.map((id) => check(id, 'passed'));

function driver(book: IncidentBook) {
  let t = 0;
  return (checks: Check[], at = (t += MIN)) => {
    t = at;
    return book.update({ checks, startedAt: at, now: at, reportPath: `/r/${at}.json` }).map((n) => n.kind);
  };
}

test('target down: one page, quiet within the reminder window, reminded after it, resolved after two green cycles', () => {
  const cycle = driver(new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 2 }));
  assert.deepEqual(cycle(down(), 0), ['open']);
  assert.deepEqual(cycle(down(), 5 * MIN), []);
  assert.deepEqual(cycle(down(), 30 * MIN), ['remind']);
  assert.deepEqual(cycle(up(), 35 * MIN), []);
  assert.deepEqual(cycle(up(), 40 * MIN), ['resolve']);
  assert.deepEqual(cycle(up(), 45 * MIN), []);
});

test('a target back for one cycle that fails again keeps its incident: no second page, the flap is counted', () => {
  const book = new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 2 });
  const notices: Notice[] = [];
  const at = [0, 1, 2, 3, 4, 5, 6].map((n) => n * MIN);
  for (const [i, checks] of [down(), up(), down(), up(), down(), up(), up()].entries()) {
    notices.push(...book.update({ checks, startedAt: at[i]!, now: at[i]! }));
  }
  assert.deepEqual(notices.map((n) => n.kind), ['open', 'resolve']);
  const resolved = notices[1]!.incident;
  assert.equal(resolved.failedCycles, 3);
  assert.equal(resolved.flaps, 2);
  assert.equal(resolved.recoveredAt, 5 * MIN);
  assert.match(pageMessage(notices[1]!, 'http://green:4100').text, /RESOLVED: target down on http:\/\/green:4100 after 5 min, 3 failed cycles, flapped 2 times/);
});

test('--resolve-after 1 resolves on the first green cycle', () => {
  const cycle = driver(new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 1 }));
  assert.deepEqual(cycle(down()), ['open']);
  assert.deepEqual(cycle(up()), ['resolve']);
});

test('two independent causes page separately, each with its own severity, and resolve separately', () => {
  const book = new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 1 });
  const broken = [...up().filter((c) => !/catalog|booking/.test(c.id)), check('api.catalog.hotels-listed', 'failed'), check('api.booking.journey', 'failed'), check('monitor.hold-expired', 'failed', 'P1')];
  const opened = book.update({ checks: broken, startedAt: 0, now: 0 });
  assert.deepEqual(opened.map((n) => [n.kind, n.incident.title, n.incident.severity, n.incident.affected.map((c) => c.id)]), [
    ['open', 'api.catalog.hotels-listed', 'P0', ['api.booking.journey']],
    ['open', 'monitor.hold-expired', 'P1', []],
  ]);
  // The probe's check appears only on the cycles where a hold falls due: absent, it neither fails nor resolves.
  assert.deepEqual(book.update({ checks: up(), startedAt: MIN, now: MIN }).map((n) => [n.kind, n.incident.title]), [['resolve', 'api.catalog.hotels-listed']]);
  assert.deepEqual(book.open, ['monitor.hold-expired']);
  assert.deepEqual(book.update({ checks: [check('monitor.hold-expired', 'passed', 'P1')], startedAt: 2 * MIN, now: 2 * MIN }).map((n) => n.kind), ['resolve']);
});

test('a cause swallowed by a later outage stays open quietly and does not resolve while it is down', () => {
  const cycle = driver(new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 1 }));
  const catalogBroken = () => [...up().filter((c) => !/catalog|booking/.test(c.id)), check('api.catalog.hotels-listed', 'failed'), check('api.booking.journey', 'failed')];
  assert.deepEqual(cycle(catalogBroken()), ['open']);
  assert.deepEqual(cycle(down()), ['open']);
  assert.deepEqual(cycle(catalogBroken()), ['resolve']);
  assert.deepEqual(cycle(up()), ['resolve']);
});

test('the page tells the story: first failure and since when, affected checks, request ids, severity, report; no secret', () => {
  const book = new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 1 });
  const checks = [check('api.health.liveness', 'failed', 'P0', 'connect ECONNREFUSED; Bearer abc.def.ghi'), ...apiChecks.slice(1).map((id) => check(id, id === 'api.auth.sign-in' ? 'error' : 'failed'))];
  const [notice] = book.update({ checks, startedAt: Date.parse('2026-11-24T10:15:00Z'), now: Date.parse('2026-11-24T10:15:02Z'), reportPath: '/reports/monitor-cycles/x.json' });
  const { text } = pageMessage(notice!, 'http://green:4100');
  assert.match(text, /^:rotating_light: P0 FAILING: target down on http:\/\/green:4100$/m);
  assert.match(text, /^first failure: api\.health\.liveness: connect ECONNREFUSED.* since 2026-11-24T10:15:00\.000Z$/m);
  assert.match(text, /^checks affected \(4\): api\.health\.readiness, api\.auth\.sign-in \(suite error\), api\.catalog\.hotels-listed, api\.booking\.journey$/m);
  assert.match(text, /^last request ids: req-api\.health\.liveness, req-api\.health\.readiness, /m);
  assert.match(text, /^severity: P0 \(outage/m);
  assert.match(text, /^action: the API is down or unreachable/m);
  assert.match(text, /^report: \/reports\/monitor-cycles\/x\.json$/m);
  assert.doesNotMatch(text, /abc\.def\.ghi/);
});

test('a check the suite could not run pages like a failure, labelled as a suite error', () => {
  const book = new IncidentBook({ reminderMs: 30 * MIN, resolveAfterCycles: 1 });
  const checks = [...up().filter((c) => !/catalog|booking/.test(c.id)), check('api.catalog.hotels-listed', 'error', 'P0', 'TypeError: x is undefined')];
  const [notice] = book.update({ checks, startedAt: 0, now: 0 });
  assert.match(pageMessage(notice!, 'http://green:4100').text, /^:rotating_light: P0 FAILING: api\.catalog\.hotels-listed \(suite error\) on http:\/\/green:4100$/m);
});
