// Is the k6 stage judged right: the plan per profile, thresholds from its SLOs, a clean bundle, real k6 summaries, the zero-sample trap, no k6?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { buildPlan, loadSecrets } from '../../src/load/plan.ts';
import { HandleSummary, summaryToStage } from '../../src/load/summary.ts';
import { requireK6, runLoadStage } from '../../src/load/stage.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { buildThresholds, flowMetric, flowRequests, stepMetric } from '../../load/lib/thresholds.ts';
import { bookSteps, decodeSetupFailure, encodeSetupFailure, type LoadPlan } from '../../load/lib/plan.ts';
import { SuiteError } from '../../src/verdict/suite-error.ts';
import { buildLoadScripts } from '../../load/build.mjs';
import { repoRoot, tempReportsDir } from '../helpers/run-cli.ts';

const samples = join(repoRoot, '..', 'shared', 'k6-samples');
function sample(name: string): HandleSummary {
  const path = join(samples, name);
  assert.ok(existsSync(path), `k6 sample missing: ${path} (the shared folder must sit beside the repo)`);
  return HandleSummary.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const config = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_SLO_P95_MS: '250', HOLDFAST_SLO_P99_MS: '500', HOLDFAST_SLO_ERROR_RATE: '0.01' });
const plan = buildPlan(config, { summaryPath: '/tmp/s.json', durationSec: 10, rate: 5 });
const legacy = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_PROFILE: 'tripavail-legacy' });

test('thresholds come from the plan\'s SLOs, per flow tag, with an abortOnFail hard breach and a reason each', () => {
  const { thresholds, reasons } = buildThresholds(plan);
  assert.deepEqual(thresholds[flowMetric('browse')], ['p(95)<250', 'p(99)<500', { threshold: 'p(95)<500', abortOnFail: true, delayAbortEval: '10s' }]);
  assert.deepEqual(thresholds['http_req_failed{phase:run}'], ['rate<0.01']);
  assert.deepEqual(thresholds['checks{phase:run}'], ['rate>=0.99']);
  assert.equal(thresholds.http_req_failed, undefined, 'setup requests would count against the error budget');
  assert.ok(!Object.keys(thresholds).some((k) => k.includes('group:')), 'a threshold on the group tag');
  for (const [metric, list] of Object.entries(thresholds)) {
    for (const t of list) assert.ok(reasons[`${metric} ${typeof t === 'string' ? t : t.threshold}`], `no reason for ${metric} ${JSON.stringify(t)}`);
  }
  assert.match(reasons['http_req_failed{phase:run} rate<0.01'] ?? '', /1 % of the requests a working script made/);
});

