// Does a Playwright result become the right check, and does the run's verdict follow its worst failure?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { toCheck } from '../../src/verdict/reporter.ts';
import { decide, exitCodeOf, worstFailure, type Check } from '../../src/verdict/schema.ts';
import { alignJunit } from '../../src/verdict/report-statuses.ts';
import { formatSummary } from '../../src/cli/summary.ts';

function fakeTest(title: string, annotations: { type: string; description?: string }[]): TestCase {
  return {
    id: title,
    annotations,
    titlePath: () => ['', 'api', 'booking.spec.ts', title],
    parent: { project: () => ({ name: 'api' }) },
  } as unknown as TestCase;
}

function fakeResult(status: TestResult['status'], extra: Partial<TestResult> = {}): TestResult {
  return { status, duration: 12.4, errors: [], annotations: [], attachments: [], ...extra } as unknown as TestResult;
}

const meta = [
  { type: 'check', description: 'api.booking.journey' },
  { type: 'severity', description: 'P0' },
];

test('a failed test becomes a failed check with its severity, a clean error and the request id', () => {
  const check = toCheck(
    fakeTest('books a stay @smoke @gate', meta),
    fakeResult('failed', { errors: [{ message: '\u001b[31mbooking.quote: expected 201, got 500 [POST http://x/v1/bookings/quote · request id 3f2a9c1e-1111-4222-8333-944445555666]\u001b[39m' }] }),
  );
  assert.equal(check.id, 'api.booking.journey');
  assert.equal(check.status, 'failed');
  assert.equal(check.severity, 'P0');
  assert.equal(check.title, 'books a stay');
  assert.equal(check.requestId, '3f2a9c1e-1111-4222-8333-944445555666');
  assert.doesNotMatch(check.error ?? '', /\u001b/);
});

test('a timed-out test fails; a skip keeps its reason; not-applicable is told apart', () => {
  assert.equal(toCheck(fakeTest('t', meta), fakeResult('timedOut')).status, 'failed');
  const skipped = toCheck(fakeTest('t', meta), fakeResult('skipped', { annotations: [{ type: 'skip', description: 'destructive check not run' }] }));
  assert.equal(skipped.status, 'skipped');
  assert.equal(skipped.reason, 'destructive check not run');
  const na = toCheck(fakeTest('t', meta), fakeResult('skipped', { annotations: [{ type: 'not-applicable', description: 'no readiness probe' }] }));
  assert.equal(na.status, 'not-applicable');
});

test('the verdict fails on any failed check, and skipped checks never make a pass', () => {
  const c = (status: Check['status'], severity: Check['severity']): Check => ({ id: `${status}-${severity}`, title: '', status, severity, stage: 'api', durationMs: 1 });
  assert.equal(decide([c('passed', 'P0'), c('skipped', 'P0')]), 'pass');
  assert.equal(decide([c('passed', 'P0'), c('failed', 'P2')]), 'fail');
  assert.equal(worstFailure([c('failed', 'P2'), c('failed', 'P0'), c('failed', 'P1')]), 'P0');
  assert.equal(worstFailure([c('passed', 'P0')]), undefined);
});

test('the summary fits one screen and puts the worst first', () => {
  const checks: Check[] = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, title: '', status: 'failed', severity: i === 29 ? 'P0' : 'P2', stage: 'api', durationMs: 1, error: 'boom' }));
  const text = formatSummary({ runId: 'r', target: 't', profile: 'p', environment: 'sandbox', startedAt: '', durationMs: 1000, verdict: 'fail', checks, steps: [] }, 'reports/verdict.json');
  const lines = text.split('\n');
  assert.ok(lines.length < 24, `${lines.length} lines`);
  assert.match(lines[3] ?? '', /P0 c29/);
});

