// Does the target meet its SLOs under a realistic, open-model load? browse, book and health at fixed arrival rates,
// spoken in the profile's conversation (the plan), with setup (sign-in, the stock) kept apart from what is measured.
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import {
  encodeSetupFailure, LEFT_BEHIND_METRIC, parsePlan, PHASE_TAG, SETUP_FAILURE_METRIC,
  type BookStep, type Flow, type LoadPlan, type PlanRoute, type SetupFailure, type SetupStep,
} from './lib/plan.ts';
import { activeFlows, buildThresholds, FLOW_TAG, STEP_TAG } from './lib/thresholds.ts';

/** k6 has console (its log goes to stderr); @types/k6 does not declare it. */
declare const console: { error(...args: unknown[]): void };

const plan: LoadPlan = parsePlan(__ENV.HOLDFAST_LOAD_PLAN);
const json = { 'Content-Type': 'application/json', 'X-Synthetic': plan.runId };
const setupFailures = new Counter(SETUP_FAILURE_METRIC);
const leftBehind = new Counter(LEFT_BEHIND_METRIC);

function scenario(flow: Flow) {
  const rate = Math.max(1, Math.round(plan.rates[flow]));
  const vus = Math.max(2, Math.ceil(rate / 2));
  const tags = { [FLOW_TAG]: flow, [PHASE_TAG]: 'run' };
  if (plan.shape === 'ramping' && flow === 'browse') {
    const step = `${Math.max(1, Math.round(plan.durationSec / 4))}s`;
    return {
      executor: 'ramping-arrival-rate', exec: flow, tags, timeUnit: '1s', startRate: Math.max(1, Math.round(rate / 2)),
      preAllocatedVUs: vus, maxVUs: vus * 4,
      stages: [{ target: rate, duration: step }, { target: rate, duration: step }, { target: rate * 2, duration: step }, { target: rate * 2, duration: step }],
    };
  }
  return { executor: 'constant-arrival-rate', exec: flow, tags, rate, timeUnit: '1s', duration: `${plan.durationSec}s`, preAllocatedVUs: vus, maxVUs: vus * 4 };
}

export const options = {
  scenarios: Object.fromEntries(activeFlows(plan).map((f) => [f, scenario(f)])),
  thresholds: buildThresholds(plan).thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
  setupTimeout: '30s',
  noConnectionReuse: false,
};

interface SetupData {
  hotelId?: string;
  failure?: SetupFailure;
}

interface Res {
  status: number;
  headers: Record<string, string>;
  json: (selector?: string) => unknown;
}

function url(route: PlanRoute, id?: string): string {
  return `${plan.baseUrl}${id ? route.path.replace(':id', encodeURIComponent(id)) : route.path}`;
}

function field<T>(res: Res, selector: string): T | undefined {
  try {
    return res.json(selector) as T;
  } catch {
    return undefined;
  }
}

function requestId(res: Res): string | undefined {
  return res.headers['X-Request-Id'] ?? res.headers['X-Request-ID'] ?? field<string>(res, 'requestId');
}

let sequence = 0;
/** Every request carries its own X-Request-ID, so a failing one can be found in the target's logs. */
function newRequestId(): string {
  sequence += 1;
  return `${plan.runId}-k6-${exec.vu.idInTest}-${sequence}`;
}

/** Tags of a setup request: its own flow and phase, so it counts in no SLO (request tags win over the scenario's). */
function setupTags(step: SetupStep) {
  return { [FLOW_TAG]: 'setup', [PHASE_TAG]: 'setup', [STEP_TAG]: step };
}

