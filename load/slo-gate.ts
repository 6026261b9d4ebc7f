// Does the target meet its SLOs under a realistic, open-model load? browse, book and health at fixed arrival rates, each a
// conversation the plan spells out as data (templated requests, values kept from the answers), so one script speaks every
// profile's system; setup (sign-in, the stock) is kept apart from what is measured.
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import {
  encodeSetupFailure, fill, fillString, LEFT_BEHIND_METRIC, parsePlan, pathOf, PHASE_TAG, RATE_LIMITED_METRIC, SETUP_FAILURE_METRIC,
  type Flow, type LoadPlan, type Party, type PlanRejection, type PlanRequest, type SetupFailure, type SetupStep, type Vars,
} from './lib/plan.ts';
import { activeFlows, buildThresholds, FLOW_TAG, STEP_TAG } from './lib/thresholds.ts';

/** k6 has console (its log goes to stderr); @types/k6 does not declare it. */
declare const console: { error(...args: unknown[]): void };

const plan: LoadPlan = parsePlan(__ENV.HOLDFAST_LOAD_PLAN);
const setupFailures = new Counter(SETUP_FAILURE_METRIC);
const leftBehind = new Counter(LEFT_BEHIND_METRIC);
const rateLimited = new Counter(RATE_LIMITED_METRIC);
/** One User-Agent for the whole run: some systems bind a token to the client that signed in (Soleil). */
const USER_AGENT = `holdfast-k6/${plan.runId}`;

/** A rate below one a second runs per minute (a system that allows 5 orders a minute gets 4, not 0 or 60). */
function pace(rate: number): { rate: number; timeUnit: string; perSecond: number } {
  if (rate >= 1) return { rate: Math.round(rate), timeUnit: '1s', perSecond: Math.round(rate) };
  const perMinute = Math.max(1, Math.round(rate * 60));
  return { rate: perMinute, timeUnit: '1m', perSecond: perMinute / 60 };
}

function scenario(flow: Flow) {
  const { rate, timeUnit, perSecond } = pace(plan.rates[flow]);
  const vus = Math.max(2, Math.ceil(perSecond / 2));
  const tags = { [FLOW_TAG]: flow, [PHASE_TAG]: 'run' };
  if (plan.shape === 'ramping' && flow === 'browse') {
    const step = `${Math.max(1, Math.round(plan.durationSec / 4))}s`;
    return {
      executor: 'ramping-arrival-rate', exec: flow, tags, timeUnit, startRate: Math.max(1, Math.round(rate / 2)),
      preAllocatedVUs: vus, maxVUs: vus * 4,
      stages: [{ target: rate, duration: step }, { target: rate, duration: step }, { target: rate * 2, duration: step }, { target: rate * 2, duration: step }],
    };
  }
  return { executor: 'constant-arrival-rate', exec: flow, tags, rate, timeUnit, duration: `${plan.durationSec}s`, preAllocatedVUs: vus, maxVUs: vus * 4 };
}

export const options = {
  scenarios: Object.fromEntries(activeFlows(plan).map((f) => [f, scenario(f)])),
  thresholds: buildThresholds(plan).thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
  setupTimeout: '30s',
  noConnectionReuse: false,
};

interface Session {
  token: string;
  email: string;
}
type Sessions = Partial<Record<Party, Session>>;

interface SetupData {
  /** What setup found (stock ids): never a secret. */
  vars?: Vars;
  /** Setup's signed-in users, for the reads that need one and, with shared sessions, for every VU. */
  sessions?: Sessions;
  failure?: SetupFailure;
}

interface Res {
  status: number;
  headers: Record<string, string>;
  json: (selector?: string) => unknown;
}

function field(res: Res, selector: string): unknown {
  try {
    const value = res.json(selector);
    return value === null ? undefined : value;
  } catch {
    return undefined;
  }
}

function text(res: Res, selector: string): string | undefined {
  const value = field(res, selector);
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join(', ') : undefined;
}

function requestId(res: Res): string | undefined {
  return res.headers['X-Request-Id'] ?? res.headers['X-Request-ID'] ?? text(res, 'requestId');
}

let sequence = 0;
/** Every request carries its own X-Request-ID, so a failing one can be found in the target's logs. */
function newRequestId(): string {
  sequence += 1;
  return `${plan.runId}-k6-${exec.vu.idInTest}-${sequence}`;
}

/** Tags of a setup request: its own flow and phase, so it counts in no SLO (request tags win over the scenario's). */
function setupTags(step: string) {
  return { [FLOW_TAG]: 'setup', [PHASE_TAG]: 'setup', [STEP_TAG]: step };
}

