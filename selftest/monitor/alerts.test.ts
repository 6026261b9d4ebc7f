// Does the alert book page once, remind sparingly and resolve once, and only for P0/P1?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertBook, runbookAction } from '../../src/monitor/alerts.ts';
import { alertMessage } from '../../src/monitor/webhook.ts';
import type { Check } from '../../src/verdict/schema.ts';

const check = (id: string, status: Check['status'], severity: Check['severity'] = 'P0'): Check => ({ id, title: id, status, severity, stage: 'monitor', durationMs: 1, ...(status === 'failed' ? { error: 'boom', requestId: 'req-1' } : {}) });
const MIN = 60_000;

test('open once, quiet within the reminder window, remind after it, resolve once', () => {
  const book = new AlertBook(30 * MIN);
  assert.deepEqual(book.update([check('api.booking.journey', 'failed')], 0).map((a) => a.kind), ['open']);
  assert.deepEqual(book.update([check('api.booking.journey', 'failed')], 5 * MIN), []);
  assert.deepEqual(book.update([check('api.booking.journey', 'failed')], 29 * MIN), []);
  assert.deepEqual(book.update([check('api.booking.journey', 'failed')], 30 * MIN).map((a) => a.kind), ['remind']);
  assert.deepEqual(book.update([check('api.booking.journey', 'failed')], 35 * MIN), []);
  const resolved = book.update([check('api.booking.journey', 'passed')], 40 * MIN);
  assert.deepEqual(resolved.map((a) => [a.kind, a.openedAt]), [['resolve', 0]]);
  assert.deepEqual(book.update([check('api.booking.journey', 'passed')], 45 * MIN), []);
});

test('P2 findings never page; skipped checks neither open nor resolve', () => {
  const book = new AlertBook(MIN);
  assert.deepEqual(book.update([check('api.cross.request-id', 'failed', 'P2')], 0), []);
  book.update([check('api.health.readiness', 'failed')], 0);
  assert.deepEqual(book.update([check('api.health.readiness', 'skipped')], MIN / 2), []);
  assert.deepEqual(book.open, ['api.health.readiness']);
});

test('the message carries the check, severity, request id and the runbook action, and no secret', () => {
  const failing = { ...check('api.health.readiness', 'failed'), error: 'Bearer abc.def.ghi rejected' };
  const { text } = alertMessage({ kind: 'open', check: failing, openedAt: 0 }, 'http://green:4100');
  assert.match(text, /P0 FAILING: api\.health\.readiness on http:\/\/green:4100/);
  assert.match(text, /request id: req-1/);
  assert.match(text, new RegExp(runbookAction('api.health.readiness').slice(0, 30).replace(/[.*+?^${}()|[\]\\']/g, '\\$&')));
  assert.doesNotMatch(text, /abc\.def\.ghi/);
});
