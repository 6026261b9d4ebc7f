// Does a Playwright result become the right check, and does the run's verdict follow its worst failure?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { toCheck } from '../../src/verdict/reporter.ts';
import { decide, worstFailure, type Check } from '../../src/verdict/schema.ts';
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
