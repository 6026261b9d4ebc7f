// Does the target meet its SLOs under a realistic, open-model load? browse, book and health at fixed arrival rates.
import http from 'k6/http';
import { check, fail } from 'k6';
import exec from 'k6/execution';
import { FLOWS, parsePlan, type BookStep, type Flow, type LoadPlan } from './lib/plan.ts';
import { buildThresholds, FLOW_TAG, STEP_TAG } from './lib/thresholds.ts';

const plan: LoadPlan = parsePlan(__ENV.HOLDFAST_LOAD_PLAN);
const json = { 'Content-Type': 'application/json', 'X-Synthetic': plan.runId };

function scenario(flow: Flow) {
  const rate = Math.max(1, Math.round(plan.rates[flow]));
  const vus = Math.max(2, Math.ceil(rate / 2));
  const tags = { [FLOW_TAG]: flow };
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
  scenarios: Object.fromEntries(FLOWS.filter((f) => plan.rates[f] > 0).map((f) => [f, scenario(f)])),
  thresholds: buildThresholds(plan.slo, FLOWS.filter((f) => plan.rates[f] > 0)).thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
  setupTimeout: '30s',
  noConnectionReuse: false,
};

interface SetupData {
  hotelId: string;
}

function url(path: string, id?: string): string {
  return `${plan.baseUrl}${id ? path.replace(':id', encodeURIComponent(id)) : path}`;
}

function field<T>(res: { json: (selector?: string) => unknown }, selector: string): T | undefined {
  try {
    return res.json(selector) as T;
  } catch {
    return undefined;
  }
}

export function setup(): SetupData {
  const ready = http.get(url(plan.paths.readiness), { tags: { [FLOW_TAG]: 'setup' } });
  if (ready.status !== 200) fail(`target not ready: GET ${plan.paths.readiness} answered ${ready.status}`);
  const list = http.get(`${url(plan.paths.listHotelPackages)}?status=PUBLISHED&search=${encodeURIComponent(plan.hotelName)}`, { tags: { [FLOW_TAG]: 'setup' } });
  const items = field<{ id: string; name: string }[]>(list, 'items') ?? [];
  const hotel = items.find((i) => i.name === plan.hotelName);
  if (!hotel) fail(`no published package named "${plan.hotelName}" (GET ${plan.paths.listHotelPackages} answered ${list.status})`);
  return { hotelId: hotel!.id };
}

export function browse(data: SetupData): void {
  const tags = { [FLOW_TAG]: 'browse' };
  const page = 1 + (exec.scenario.iterationInTest % 3);
  const list = http.get(`${url(plan.paths.listHotelPackages)}?status=PUBLISHED&page=${page}&pageSize=2`, { tags });
  check(list, { 'package list answers 200 with items': (r) => r.status === 200 && Array.isArray(field(r, 'items')) });
  const search = http.get(`${url(plan.paths.listHotelPackages)}?status=PUBLISHED&search=${encodeURIComponent(plan.hotelName)}`, { tags });
  check(search, { 'search answers 200': (r) => r.status === 200 });
  const detail = http.get(url(plan.paths.getHotelPackage, data.hotelId), { tags });
  check(detail, { 'package detail answers 200': (r) => r.status === 200 && field<string>(r, 'id') === data.hotelId });
}

let token: string | undefined = plan.token;

function signIn(): string | undefined {
  if (token) return token;
  const email = `synthetic+${plan.runId}-k6-${exec.vu.idInTest}@${plan.emailDomain}`;
  const res = http.post(url(plan.paths.register), JSON.stringify({ email, password: `K6-${plan.runId}-${exec.vu.idInTest}-pw` }), { headers: json, tags: { [FLOW_TAG]: 'book', [STEP_TAG]: 'sign-in' } });
  check(res, { 'synthetic user registers': (r) => r.status === 201 });
  token = field<string>(res, 'accessToken');
  return token;
}

export function book(data: SetupData): void {
  const tags = (step: BookStep) => ({ [FLOW_TAG]: 'book', [STEP_TAG]: step });
  const bearer = signIn();
  if (!bearer) return;
  const headers = { ...json, Authorization: `Bearer ${bearer}` };
  const offset = 30 + (exec.scenario.iterationInTest % 80);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const quote = http.post(url(plan.paths.quote), JSON.stringify({ packageType: 'HOTEL_PACKAGE', packageId: data.hotelId, checkInDate: day(offset), checkOutDate: day(offset + 1), numberOfGuests: 1, numberOfRooms: 1 }), { headers, tags: tags('quote') });
  const quoteId = field<string>(quote, 'id');
  if (!check(quote, { 'quote answers 201': (r) => r.status === 201 && !!quoteId })) return;
  const hold = http.post(url(plan.paths.hold), JSON.stringify({ quoteId }), { headers: { ...headers, 'Idempotency-Key': `${plan.runId}-${quoteId}` }, tags: tags('hold') });
  check(hold, { 'hold answers 201 or 409': (r) => r.status === 201 || r.status === 409 });
  const holdId = field<string>(hold, 'id');
  if (hold.status !== 201 || !holdId) return;
  // Every other iteration is sold: pre-authorize and confirm, so those steps carry samples too; then cancel gives the unit back.
  if (exec.scenario.iterationInTest % 2 === 0) {
    const pay = http.post(url(plan.paths.preAuthorize), JSON.stringify({ bookingId: holdId, paymentMethodId: plan.paymentMethod, idempotencyKey: `${plan.runId}-pay-${holdId}` }), { headers, tags: tags('pay') });
    if (check(pay, { 'pre-authorize answers 201': (r) => r.status === 201 })) {
      const confirm = http.post(url(plan.paths.confirm, holdId), null, { headers, tags: tags('confirm') });
      check(confirm, { 'confirm answers 200': (r) => r.status === 200 });
    }
  }
  const cancel = http.post(url(plan.paths.cancel, holdId), null, { headers, tags: tags('cancel') });
  check(cancel, { 'cancel returns the units (200)': (r) => r.status === 200 });
}

export function health(): void {
  const res = http.get(url(plan.paths.readiness), { tags: { [FLOW_TAG]: 'health' } });
  check(res, { 'readiness answers 200 ready': (r) => r.status === 200 && field<string>(r, 'status') === 'ready' });
}

export function handleSummary(data: unknown): Record<string, string> {
  return { [plan.summaryPath]: JSON.stringify(data, null, 2) };
}
