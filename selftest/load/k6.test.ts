// Is the k6 stage judged right: thresholds from the SLO config, a clean bundle, real k6 summaries, the zero-sample trap, no k6?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { buildPlan } from '../../src/load/plan.ts';
import { HandleSummary, summaryToStage } from '../../src/load/summary.ts';
import { requireK6, runLoadStage } from '../../src/load/stage.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { buildThresholds, flowMetric, stepMetric } from '../../load/lib/thresholds.ts';
import { BOOK_STEPS } from '../../load/lib/plan.ts';
import { buildLoadScripts } from '../../load/build.mjs';
import { repoRoot } from '../helpers/run-cli.ts';

const samples = join(repoRoot, '..', 'shared', 'k6-samples');
function sample(name: string): HandleSummary {
  const path = join(samples, name);
  assert.ok(existsSync(path), `k6 sample missing: ${path} (the shared folder must sit beside the repo)`);
  return HandleSummary.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const config = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_SLO_P95_MS: '250', HOLDFAST_SLO_P99_MS: '500', HOLDFAST_SLO_ERROR_RATE: '0.01' });

test('thresholds come from the SLO config, per flow tag, with an abortOnFail hard breach and a reason each', () => {
  const { thresholds, reasons } = buildThresholds(config.slo, ['browse', 'book']);
  assert.deepEqual(thresholds[flowMetric('browse')], ['p(95)<250', 'p(99)<500', { threshold: 'p(95)<500', abortOnFail: true, delayAbortEval: '10s' }]);
  assert.deepEqual(thresholds.http_req_failed, ['rate<0.01']);
  assert.deepEqual(thresholds.checks, ['rate>=0.99']);
  assert.ok(!Object.keys(thresholds).some((k) => k.includes('group:')), 'a threshold on the group tag');
  for (const [metric, list] of Object.entries(thresholds)) {
    for (const t of list) assert.ok(reasons[`${metric} ${typeof t === 'string' ? t : t.threshold}`], `no reason for ${metric} ${JSON.stringify(t)}`);
  }
});

test('the book flow has p95/p99 thresholds per step, each with a reason; no book flow, no step thresholds', () => {
  const { thresholds, reasons } = buildThresholds(config.slo, ['browse', 'book']);
  for (const step of BOOK_STEPS) {
    const metric = stepMetric('book', step);
    assert.equal(metric, `http_req_duration{flow:book,step:${step}}`);
    assert.deepEqual(thresholds[metric], ['p(95)<250', 'p(99)<500'], metric);
    assert.match(reasons[`${metric} p(95)<250`] ?? '', new RegExp(`book ${step}: p95`));
  }
  assert.deepEqual(BOOK_STEPS, ['quote', 'hold', 'pay', 'confirm', 'cancel']);
  const browseOnly = buildThresholds(config.slo, ['browse', 'health']).thresholds;
  assert.ok(!Object.keys(browseOnly).some((k) => k.includes('step:')), 'step thresholds without a book flow would have no samples');
});

test('a slow step fails the stage by name, and a step that received no samples fails too; per-step latency is reported', () => {
  const trend = (count: number, p95: number, thresholds: Record<string, boolean>) => ({
    type: 'trend', contains: 'time', values: { count, med: p95 / 2, 'p(95)': p95, 'p(99)': p95 * 1.2 },
    thresholds: Object.fromEntries(Object.entries(thresholds).map(([t, ok]) => [t, { ok }])),
  });
  const summary = HandleSummary.parse({
    metrics: {
      'http_req_duration{flow:book}': trend(50, 120, { 'p(95)<250': true }),
      'http_req_duration{flow:book,step:quote}': trend(10, 20, { 'p(95)<250': true }),
      'http_req_duration{flow:book,step:hold}': trend(10, 410, { 'p(95)<250': false }),
      'http_req_duration{flow:book,step:confirm}': trend(0, 0, { 'p(95)<250': true }),
    },
  });
  const { checks, steps } = summaryToStage(summary, { 'http_req_duration{flow:book,step:hold} p(95)<250': 'book hold: p95 latency SLO per step' }, 1000);
  assert.equal(checks[0]!.status, 'failed');
  assert.match(checks[0]!.error!, /http_req_duration\{flow:book,step:hold\} p\(95\)<250: observed 410 ms \(book hold: p95 latency SLO per step\)/);
  assert.match(checks[0]!.error!, /http_req_duration\{flow:book,step:confirm\} p\(95\)<250: the metric received no samples/);
  assert.doesNotMatch(checks[0]!.error!, /step:quote/);
  assert.deepEqual(steps.map((s) => s.name).sort(), ['load.book', 'load.book.confirm', 'load.book.hold', 'load.book.quote']);
  assert.equal(steps.find((s) => s.name === 'load.book.hold')!.p95Ms, 410);
});

