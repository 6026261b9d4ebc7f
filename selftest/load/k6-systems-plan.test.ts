// Is each system's load plan built from its own route table (no path spelled twice), planned below its rate limits with
// the reason said, held to its runbook's step SLOs, and free of secrets?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../src/contract/routes.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildPlan, loadSecrets } from '../../src/load/plan.ts';
import { profiles } from '../../src/profiles/index.ts';
import { routes as erp } from '../../src/systems/erp/routes.ts';
import { routes as servicelink } from '../../src/systems/servicelink/routes.ts';
import { routes as soleil } from '../../src/systems/soleil/routes.ts';
import { routes as travellr } from '../../src/systems/travellr/routes.ts';
import { SuiteError } from '../../src/verdict/suite-error.ts';
import { flowRequests, thresholdSteps } from '../../load/lib/thresholds.ts';
import { FLOWS, namesIn, type LoadPlan, type PlanRequest } from '../../load/lib/plan.ts';
import { repoRoot, tempReportsDir } from '../helpers/run-cli.ts';

const tables: Record<string, Record<string, Route>> = { travellr, soleil, servicelink, erp };
const planOf = (env: Record<string, string>) => buildPlan(loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_RUN_ID: 'hf-plan', ...env }), { summaryPath: '/tmp/s.json', rate: 10 });

function requests(p: LoadPlan): PlanRequest[] {
  const c = p.conversation;
  return [...p.auth.fresh, ...p.auth.provisioned, ...(p.auth.check ? [p.auth.check] : []), ...Object.values(p.auth.after ?? {}).flat(), c.readiness, ...c.stock, ...c.teardown, ...FLOWS.flatMap((f) => flowRequests(p, f))];
}

test('every request of a system\'s plan is a route of its table, with the table\'s success status; load.ts spells no path', () => {
  for (const [name, table] of Object.entries(tables)) {
    const p = planOf({ HOLDFAST_PROFILE: name });
    for (const r of requests(p)) {
      const route = Object.values(table).find((t) => t.method === r.route.method && t.path === r.route.path);
      assert.ok(route, `${name} ${r.step}: ${r.route.method} ${r.route.path} is not in src/systems/${name}/routes.ts`);
      assert.equal(r.route.ok, Number(Object.keys(route!.responses).find((s) => Number(s) < 300)), `${name} ${r.step}`);
    }
    const source = readFileSync(join(repoRoot, 'src', 'systems', name, 'load.ts'), 'utf8');
    for (const route of Object.values(table)) assert.ok(!source.includes(`'${route.path}'`), `${name}/load.ts spells ${route.path}`);
  }
});

test('every variable a template names is provided: by k6, the plan, setup\'s stock, an earlier step or sign-in', () => {
  const fromK6 = ['runId', 'iteration', 'page', 'unique', 'night', 'nextNight', 'email', 'password', 'name', 'role', 'token'];
  for (const name of Object.keys(profiles)) {
    const p = planOf({ HOLDFAST_PROFILE: name });
    const known = new Set([...fromK6, ...Object.keys(p.vars)]);
    for (const r of requests(p)) {
      const { extract, ...template } = r;
      for (const v of namesIn(template)) assert.ok(known.has(v), `${name} ${r.step}: {{${v}}} is provided by nothing before it`);
      for (const v of Object.keys(extract ?? {})) known.add(v);
    }
  }
});

test('rate limits plan the book flow down, with the reason; systems without one keep browse / 5', () => {
  const rates = Object.fromEntries(Object.keys(tables).map((name) => [name, planOf({ HOLDFAST_PROFILE: name })]));
  assert.equal(rates.travellr!.rates.book, 2);
  assert.deepEqual(rates.travellr!.bounds, []);
  assert.equal(Math.round(rates.erp!.rates.book * 60), 4);
  assert.match(rates.erp!.bounds[0]!.reason, /5 order creations a minute per client address.*planned at 4 a minute instead of 120/);
  assert.equal(Math.round(rates.soleil!.rates.book * 60), 4);
  assert.match(rates.soleil!.bounds[0]!.reason, /5 bookings a minute per user and the run books as 1 user/);
  assert.equal(Math.round(rates.servicelink!.rates.book * 60), 2);
  assert.match(rates.servicelink!.bounds[0]!.reason, /5 quote operations .* per customer .*\(2 limited requests per booking\)/);
  assert.equal(rates.soleil!.auth.sessions, 'shared');
  assert.equal(rates.servicelink!.auth.sessions, 'shared');
  assert.deepEqual(rates.servicelink!.auth.parties, ['customer', 'counterpart']);
});

test('profiles name per-step SLOs only for steps their conversation has', () => {
  for (const [name, profile] of Object.entries(profiles)) {
    const p = planOf({ HOLDFAST_PROFILE: name });
    const steps = FLOWS.flatMap((f) => thresholdSteps(p, f));
    for (const step of Object.keys(profile.stepSlo ?? {})) assert.ok(steps.includes(step), `${name}: stepSlo.${step} names no step of its load conversation`);
  }
  assert.deepEqual(planOf({ HOLDFAST_PROFILE: 'soleil' }).stepSlo.book, { p95Ms: 300, p99Ms: 800, source: 'soleil runbook SLO for book' });
  assert.deepEqual(planOf({ HOLDFAST_PROFILE: 'soleil', HOLDFAST_SLO_P95_MS: '900' }).stepSlo.book!.p95Ms, 900, 'HOLDFAST_SLO_* overrides every step');
});

test('pre-provisioned users of both kinds reach k6 by environment only; ServiceLink without a counterpart, or with one token, is an error before k6', () => {
  const dir = tempReportsDir('k6-systems-users');
  const file = join(dir, 'users.json');
  writeFileSync(file, JSON.stringify({ customer: [{ email: 'cust@example.test', password: 'Cust-secret-1!' }], counterpart: [{ email: 'prov@example.test', password: 'Prov-secret-1!' }] }));
  const config = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_PROFILE: 'servicelink', HOLDFAST_USERS_FILE: file });
  const p = buildPlan(config, { summaryPath: '/tmp/s.json' });
  assert.deepEqual(p.auth.fresh, [], 'no sign-up with provisioned users');
  assert.deepEqual(p.auth.provisioned.map((r) => r.route.path), ['/auth/login']);
  assert.doesNotMatch(JSON.stringify(p), /secret|cust@|prov@/);
  const users = JSON.parse(loadSecrets(config).HOLDFAST_LOAD_USERS!);
  assert.deepEqual([users.customer[0].email, users.counterpart[0].email], ['cust@example.test', 'prov@example.test']);

  writeFileSync(file, JSON.stringify({ customer: [{ email: 'cust@example.test', password: 'Cust-secret-1!' }] }));
  assert.throws(() => buildPlan(config, { summaryPath: '/tmp/s.json' }), (e: unknown) => e instanceof SuiteError && /lists no counterpart/.test(e.message));
  const token = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:4100', HOLDFAST_PROFILE: 'servicelink', HOLDFAST_AUTH: 'token', HOLDFAST_TOKEN: 'tok-secret-123456' });
  assert.throws(() => buildPlan(token, { summaryPath: '/tmp/s.json' }), (e: unknown) => e instanceof SuiteError && /needs a customer and a counterpart/.test(e.message) && /HOLDFAST_USERS_FILE/.test(e.fix));
});