test('the book flow has p95/p99 thresholds per step from the profile\'s runbook, each with a reason; no book flow, no step thresholds', () => {
  const { thresholds, reasons } = buildThresholds(plan);
  for (const step of bookSteps(plan.conversation.book)) {
    const metric = stepMetric('book', step);
    assert.equal(metric, `http_req_duration{flow:book,step:${step}}`);
    assert.deepEqual(thresholds[metric], ['p(95)<250', 'p(99)<500'], metric);
    assert.match(reasons[`${metric} p(95)<250`] ?? '', new RegExp(`book ${step}: p95 latency SLO per step \\(250 ms, HOLDFAST_SLO_\\*\\)`));
  }
  assert.deepEqual(bookSteps(plan.conversation.book), ['quote', 'hold', 'pay', 'confirm', 'cancel']);
  const runbook = buildThresholds(buildPlan(legacy, { summaryPath: '/tmp/s.json' }));
  assert.deepEqual(runbook.thresholds[stepMetric('book', 'hold')], ['p(95)<200', 'p(99)<400']);
  assert.match(runbook.reasons['http_req_duration{flow:book,step:hold} p(95)<200'] ?? '', /200 ms, tripavail-legacy runbook SLO/);
  const browseOnly = buildThresholds({ ...plan, rates: { browse: 5, book: 0, health: 1 } }).thresholds;
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

/** A request of the plan's conversation, by step name (sign-in requests included). */
function requestOf(p: LoadPlan, step: string) {
  const c = p.conversation;
  const all = [...p.auth.fresh, ...p.auth.provisioned, ...(p.auth.check ? [p.auth.check] : []), c.readiness, ...c.stock, ...c.browse, ...flowRequests(p, 'book'), ...c.health];
  const found = all.find((r) => r.step === step);
  assert.ok(found, `no step ${step} in ${p.profile}'s plan`);
  return found!;
}

test('tripavail\'s plan: contract routes under the prefix, password sign-in, 409 sold-out, holds cancellable, never the race package', () => {
  assert.deepEqual(requestOf(plan, 'hold').route, { method: 'POST', path: '/v1/bookings/hold', ok: 201 });
  assert.deepEqual(requestOf(plan, 'cancel').route, { method: 'POST', path: '/v1/bookings/:id/cancel/guest', ok: 200 });
  assert.deepEqual(requestOf(plan, 'pay').route, { method: 'POST', path: '/v1/payments/pre-authorize', ok: 201 });
  assert.deepEqual(requestOf(plan, 'confirm').route, { method: 'POST', path: '/v1/bookings/:id/confirm', ok: 200 });
  assert.equal(plan.auth.style, 'password');
  assert.deepEqual(plan.auth.fresh.map((r) => r.route), [{ method: 'POST', path: '/v1/auth/register', ok: 201 }]);
  assert.deepEqual(plan.auth.check?.route, { method: 'GET', path: '/v1/auth/me', ok: 200 });
  assert.equal(plan.auth.sessions, 'per-vu');
  assert.deepEqual(requestOf(plan, 'hold').refusals, [{ status: 409, code: 'INSUFFICIENT_INVENTORY' }]);
  assert.equal(plan.conversation.book.sell, 'alternate');
  assert.equal(plan.conversation.book.releaseNeedsConfirm, false);
  assert.equal(plan.vars.paymentMethod, config.paymentMethod);
  assert.equal(plan.vars.stock, 'Romantic Weekend Escape');
  assert.match(JSON.stringify(plan.conversation.stock), /Romantic Weekend Escape|\{\{stock\}\}/);
  assert.doesNotMatch(JSON.stringify(plan), /Smoke Race Cabin/);
  assert.deepEqual(plan.slo, config.slo);
  assert.equal(plan.sloSource, 'HOLDFAST_SLO_*');
  assert.deepEqual(plan.bounds, []);
  const prefixed = buildPlan(loadConfig({ HOLDFAST_BASE_URL: 'https://api.example.com/tripavail' }), { summaryPath: '/tmp/s.json' });
  assert.equal(requestOf(prefixed, 'quote').route.path, '/tripavail/v1/bookings/quote');
  assert.equal(prefixed.baseUrl, 'https://api.example.com');
});

test('tripavail-legacy\'s plan speaks today\'s code: OTP start + verify, 400 refusals told by their sentence, sell before cancel, runbook SLOs', () => {
  const p = buildPlan(legacy, { summaryPath: '/tmp/s.json' });
  assert.equal(p.auth.style, 'otp');
  assert.deepEqual(p.auth.fresh.map((r) => r.route), [{ method: 'POST', path: '/v1/auth/start', ok: 201 }, { method: 'POST', path: '/v1/auth/verify', ok: 201 }]);
  const refusal = requestOf(p, 'hold').refusals![0]!;
  assert.equal(refusal.status, 400);
  assert.ok(new RegExp(refusal.message!, 'i').test('Insufficient inventory for 2027-02-20'));
  assert.equal(p.conversation.book.sell, 'always');
  assert.equal(p.conversation.book.releaseNeedsConfirm, true);
  assert.deepEqual(p.slo, { p95Ms: 200, p99Ms: 400, errorRate: 0.001 });
  assert.deepEqual(p.stepSlo.hold, { p95Ms: 200, p99Ms: 400, source: 'tripavail-legacy runbook SLO' });
  assert.equal(p.sloSource, 'tripavail-legacy runbook SLO');
  assert.equal(p.profile, 'tripavail-legacy');
});

test('a sign-in style the profile has no route for is a setup error before k6 runs, with a fix', async () => {
  const passwordOnLegacy = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_PROFILE: 'tripavail-legacy', HOLDFAST_AUTH: 'password' });
  assert.throws(() => buildPlan(passwordOnLegacy, { summaryPath: '/tmp/s.json' }), (e: unknown) => e instanceof SuiteError && /no register route/.test(e.message));
  const { checks } = await runLoadStage({ config: { ...passwordOnLegacy, reportsDir: tempReportsDir('k6-plan') }, mode: 'on', env: { K6_BIN: process.execPath } });
  assert.equal(checks[0]!.status, 'error');
  assert.match(checks[0]!.error!, /profile tripavail-legacy has no register route/);
  assert.match(checks[0]!.fix!, /HOLDFAST_AUTH=otp/);
});