test('the plan carries the contract paths under the profile prefix, never the race package', () => {
  const plan = buildPlan(config, { summaryPath: '/tmp/s.json', durationSec: 10, rate: 5 });
  assert.equal(plan.paths.hold, '/v1/bookings/hold');
  assert.equal(plan.paths.cancel, '/v1/bookings/:id/cancel/guest');
  assert.equal(plan.paths.preAuthorize, '/v1/payments/pre-authorize');
  assert.equal(plan.paths.confirm, '/v1/bookings/:id/confirm');
  assert.equal(plan.paymentMethod, config.paymentMethod);
  assert.equal(plan.hotelName, 'Romantic Weekend Escape');
  assert.deepEqual(plan.slo, config.slo);
});

test('the bundle is one ES module exporting options and every scenario function, importing only k6', async () => {
  const [script] = await buildLoadScripts();
  const code = readFileSync(script!, 'utf8');
  assert.doesNotMatch(code, /\brequire\(/);
  const imports = [...code.matchAll(/^import .* from ["']([^"']+)["']/gm)].map((m) => m[1]);
  assert.ok(imports.length > 0 && imports.every((i) => i === 'k6' || i!.startsWith('k6/')), `imports: ${imports.join(', ')}`);
  const exported = /export\s*\{([^}]+)\}/.exec(code)?.[1]?.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()) ?? [];
  for (const name of ['options', 'setup', 'browse', 'book', 'health', 'handleSummary']) assert.ok(exported.includes(name), `${name} not exported (exports: ${exported.join(', ')})`);
  assert.doesNotMatch(code, /\bgroup:/, 'a tag named group');
});

test('a passing k6 run passes the SLO check and yields per-flow latency', () => {
  const { checks, steps } = summaryToStage(sample('handle-summary-pass.json'), {}, 4000);
  assert.equal(checks[0]!.status, 'passed', checks[0]!.error);
  assert.deepEqual(steps.map((s) => s.name).sort(), ['load.browse', 'load.health']);
  assert.equal(steps.find((s) => s.name === 'load.browse')!.count, 81);
});

test('a breach fails P1 naming each breached threshold with its value and limit', () => {
  const [check] = summaryToStage(sample('handle-summary-breach.json'), { 'http_req_failed rate<0.001': 'error-rate SLO' }, 4000).checks;
  assert.equal(check!.status, 'failed');
  assert.equal(check!.severity, 'P1');
  assert.match(check!.error!, /http_req_duration\{flow:browse\} p\(95\)<0\.001: observed 1\.7813 ms/);
  assert.match(check!.error!, /http_req_failed rate<0\.001: observed 0\.2059 \(error-rate SLO\)/);
  assert.match(check!.error!, /checks rate==1: observed 0\.7941/);
  assert.doesNotMatch(check!.error!, /p\(99\)<400/);
});

test('the group-tag trap (k6 exit 0, an impossible threshold "holding" on zero samples) fails the gate', () => {
  const [check] = summaryToStage(sample('handle-summary-group-tag-trap.json'), {}, 4000).checks;
  assert.equal(check!.status, 'failed');
  assert.match(check!.error!, /http_req_duration\{group:browse\} p\(95\)<0\.001: the metric received no samples/);
});

test('no k6: --load on is a one-line usage error; auto skips with the reason', async () => {
  const env = { PATH: '/nonexistent', K6_BIN: '' };
  assert.throws(() => requireK6('on', env), (e: unknown) => e instanceof UsageError && /^k6 not found: set K6_BIN/.test(e.message) && !e.message.includes('\n'));
  const { checks } = await runLoadStage({ config, mode: 'auto', env });
  assert.equal(checks[0]!.status, 'skipped');
  assert.match(checks[0]!.reason!, /k6 not found/);
  await assert.rejects(runLoadStage({ config, mode: 'on', env }), UsageError);
});