test("the suite's own errors are `error`, never `failed`; one target failure among them makes it `failed`", () => {
  const suite = { message: 'SuiteError: reading free units: column p.roomId does not exist — to fix: check the table mapping (HOLDFAST_TABLES)' };
  const check = toCheck(fakeTest('t', meta), fakeResult('failed', { errors: [suite] }));
  assert.equal(check.status, 'error');
  assert.equal(check.error, 'reading free units: column p.roomId does not exist');
  assert.match(check.fix ?? '', /HOLDFAST_TABLES/);
  const mixed = toCheck(fakeTest('t', meta), fakeResult('failed', { errors: [suite, { message: 'booking.quote: expected 201, got 500' }] }));
  assert.equal(mixed.status, 'failed');
});

test('a check that examined nothing is an error, not a pass; its evidence is counted', () => {
  const nothing = toCheck(fakeTest('t', meta), fakeResult('passed'));
  assert.equal(nothing.status, 'error');
  assert.match(nothing.error ?? '', /examined nothing/);
  const timings = { name: 'holdfast-timings', contentType: 'application/json', body: Buffer.from(JSON.stringify([{ step: 'a', ms: 1 }, { step: 'b', ms: 2 }])) };
  const examined = toCheck(fakeTest('t', meta), fakeResult('passed', { attachments: [timings] } as Partial<TestResult>));
  assert.equal(examined.status, 'passed');
  assert.deepEqual(examined.evidence, { requests: 2 });
  const needsForgeries = [...meta, { type: 'requires-evidence', description: 'forgeries' }];
  const noForgeries = toCheck(fakeTest('t', needsForgeries), fakeResult('passed', { attachments: [timings] } as Partial<TestResult>));
  assert.equal(noForgeries.status, 'error');
  assert.match(noForgeries.error ?? '', /examined no forgeries/);
  const forged = toCheck(fakeTest('t', needsForgeries), fakeResult('passed', { attachments: [timings], annotations: [{ type: 'evidence', description: JSON.stringify({ kind: 'forgeries', count: 8 }) }] } as Partial<TestResult>));
  assert.equal(forged.status, 'passed');
  assert.equal(forged.evidence?.forgeries, 8);
});

test('errors without failures make the run inconclusive (exit 3); a failure still decides fail (exit 1)', () => {
  const c = (status: Check['status']): Check => ({ id: status, title: '', status, severity: 'P0', stage: 'api', durationMs: 1 });
  assert.equal(decide([c('passed'), c('error')]), 'inconclusive');
  assert.equal(decide([c('error'), c('failed')]), 'fail');
  assert.deepEqual([exitCodeOf.pass, exitCodeOf.fail, exitCodeOf.inconclusive], [0, 1, 3]);
});

test('JUnit says <error> for error checks and <failure> for failed ones, with the counts to match', () => {
  const xml = [
    '<testsuites failures="0" errors="2"><testsuite name="a" failures="0" errors="2">',
    '<testcase name="x"><properties><property name="check" value="api.x"></property></properties><error message="m" type="UnexpectedStatusError"></error></testcase>',
    '<testcase name="y"><properties><property name="check" value="db.y"></property></properties><error message="m" type="SuiteError"></error></testcase>',
    '<testcase name="z"><properties><property name="check" value="api.z"></property></properties><failure message="m" type="FAILURE"></failure></testcase>',
    '</testsuite></testsuites>',
  ].join('');
  const status: Record<string, Check['status']> = { 'api.x': 'failed', 'db.y': 'error', 'api.z': 'error' };
  const out = alignJunit(xml, (id) => status[id]);
  assert.match(out, /value="api.x"><\/property><\/properties><failure message="m"/);
  assert.match(out, /value="db.y"><\/property><\/properties><error message="m"/);
  assert.match(out, /value="api.z"><\/property><\/properties><error message="m"/);
  assert.match(out, /<testsuites failures="1" errors="2">/);
  assert.match(out, /<testsuite name="a" failures="1" errors="2">/);
});