function matches(rules: PlanRejection[] | undefined, res: Res): PlanRejection | undefined {
  return (rules ?? []).find((rule) => rule.status === res.status
    && (!rule.code || text(res, 'code') === rule.code || text(res, 'error') === rule.code)
    && (!rule.message || new RegExp(rule.message, 'i').test(text(res, 'message') ?? text(res, 'error') ?? '')));
}

function send(req: PlanRequest, vars: Vars, sessions: Sessions, tags: Record<string, string>, phase: 'run' | 'setup'): Res {
  const session = req.as ? sessions[req.as] : undefined;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json', 'User-Agent': USER_AGENT, 'X-Synthetic': plan.runId, 'X-Request-ID': newRequestId(),
    ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
    ...(fill(req.headers ?? {}, vars) as Record<string, string>),
  };
  // A refusal the profile names, and in the run a limiter's 429, are answers, not failed requests (429 is counted apart).
  const expected = [...(req.refusals ?? []).map((r) => r.status), ...(phase === 'run' ? [429] : [])];
  const params = { headers, tags, ...(expected.length ? { responseCallback: http.expectedStatuses({ min: 200, max: 399 }, ...expected) } : {}) };
  const payload = req.body === undefined ? null : JSON.stringify(fill(req.body, vars));
  return http.request(req.route.method, `${plan.baseUrl}${pathOf(req, vars)}`, payload, params) as unknown as Res;
}

/** Keeps the answer's values the next steps name; false when one is missing. */
function extract(req: PlanRequest, res: Res, vars: Vars): string[] {
  const missing: string[] = [];
  for (const name of Object.keys(req.extract ?? {})) {
    const value = field(res, String(fillString(req.extract![name]!, vars)));
    if (value === undefined || value === '') missing.push(name);
    else vars[name] = value;
  }
  for (const selector of Object.keys(req.expect ?? {})) {
    const want = req.expect![selector]!;
    const value = field(res, selector);
    if (value === undefined || (want !== true && String(value) !== String(fillString(want, vars)))) missing.push(selector);
  }
  return missing;
}

function failure(step: SetupStep, req: PlanRequest, res: Res, message: string, where: SetupFailure['where']): SetupFailure {
  const sentence = text(res, 'message') ?? text(res, 'error');
  return { step, request: `${req.route.method} ${req.route.path}`, status: res.status, requestId: requestId(res), message: sentence ? `${message}: ${sentence}` : message, where };
}

/** Records a setup failure three ways (a counter, a log line, setup's data) so the stage sees it whatever k6 version runs. */
function report(f: SetupFailure): SetupFailure {
  setupFailures.add(1, { [STEP_TAG]: f.step, [PHASE_TAG]: 'setup' });
  console.error(encodeSetupFailure(f));
  return f;
}

interface Credentials {
  email: string;
  password: string;
}

/** Pre-provisioned users (HOLDFAST_LOAD_USERS, environment only), per party. */
const provisioned: Partial<Record<Party, Credentials[]>> = (() => {
  if (!__ENV.HOLDFAST_LOAD_USERS) return {};
  try {
    return JSON.parse(__ENV.HOLDFAST_LOAD_USERS) as Partial<Record<Party, Credentials[]>>;
  } catch {
    return {};
  }
})();

/** Who signs in: pre-provisioned user n mod count of the party, else a fresh synthetic user named after the run. */
function whoIs(party: Party, n: number, label: string): Credentials & { provisioned: boolean } {
  const list = provisioned[party] ?? [];
  if (list.length) return { ...list[n % list.length]!, provisioned: true };
  return { email: `synthetic+${plan.runId}-k6-${label}@${plan.emailDomain}`, password: `K6-${plan.runId}-${label}-Pw1!`, provisioned: false };
}

const checkTags = { [PHASE_TAG]: 'setup' };

