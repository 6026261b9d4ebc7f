// Does the stage turn each profile's k6 summary into the right verdict: healthy passes, a slow reservation step is P1
// naming the step, a sign-in the script cannot perform is an error (exit 3), never a breach? Against fixtures/k6, no k6.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { buildPlan } from '../../src/load/plan.ts';
import { HandleSummary, summaryToStage, type SetupContext } from '../../src/load/summary.ts';
import { buildThresholds } from '../../load/lib/thresholds.ts';
import { bookSteps } from '../../load/lib/plan.ts';
import { decide, exitCodeOf } from '../../src/verdict/schema.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { dialectCases } from './dialect-cases.ts';

function fixture(name: string): HandleSummary {
  return HandleSummary.parse(JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'k6', name), 'utf8')));
}

function planFor(profile: string) {
  const config = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_PROFILE: profile, HOLDFAST_RUN_ID: 'hf-fixture' });
  return buildPlan(config, { durationSec: 60, rate: 10, summaryPath: '/tmp/k6-summary.json' });
}

function contextOf(profile: string): SetupContext {
  const plan = planFor(profile);
  return { profile: plan.profile, auth: plan.auth.style, stock: plan.stockName, bounds: plan.bounds };
}

function judge(name: string, profile: string) {
  return summaryToStage(fixture(name), buildThresholds(planFor(profile)).reasons, 61_000, { context: contextOf(profile) });
}

const tripavailFiles = [
  ['tripavail-healthy.json', 'tripavail'],
  ['tripavail-legacy-healthy.json', 'tripavail-legacy'],
  ['tripavail-legacy-slow-hold.json', 'tripavail-legacy'],
  ['tripavail-signin-impossible.json', 'tripavail'],
] as const;
const dialectFiles = dialectCases.flatMap((c) => c.runs.map((r) => [`${c.profile}-${r.name}.json`, c.profile] as const));

test('every fixture carries exactly the thresholds the plan generates for its profile (no drift between script and fixtures)', () => {
  for (const [name, profile] of [...tripavailFiles, ...dialectFiles]) {
    const { thresholds } = buildThresholds(planFor(profile));
    const summary = fixture(name);
    const inFixture = Object.entries(summary.metrics).filter(([, m]) => m.thresholds).map(([k, m]) => `${k} ${Object.keys(m.thresholds!).join(' ')}`).sort();
    const generated = Object.entries(thresholds).map(([k, list]) => `${k} ${list.map((t) => (typeof t === 'string' ? t : t.threshold)).join(' ')}`).sort();
    assert.deepEqual(inFixture, generated, name);
    assert.equal(summary.holdfast?.profile, profile, name);
  }
});

for (const [name, profile] of [...tripavailFiles.slice(0, 2), ...dialectFiles.filter(([n]) => n.endsWith('-healthy.json'))]) {
  test(`healthy ${profile}: load.slo passes and every book step reports its p95/p99 (${name})`, () => {
    const { checks, steps } = judge(name, profile);
    assert.equal(checks[0]!.status, 'passed', checks[0]!.error);
    assert.equal(exitCodeOf[decide(checks)], 0);
    const plan = planFor(profile);
    for (const step of bookSteps(plan.conversation.book)) {
      const s = steps.find((x) => x.name === `load.book.${step}`);
      assert.ok(s && s.count > 0 && s.p95Ms > 0 && s.p99Ms >= s.p95Ms && s.p95Ms < plan.stepSlo[step]!.p95Ms, `load.book.${step}: ${JSON.stringify(s)}`);
    }
    assert.ok(steps.some((s) => s.name === 'load.browse' && s.count > 0));
  });
}

test('slow-hold on tripavail-legacy: P1 load.slo naming the hold step\'s p95 and p99 with their reasons; the fast steps stay out', () => {
  const { checks, steps } = judge('tripavail-legacy-slow-hold.json', 'tripavail-legacy');
  const check = checks[0]!;
  assert.equal(check.status, 'failed');
  assert.equal(check.severity, 'P1');
  assert.equal(exitCodeOf[decide(checks)], 1);
  assert.match(check.error!, /http_req_duration\{flow:book,step:hold\} p\(95\)<200: observed 448\.\d+ ms \(book hold: p95 latency SLO per step \(200 ms, tripavail-legacy runbook SLO\): one slow step must not hide behind fast ones\)/);
  assert.match(check.error!, /http_req_duration\{flow:book,step:hold\} p\(99\)<400: observed 459\.\d+ ms/);
  for (const step of ['quote', 'pay', 'confirm', 'cancel']) assert.doesNotMatch(check.error!, new RegExp(`step:${step}`));
  assert.doesNotMatch(check.error!, /http_req_failed|checks/);
  assert.ok(steps.find((s) => s.name === 'load.book.hold')!.p95Ms > 400);
  assert.ok(steps.find((s) => s.name === 'load.book.quote')!.p95Ms < 200);
});