test('secrets never travel in the plan: a given token and pre-provisioned users reach k6 by environment only', () => {
  const withToken = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_PROFILE: 'tripavail-legacy', HOLDFAST_AUTH: 'token', HOLDFAST_TOKEN: 'mock-access-secret-token-1' });
  const p = buildPlan(withToken, { summaryPath: '/tmp/s.json' });
  assert.equal(p.auth.style, 'token');
  assert.deepEqual(p.auth.check?.route, { method: 'GET', path: '/v1/auth/me', ok: 200 });
  assert.deepEqual([...p.auth.fresh, ...p.auth.provisioned], []);
  assert.doesNotMatch(JSON.stringify(p), /secret-token/);
  assert.deepEqual(loadSecrets(withToken), { HOLDFAST_TOKEN: 'mock-access-secret-token-1' });

  const dir = tempReportsDir('k6-users');
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ customer: [{ email: 'load-1@example.test', password: 'Provisioned-pw-1' }, { email: 'load-2@example.test', password: 'Provisioned-pw-2' }] }));
  const withUsers = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_USERS_FILE: usersFile });
  const q = buildPlan(withUsers, { summaryPath: '/tmp/s.json' });
  assert.equal(q.auth.users, 2);
  assert.deepEqual(q.auth.fresh, [], 'provisioned users log in instead of signing up');
  assert.equal(q.auth.provisioned[0]!.route.path, '/v1/auth/login');
  assert.doesNotMatch(JSON.stringify(q), /Provisioned-pw|load-1@/);
  assert.deepEqual(JSON.parse(loadSecrets(withUsers).HOLDFAST_LOAD_USERS!).customer.map((u: { email: string }) => u.email), ['load-1@example.test', 'load-2@example.test']);
  writeFileSync(usersFile, '{"customer": []}');
  assert.throws(() => buildPlan(withUsers, { summaryPath: '/tmp/s.json' }), (e: unknown) => e instanceof SuiteError && /lists no customer/.test(e.message));
});

test('a setup failure survives k6\'s logfmt log line and is read back whole', () => {
  const failure = { step: 'sign-in' as const, request: 'POST /v1/auth/register', status: 404, requestId: 'r-1 "x"', message: 'could not register: Cannot POST /v1/auth/register', where: 'setup' as const };
  const line = `time="2026-01-01T00:00:00Z" level=error msg="${encodeSetupFailure(failure)}" source=console\n`;
  assert.doesNotMatch(encodeSetupFailure(failure), /[\s"]/);
  assert.deepEqual(decodeSetupFailure(`k6 │ noise\n${line}`), failure);
  assert.equal(decodeSetupFailure('no marker here'), undefined);
});

test('the bundle is one ES module exporting options and every scenario function, importing only k6', async () => {
  const [script] = await buildLoadScripts();
  const code = readFileSync(script!, 'utf8');
  assert.doesNotMatch(code, /\brequire\(/);
  const imports = [...code.matchAll(/^import .* from ["']([^"']+)["']/gm)].map((m) => m[1]);
  assert.ok(imports.length > 0 && imports.every((i) => i === 'k6' || i!.startsWith('k6/')), `imports: ${imports.join(', ')}`);
  assert.ok(!imports.some((i) => /experimental|secrets/.test(i!)), 'a module stock k6 v0.46 lacks');
  assert.doesNotMatch(code, /\b(process|Buffer|require)\b\s*[.(]/, 'a Node API in the k6 bundle');
  const exported = /export\s*\{([^}]+)\}/.exec(code)?.[1]?.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()) ?? [];
  for (const name of ['options', 'setup', 'teardown', 'browse', 'book', 'health', 'handleSummary']) assert.ok(exported.includes(name), `${name} not exported (exports: ${exported.join(', ')})`);
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