/** Signs a party in in the profile's style; a refusal is a setup failure, never a load error. */
function signIn(party: Party, n: number, label: string, where: SetupFailure['where']): { session: Session } | { failure: SetupFailure } {
  const auth = plan.auth;
  if (auth.style === 'token') {
    const token = __ENV.HOLDFAST_TOKEN;
    if (!token) return { failure: { step: 'sign-in', request: '(none)', status: 0, message: 'HOLDFAST_AUTH=token but HOLDFAST_TOKEN is not in k6\'s environment', where } };
    const session = { token, email: '' };
    if (auth.check && where === 'setup') {
      const res = send(auth.check, { ...plan.vars }, { customer: session, counterpart: session }, setupTags('sign-in'), 'setup');
      if (!check(res, { 'the given token signs in': (r) => r.status === auth.check!.route.ok }, checkTags)) return { failure: failure('sign-in', auth.check, res, 'the given token (HOLDFAST_TOKEN) was refused', where) };
    }
    return { session };
  }
  const who = whoIs(party, n, label);
  const vars: Vars = { ...plan.vars, runId: plan.runId, email: who.email, password: who.password, name: 'Holdfast Synthetic', role: auth.roles?.[party] ?? '' };
  for (const req of who.provisioned ? auth.provisioned : auth.fresh) {
    const res = send(req, vars, {}, setupTags('sign-in'), 'setup');
    const missing = res.status === req.route.ok ? extract(req, res, vars) : [];
    if (!check(res, { [`${party} signs in: ${req.step}`]: (r) => r.status === req.route.ok && missing.length === 0 }, checkTags)) {
      const what = req.what ?? (who.provisioned ? `a pre-provisioned ${party} could not log in` : `a synthetic ${party} could not sign up`);
      return { failure: failure('sign-in', req, res, res.status === req.route.ok ? `${what}: the answer carries no ${missing.join(', ')}` : what, where) };
    }
  }
  const session = { token: String(vars.token), email: who.email };
  for (const req of auth.after?.[party] ?? []) {
    const res = send(req, vars, { [party]: session }, setupTags('sign-in'), 'setup');
    if (!check(res, { [`${party} is ready: ${req.step}`]: (r) => r.status === req.route.ok }, checkTags)) return { failure: failure('sign-in', req, res, req.what ?? `${req.step} was refused`, where) };
  }
  return { session };
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** The variables every template may name: the plan's constants, the run, and this iteration's night, page and unique suffix. */
function iterationVars(iteration: number, extra: Vars): Vars {
  const offset = plan.nights.fromDays + (iteration % plan.nights.span);
  return {
    ...plan.vars, ...extra, runId: plan.runId, iteration, page: 1 + (iteration % 3),
    unique: `${plan.runId}-${exec.vu.idInTest}-${iteration}`, night: day(offset), nextNight: day(offset + 1),
  };
}

/** The target is up, its users sign in in the profile's style, and the stock is there; otherwise the run is an error. */
export function setup(): SetupData {
  const c = plan.conversation;
  const vars = iterationVars(0, {});
  const ready = send(c.readiness, vars, {}, setupTags('readiness'), 'setup');
  if (ready.status !== c.readiness.route.ok) return { failure: report(failure('readiness', c.readiness, ready, 'the target is not ready', 'setup')) };
  const sessions: Sessions = {};
  for (const party of plan.auth.parties) {
    const signedIn = signIn(party, 0, `setup-${party}`, 'setup');
    if ('failure' in signedIn) return { failure: report(signedIn.failure) };
    sessions[party] = signedIn.session;
  }
  const found: Vars = {};
  for (const req of c.stock) {
    const res = send(req, { ...vars, ...found, email: sessions.customer?.email }, sessions, setupTags('stock'), 'setup');
    const scratch: Vars = { ...vars, ...found };
    const missing = res.status === req.route.ok ? extract(req, res, scratch) : [];
    if (res.status !== req.route.ok || missing.length) {
      const what = req.what ?? req.step;
      return { failure: report(failure('stock', req, res, res.status === req.route.ok ? `no ${what}` : `${what}: ${req.step} was refused`, 'setup')) };
    }
    for (const name of Object.keys(req.extract ?? {})) found[name] = scratch[name];
  }
  return { vars: found, sessions };
}

/** Undoes what setup created (an inventory item); what it cannot undo is counted as left behind. */
export function teardown(data: SetupData): void {
  if (data.failure || !data.vars) return;
  for (const req of plan.conversation.teardown) {
    const res = send(req, iterationVars(0, data.vars), data.sessions ?? {}, setupTags(req.step), 'setup');
    if (res.status !== req.route.ok) leftBehind.add(1, { [STEP_TAG]: req.step });
  }
}

/** A run whose setup failed measures nothing: stop at once (the summary and the log line carry the failure). */
function stopIfSetupFailed(data: SetupData): boolean {
  if (data.failure || !data.vars) {
    exec.test.abort(`setup failed: ${data.failure ? `${data.failure.step}: ${data.failure.request} answered ${data.failure.status}` : 'no stock'}`);
    return false;
  }
  return true;
}

type StepOutcome = 'ok' | 'refused' | 'stopped';

/** One measured request: its status and the values it must carry are checked; a limiter's 429 or a setup refusal is set apart. */
function step(req: PlanRequest, vars: Vars, sessions: Sessions, flow: Flow): StepOutcome {
  const res = send(req, vars, sessions, { [FLOW_TAG]: flow, [STEP_TAG]: req.step }, 'run');
  if (res.status === 429) {
    rateLimited.add(1, { [STEP_TAG]: req.step });
    return 'stopped';
  }
  const setupRefusal = (req.setupRefusals ?? []).find((rule) => matches([rule], res));
  if (setupRefusal) {
    report(failure('sign-in', req, res, setupRefusal.why, 'vu'));
    exec.test.abort(`${req.route.method} ${req.route.path} answered ${res.status}: ${setupRefusal.why}`);
    return 'stopped';
  }
  const refused = res.status !== req.route.ok && !!matches(req.refusals, res);
  const missing = res.status === req.route.ok ? extract(req, res, vars) : [];
  const name = req.refusals?.length ? `${req.step} answers ${req.route.ok} or the profile's refusal` : `${req.step} answers ${req.route.ok} with what the next step needs`;
  check(res, { [name]: (r) => refused || (r.status === req.route.ok && missing.length === 0) });
  if (refused) return 'refused';
  return res.status === req.route.ok && missing.length === 0 ? 'ok' : 'stopped';
}

export function browse(data: SetupData): void {
  if (!stopIfSetupFailed(data)) return;
  const vars = iterationVars(exec.scenario.iterationInTest, data.vars!);
  for (const req of plan.conversation.browse) if (step(req, vars, data.sessions ?? {}, 'browse') !== 'ok') return;
}

export function health(data: SetupData): void {
  if (!stopIfSetupFailed(data)) return;
  const vars = iterationVars(exec.scenario.iterationInTest, data.vars!);
  for (const req of plan.conversation.health) if (step(req, vars, data.sessions ?? {}, 'health') !== 'ok') return;
}

let mine: Sessions | undefined;

/** The book flow's users: setup's (shared sessions), or this VU's own, signed in on its first iteration. */
function bookSessions(data: SetupData): Sessions | undefined {
  if (plan.auth.sessions === 'shared') return data.sessions;
  if (mine) return mine;
  const vu = exec.vu.idInTest;
  const signedIn = signIn('customer', vu - 1, `${vu}`, 'vu');
  if ('failure' in signedIn) {
    // The first iterations cannot sign in (a rate limit on sign-ups, say): the run is an error, not a breach.
    report(signedIn.failure);
    exec.test.abort(`a VU could not sign in: ${signedIn.failure.request} answered ${signedIn.failure.status}`);
    return undefined;
  }
  mine = { ...data.sessions, customer: signedIn.session };
  return mine;
}

export function book(data: SetupData): void {
  if (!stopIfSetupFailed(data)) return;
  const sessions = bookSessions(data);
  if (!sessions) return;
  const b = plan.conversation.book;
  const iteration = exec.scenario.iterationInTest;
  const vars = iterationVars(iteration, { ...data.vars, email: sessions.customer?.email ?? '' });
  for (const req of b.prepare) if (step(req, vars, sessions, 'book') !== 'ok') return;
  if (step(b.reserve, vars, sessions, 'book') !== 'ok') return;
  // Sold every other iteration where a reservation can be released unsold, every iteration where only a sale can be
  // released: the confirm steps carry samples either way, and the release always gives the capacity back.
  const sell = b.confirm.length > 0 && (b.sell === 'always' || b.releaseNeedsConfirm || iteration % 2 === 0);
  let confirmed = b.confirm.length === 0;
  let last = b.reserve.step;
  if (sell) {
    confirmed = true;
    for (const req of b.confirm) {
      last = req.step;
      if (step(req, vars, sessions, 'book') !== 'ok') {
        confirmed = false;
        break;
      }
    }
  }
  if (b.releaseNeedsConfirm && !confirmed) {
    // Nothing releases an unconfirmed reservation on this target: it expires on its own; counted, not hidden.
    leftBehind.add(1, { [STEP_TAG]: last });
    return;
  }
  for (const req of b.release) {
    if (step(req, vars, sessions, 'book') !== 'ok') {
      leftBehind.add(1, { [STEP_TAG]: req.step });
      return;
    }
  }
}

/**
 * The summary Holdfast reads: k6's metrics, plus setup's outcome and the plan's rate bounds under `holdfast`. Setup's data
 * itself is never written: it holds the signed-in users' tokens.
 */
export function handleSummary(data: { setup_data?: SetupData; [key: string]: unknown }): Record<string, string> {
  const { setup_data: setupData, ...rest } = data;
  const holdfast = { profile: plan.profile, setupFailure: setupData && setupData.failure ? setupData.failure : null };
  return { [plan.summaryPath]: JSON.stringify({ ...rest, holdfast }, null, 2) };
}