for (const c of dialectCases) {
  const slow = c.runs.find((r) => r.name.startsWith('slow-'))!;
  test(`${slow.name} on ${c.profile}: P1 load.slo naming the ${c.reserve} step with its reason; the release step stays out`, () => {
    const { checks, steps } = judge(`${c.profile}-${slow.name}.json`, c.profile);
    const check = checks[0]!;
    assert.equal(check.status, 'failed');
    assert.equal(check.severity, 'P1');
    assert.equal(exitCodeOf[decide(checks)], 1);
    assert.match(check.error!, slow.error!);
    assert.match(check.error!, new RegExp(`book ${c.reserve}: p95 latency SLO per step \\(\\d+ ms, ${c.profile} runbook SLO`));
    assert.doesNotMatch(check.error!, /step:(cancel|revoke)|http_req_failed|checks/);
    assert.ok(steps.find((s) => s.name === `load.book.${c.reserve}`)!.p95Ms > 500);
  });

  const signIn = c.runs.find((r) => r.name === 'signin-impossible')!;
  test(`sign-in impossible on ${c.profile}: error with the request and a fix, inconclusive (exit 3), not P1`, () => {
    const { checks, steps } = judge(`${c.profile}-signin-impossible.json`, c.profile);
    const check = checks[0]!;
    assert.equal(check.status, 'error');
    assert.equal(exitCodeOf[decide(checks)], 3);
    assert.match(check.error!, signIn.error!);
    assert.match(check.error!, /nothing was measured, so no SLO is judged/);
    assert.match(check.fix!, signIn.fix!);
    assert.deepEqual(steps, []);
  });
}

test('Soleil is judged by its runbook\'s own step SLOs: rooms p95 < 200 ms, booking create p95 < 300 ms, each with its reason', () => {
  const { thresholds, reasons } = buildThresholds(planFor('soleil'));
  assert.deepEqual(thresholds['http_req_duration{flow:browse,step:rooms}'], ['p(95)<200', 'p(99)<500']);
  assert.deepEqual(thresholds['http_req_duration{flow:book,step:book}'], ['p(95)<300', 'p(99)<800']);
  assert.match(reasons['http_req_duration{flow:book,step:book} p(95)<300']!, /soleil runbook SLO for book/);
  // The book flow is as slow as its booking create may be, not the API-wide 200 ms.
  assert.deepEqual(thresholds['http_req_duration{flow:book}']!.slice(0, 2), ['p(95)<300', 'p(99)<800']);
  const { steps } = judge('soleil-healthy.json', 'soleil');
  assert.ok(steps.some((s) => s.name === 'load.browse.rooms' && s.count > 0));
});

test('a sign-in the script cannot perform is an error with the request, its id and a fix: inconclusive (exit 3), not P1', () => {
  const { checks, steps } = judge('tripavail-signin-impossible.json', 'tripavail');
  const check = checks[0]!;
  assert.equal(check.status, 'error');
  assert.equal(decide(checks), 'inconclusive');
  assert.equal(exitCodeOf[decide(checks)], 3);
  assert.match(check.error!, /setup\(\) could not complete step "sign-in": POST \/v1\/auth\/register answered 404, request id hf-fixture-k6-0-2/);
  assert.match(check.error!, /nothing was measured, so no SLO is judged/);
  assert.equal(check.requestId, 'hf-fixture-k6-0-2');
  assert.match(check.fix!, /HOLDFAST_PROFILE=tripavail-legacy/);
  assert.deepEqual(steps, [], 'latency of a run that measured nothing');
});

test('the setup failure is found without handleSummary\'s setup data: from the log line, else from the counter alone', () => {
  const context = contextOf('tripavail');
  const bare = fixture('tripavail-signin-impossible.json');
  const failure = bare.holdfast!.setupFailure!;
  const without = { ...bare, holdfast: { profile: 'tripavail', setupFailure: null } };
  const logged = summaryToStage(without, {}, 1, { logged: { ...failure, status: 429, requestId: 'r-429' }, context }).checks[0]!;
  assert.equal(logged.status, 'error');
  assert.equal(logged.requestId, 'r-429');
  assert.match(logged.fix!, /HOLDFAST_USERS_FILE/);
  const counted = summaryToStage(without, {}, 1, { context }).checks[0]!;
  assert.equal(counted.status, 'error');
  assert.match(counted.error!, /counts a setup failure but carries no details/);
});

test('a limiter\'s 429 during the run is never a silent breach: the stage says error, naming the rate limit and the fix', () => {
  const summary = fixture('erp-healthy.json');
  const limited = { ...summary, metrics: { ...summary.metrics, holdfast_rate_limited: { type: 'counter', contains: 'default', values: { count: 3, rate: 0.05 } } } };
  const check = summaryToStage(limited, {}, 1, { context: contextOf('erp') }).checks[0]!;
  assert.equal(check.status, 'error');
  assert.match(check.error!, /3 request\(s\) of the run met the target's rate limiter \(429\)/);
  assert.match(check.fix!, /HOLDFAST_USERS_FILE/);
  assert.match(JSON.stringify(check.details), /5 order creations a minute per client address/);
});