function send(route: PlanRoute, body: unknown, opts: { id?: string; token?: string; tags: Record<string, string>; expected?: number[]; headers?: Record<string, string> }): Res {
  const headers: Record<string, string> = { ...json, 'X-Request-ID': newRequestId(), ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  const params = { headers, tags: opts.tags, ...(opts.expected ? { responseCallback: http.expectedStatuses({ min: 200, max: 399 }, ...opts.expected) } : {}) };
  const payload = body === undefined ? null : JSON.stringify(body);
  return http.request(route.method, url(route, opts.id), payload, params) as unknown as Res;
}

function failure(step: SetupStep, route: PlanRoute, res: Res, message: string, where: SetupFailure['where']): SetupFailure {
  const sentence = field<string>(res, 'message');
  return { step, request: `${route.method} ${route.path}`, status: res.status, requestId: requestId(res), message: sentence ? `${message}: ${sentence}` : message, where };
}

/** Records a setup failure three ways (a counter, a log line, setup's data) so the stage sees it whatever k6 version runs. */
function report(f: SetupFailure): SetupFailure {
  setupFailures.add(1, { [STEP_TAG]: f.step, [PHASE_TAG]: 'setup' });
  console.error(encodeSetupFailure(f));
  return f;
}

interface Credentials {
  email: string;
  password?: string;
  token?: string;
}

/** Pre-provisioned users (HOLDFAST_LOAD_USERS, environment only): VU n signs in as user n mod count. */
const provisioned: Credentials[] = (() => {
  if (!__ENV.HOLDFAST_LOAD_USERS) return [];
  try {
    return JSON.parse(__ENV.HOLDFAST_LOAD_USERS) as Credentials[];
  } catch {
    return [];
  }
})();

function whoAmI(label: string): Credentials {
  if (provisioned.length) return provisioned[(exec.vu.idInTest - 1 + provisioned.length) % provisioned.length]!;
  return { email: `synthetic+${plan.runId}-k6-${label}@${plan.emailDomain}`, password: `K6-${plan.runId}-${label}-pw` };
}

/** Signs in in the profile's style; a refusal is a setup failure, never a load error. */
function signIn(label: string, where: SetupFailure['where']): { token: string } | { failure: SetupFailure } {
  const tags = setupTags('sign-in');
  const auth = plan.auth;
  const checkTags = { [PHASE_TAG]: 'setup' };
  if (auth.style === 'token') {
    const token = __ENV.HOLDFAST_TOKEN;
    if (!token) return { failure: { step: 'sign-in', request: '(none)', status: 0, message: 'HOLDFAST_AUTH=token but HOLDFAST_TOKEN is not in k6\'s environment', where } };
    if (auth.me && where === 'setup') {
      const me = send(auth.me, undefined, { token, tags });
      if (!check(me, { 'the given token signs in': (r) => r.status === auth.me!.ok }, checkTags)) return { failure: failure('sign-in', auth.me, me, 'the given token (HOLDFAST_TOKEN) was refused', where) };
    }
    return { token };
  }
  const who = whoAmI(label);
  if (who.token) return { token: who.token };
  if (auth.style === 'password') {
    const route = provisioned.length && auth.login ? auth.login : auth.register;
    const res = send(route, { email: who.email, password: who.password }, { tags });
    const token = field<string>(res, 'accessToken');
    if (!check(res, { 'synthetic user signs in with a password': (r) => r.status === route.ok && !!token }, checkTags)) {
      return { failure: failure('sign-in', route, res, provisioned.length ? 'a pre-provisioned user could not log in' : 'a synthetic user could not register', where) };
    }
    return { token: token! };
  }
  const started = send(auth.start, { channel: 'email', email: who.email, purpose: 'login' }, { tags });
  const code = field<string>(started, 'code');
  if (!check(started, { 'OTP start answers with the echoed code': (r) => r.status === auth.start.ok && !!code }, checkTags)) {
    return { failure: failure('sign-in', auth.start, started, started.status === auth.start.ok ? 'the target does not echo OTP codes (not in test mode)' : 'OTP start was refused', where) };
  }
  const verified = send(auth.verify, { channel: 'email', email: who.email, code }, { tags });
  const token = field<string>(verified, 'accessToken');
  if (!check(verified, { 'OTP verify signs the user in': (r) => r.status === auth.verify.ok && !!token }, checkTags)) {
    return { failure: failure('sign-in', auth.verify, verified, 'OTP verify with the echoed code was refused', where) };
  }
  return { token: token! };
}

/** The target is up, a synthetic user signs in in the profile's style, and the stock is there; otherwise the run is an error. */
export function setup(): SetupData {
  const ready = send(plan.routes.readiness, undefined, { tags: setupTags('readiness') });
  if (ready.status !== plan.routes.readiness.ok) return { failure: report(failure('readiness', plan.routes.readiness, ready, 'the target is not ready', 'setup')) };
  const session = signIn('setup', 'setup');
  if ('failure' in session) return { failure: report(session.failure) };
  const list = plan.routes.listHotelPackages;
  const found = http.get(`${url(list)}?status=PUBLISHED&search=${encodeURIComponent(plan.hotelName)}`, { headers: { 'X-Synthetic': plan.runId, 'X-Request-ID': newRequestId() }, tags: setupTags('stock') }) as unknown as Res;
  const items = field<{ id: string; name: string }[]>(found, 'items') ?? [];
  const hotel = items.find((i) => i.name === plan.hotelName);
  if (!hotel) return { failure: report(failure('stock', list, found, `no published package named "${plan.hotelName}"`, 'setup')) };
  return { hotelId: hotel.id };
}

/** A run whose setup failed measures nothing: stop at once (the summary and the log line carry the failure). */
function stopIfSetupFailed(data: SetupData): data is SetupData & { hotelId: string } {
  if (data.failure || !data.hotelId) {
    exec.test.abort(`setup failed: ${data.failure ? `${data.failure.step}: ${data.failure.request} answered ${data.failure.status}` : 'no stock'}`);
    return false;
  }
  return true;
}

export function browse(data: SetupData): void {
  if (!stopIfSetupFailed(data)) return;
  const tags = { [FLOW_TAG]: 'browse' };
  const page = 1 + (exec.scenario.iterationInTest % 3);
  const list = http.get(`${url(plan.routes.listHotelPackages)}?status=PUBLISHED&page=${page}&pageSize=2`, { headers: { 'X-Request-ID': newRequestId() }, tags });
  check(list, { 'package list answers 200 with items': (r) => r.status === 200 && Array.isArray(field(r as unknown as Res, 'items')) });
  const search = http.get(`${url(plan.routes.listHotelPackages)}?status=PUBLISHED&search=${encodeURIComponent(plan.hotelName)}`, { headers: { 'X-Request-ID': newRequestId() }, tags });
  check(search, { 'search answers 200': (r) => r.status === 200 });
  const detail = http.get(url(plan.routes.getHotelPackage, data.hotelId), { headers: { 'X-Request-ID': newRequestId() }, tags });
  check(detail, { 'package detail answers 200': (r) => r.status === 200 && field<string>(r as unknown as Res, 'id') === data.hotelId });
}

let token: string | undefined;

function refusedForStock(res: Res): boolean {
  const rule = plan.rejections.insufficientInventory;
  if (res.status !== rule.status) return false;
  return !rule.message || new RegExp(rule.message, 'i').test(field<string>(res, 'message') ?? '');
}

export function book(data: SetupData): void {
  if (!stopIfSetupFailed(data)) return;
  if (!token) {
    const session = signIn(`${exec.vu.idInTest}`, 'vu');
    if ('failure' in session) {
      // The first iterations cannot sign in (a rate limit on sign-ups, say): the run is an error, not a breach.
      report(session.failure);
      exec.test.abort(`a VU could not sign in: ${session.failure.request} answered ${session.failure.status}`);
      return;
    }
    token = session.token;
  }
  const tags = (step: BookStep) => ({ [FLOW_TAG]: 'book', [STEP_TAG]: step });
  const r = plan.routes;
  // Nights 30–79 days out: inside the 90 nights of seeded stock, clear of the race package (62+ days, another package).
  const offset = 30 + (exec.scenario.iterationInTest % 50);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const quote = send(r.quote, { packageType: 'HOTEL_PACKAGE', packageId: data.hotelId, checkInDate: day(offset), checkOutDate: day(offset + 1), numberOfGuests: 1, numberOfRooms: 1 }, { token, tags: tags('quote') });
  const quoteId = field<string>(quote, 'id');
  if (!check(quote, { 'quote answers its success status with an id': (res) => res.status === r.quote.ok && !!quoteId })) return;
  const hold = send(r.hold, { quoteId }, { token, tags: tags('hold'), expected: [plan.rejections.insufficientInventory.status], headers: { 'Idempotency-Key': `${plan.runId}-${quoteId}` } });
  check(hold, { 'hold answers its success status or the profile\'s sold-out refusal': (res) => res.status === r.hold.ok || refusedForStock(res as unknown as Res) });
  const holdId = field<string>(hold, 'id');
  if (hold.status !== r.hold.ok || !holdId) return;
  // Sold every other iteration where a hold can be cancelled, every iteration where only a confirmed booking can: pay and
  // confirm carry samples either way, and cancel always gives the unit back.
  const sell = plan.cancelFrom === 'CONFIRMED' || exec.scenario.iterationInTest % 2 === 0;
  if (sell) {
    const pay = send(r.pay, { bookingId: holdId, paymentMethodId: plan.payment.method, idempotencyKey: `${plan.runId}-pay-${holdId}` }, { token, tags: tags('pay') });
    const paid = check(pay, { 'pre-authorize answers its success status': (res) => res.status === r.pay.ok });
    const confirm = paid ? send(r.confirm, undefined, { id: holdId, token, tags: tags('confirm') }) : undefined;
    const confirmed = !!confirm && check(confirm, { 'confirm answers its success status': (res) => res.status === r.confirm.ok });
    if (!confirmed && plan.cancelFrom === 'CONFIRMED') {
      // Nothing releases an unconfirmed booking on this target: its hold expires on its own; counted, not hidden.
      leftBehind.add(1, { [STEP_TAG]: paid ? 'confirm' : 'pay' });
      return;
    }
  }
  const cancel = send(r.cancel, undefined, { id: holdId, token, tags: tags('cancel') });
  if (!check(cancel, { 'cancel gives the unit back': (res) => res.status === r.cancel.ok })) leftBehind.add(1, { [STEP_TAG]: 'cancel' });
}

export function health(data: SetupData): void {
  if (!stopIfSetupFailed(data)) return;
  const res = http.get(url(plan.routes.readiness), { headers: { 'X-Request-ID': newRequestId() }, tags: { [FLOW_TAG]: 'health' } });
  check(res, { 'readiness answers 200 ready': (x) => x.status === plan.routes.readiness.ok && field<string>(x as unknown as Res, 'status') === 'ready' });
}

/**
 * The summary Holdfast reads: k6's metrics, plus setup's outcome under `holdfast`. Setup's data itself is never written
 * (with a given token it holds none, but a report must not depend on that).
 */
export function handleSummary(data: { setup_data?: SetupData; [key: string]: unknown }): Record<string, string> {
  const { setup_data: setupData, ...rest } = data;
  const holdfast = { profile: plan.profile, setupFailure: setupData && setupData.failure ? setupData.failure : null };
  return { [plan.summaryPath]: JSON.stringify({ ...rest, holdfast }, null, 2) };
}
