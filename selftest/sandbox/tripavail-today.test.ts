// Does the tripavail-today dialect converse exactly as TripAvail's code was recorded doing (../shared/recordings/tripavail):
// same statuses, same fields with the same JSON types (money as strings on listings, numbers on bookings), same messages,
// every answer valid against the routes-as-data table, and the database left as the sheet describes (ledger rows)?
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { TODAY_PREFIX, todayRoutes, type TodayRouteName } from '../../src/systems/tripavail-today/routes.ts';
import { checkInvariants } from '../../src/integrity/invariants.ts';
import { tripavailLegacy } from '../../src/systems/tripavail-today/profile.ts';
import { daysFromToday } from '../../src/flows/dates.ts';
import { repoRoot } from '../helpers/run-cli.ts';

interface Recording {
  step: string;
  request: { method: string; path: string; body: unknown };
  response: { status: number; body: unknown };
}

const recordingsDir = join(repoRoot, '../shared/recordings/tripavail');
const recorded = new Map<string, Recording>(
  readdirSync(recordingsDir).filter((f) => f.endsWith('.json')).map((f) => {
    const r = JSON.parse(readFileSync(join(recordingsDir, f), 'utf8')) as Recording;
    return [r.step, r];
  }),
);

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ dialect: 'tripavail-today', port: 0 });
});
after(async () => sandbox?.stop());

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function send(route: TodayRouteName, opts: { params?: Record<string, string>; body?: unknown; token?: string; query?: string; requestId?: string } = {}): Promise<Answer> {
  const r = todayRoutes[route];
  const path = r.path.replace(/:([A-Za-z]+)/g, (_, k: string) => opts.params![k]!);
  const res = await fetch(`${sandbox.apiUrl}${TODAY_PREFIX}${path}${opts.query ?? ''}`, {
    method: r.method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.requestId ? { 'x-request-id': opts.requestId } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const answer = { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  const schema = (r.responses as Record<number, import('zod').ZodType>)[answer.status];
  assert.ok(schema, `${route}: status ${answer.status} is not in the route table`);
  const parsed = schema.safeParse(answer.body);
  assert.ok(parsed.success, `${route} ${answer.status}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}\n${JSON.stringify(answer.body)}`);
  return answer;
}

/** The fields of a JSON value and their JSON types, recursively (arrays by their first element). */
function shape(value: unknown, omit: ReadonlySet<string> = new Set()): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shape(value[0], omit)] : [];
  if (typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).filter((k) => !omit.has(k)).sort().map((k) => [k, shape((value as Record<string, unknown>)[k], omit)]));
  }
  return typeof value;
}

/** The answer has the recorded status and exactly the recorded fields and JSON types (healthy: without `password`). */
function likeRecording(step: string, answer: Answer, omit: string[] = []): void {
  const r = recorded.get(step);
  assert.ok(r, `no recording for ${step}`);
  assert.equal(answer.status, r.response.status, step);
  const skip = new Set(omit);
  // A placeholder in the recording ("<token>", "<code>") stands for a string; values recorded as null stay null-or-string.
  const loosen = (a: unknown, b: unknown): unknown => {
    if (b === 'null' && (a === 'string' || a === 'null')) return a;
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, loosen((a as Record<string, unknown>)[k], v)]));
    return b;
  };
  const mine = shape(answer.body, skip);
  assert.deepEqual(mine, loosen(mine, shape(r.response.body, skip)), `${step}: fields or JSON types differ from the recording`);
}

test('the recorded conversation, step by step: statuses, fields, JSON types and messages', async () => {
  likeRecording('health', await send('health'));
  likeRecording('health-ready', await send('readiness'));

  const email = 'synthetic+rec-1@example.test';
  const started = await send('otpStart', { body: { channel: 'email', email, purpose: 'login' } });
  likeRecording('signup-otp-start', started);
  const verified = await send('otpVerify', { body: { channel: 'email', email, code: started.body.code } });
  // Healthy: no password field (the contract); the recording has one (fault password-in-user answers like it).
  likeRecording('signup-otp-verify', verified, ['password']);
  assert.equal('password' in (verified.body.user as object), false, 'the healthy user object carries no password');
  const token = String(verified.body.accessToken);
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; iat: number; exp: number };
  assert.equal(claims.exp - claims.iat, 900, 'healthy tokens are JWTs expiring in 900 s');
  likeRecording('me', await send('me', { token }), ['password']);
  likeRecording('refusal-missing-token-me', await send('me', { requestId: 'rid-1' }));

  const list = await send('listHotelPackages', { query: '?status=PUBLISHED' });
  likeRecording('hotel-packages-list', list);
  const honeymoon = (list.body.items as { id: string; name: string }[]).find((i) => i.name === 'Honeymoon Paradise Package')!;
  likeRecording('hotel-package-detail', await send('getHotelPackage', { params: { id: honeymoon.id } }));
  const unknown = await send('getHotelPackage', { params: { id: 'c000000000000000000000000' }, requestId: 'rid-2' });
  likeRecording('refusal-unknown-id-hotel-package', unknown);
  assert.equal(unknown.body.message, 'Hotel package not found');
  assert.equal(unknown.body.requestId, 'rid-2');
  assert.equal(unknown.headers.get('x-request-id'), 'rid-2');

  const stay = { packageType: 'HOTEL_PACKAGE', packageId: honeymoon.id, checkInDate: daysFromToday(40), checkOutDate: daysFromToday(42), numberOfGuests: 2, numberOfRooms: 1 };
  const bad = await send('quote', { token, body: { ...stay, numberOfGuests: 0, numberOfRooms: undefined } });
  likeRecording('refusal-validation-quote-bad-body', bad);
  assert.equal(bad.body.message, 'Bad Request Exception');
  const quote = await send('quote', { token, body: stay });
  likeRecording('booking-quote', quote);
  assert.deepEqual(quote.body.priceSnapshot, (recorded.get('booking-quote')!.response.body as { priceSnapshot: unknown }).priceSnapshot, 'the same unrounded snapshot as recorded');
  assert.equal(quote.body.totalPrice, 5499.98);
  const id = String(quote.body.id);
  assert.equal(id.length, 25, 'cuid-like ids');
  likeRecording('booking-hold', await send('hold', { token, body: { quoteId: id } }));
  likeRecording('payment-pre-authorize', await send('preAuthorize', { token, body: { bookingId: id, paymentMethodId: 'pm_card_visa', idempotencyKey: 'synthetic-rec-preauth-1' } }));
  likeRecording('booking-confirm', await send('confirm', { token, params: { id } }));

  const providerStart = await send('otpStart', { body: { channel: 'email', email: 'hotel@example.com', purpose: 'login' } });
  likeRecording('provider-signin-otp-start', providerStart);
  const provider = await send('otpVerify', { body: { channel: 'email', email: 'hotel@example.com', code: providerStart.body.code } });
  likeRecording('provider-signin-otp-verify', provider, ['password']);
  const providerToken = String(provider.body.accessToken);
  likeRecording('booking-cancel-provider', await send('providerCancel', { token: providerToken, params: { id } }));
  const again = await send('providerCancel', { token: providerToken, params: { id } });
  likeRecording('refusal-wrong-state-cancel-again', again);
  assert.equal(again.body.message, recorded.get('refusal-wrong-state-cancel-again')!.response.body && (recorded.get('refusal-wrong-state-cancel-again')!.response.body as { message: string }).message);

  // The database as the sheet describes it: three confirm rows and three refund rows, and the books balance.
  const db = new pg.Client({ connectionString: sandbox.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT "type", count(*)::int AS n FROM "LedgerEntry" WHERE "bookingId" = $1 GROUP BY 1 ORDER BY 1`, [id]);
    assert.deepEqual(rows, [{ type: 'BOOKING_CONFIRMED', n: 3 }, { type: 'REFUND_PROCESSED', n: 3 }]);
    const results = await checkInvariants(db, { tables: tripavailLegacy.tables, mapping: tripavailLegacy.database, sweepIntervalMs: 60_000 });
    assert.deepEqual(results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.findings.join('; ')}`), []);
  } finally {
    await db.end();
  }
});

test('the sheet\'s refusals: no booking read route, only CONFIRMED is cancelled, stock short names the night, the OTP throttle', async () => {
  const session = async (email: string) => {
    const s = await send('otpStart', { body: { channel: 'email', email, purpose: 'login' } });
    return String((await send('otpVerify', { body: { channel: 'email', email, code: s.body.code } })).body.accessToken);
  };
  const owner = await session('owner@example.test');
  const stranger = await session('stranger@example.test');
  const list = await send('listHotelPackages', { query: '?search=Smoke%20Race%20Cabin' });
  const cabin = (list.body.items as { id: string }[])[0]!;
  const night = { checkInDate: daysFromToday(70), checkOutDate: daysFromToday(71) };
  const quote = async (rooms: number) => String((await send('quote', { token: owner, body: { packageType: 'HOTEL_PACKAGE', packageId: cabin.id, ...night, numberOfGuests: 1, numberOfRooms: rooms } })).body.id);

  const first = await quote(2);
  assert.equal((await send('hold', { token: stranger, body: { quoteId: first } })).body.message, 'You do not own this quote');
  assert.equal((await send('hold', { token: owner, body: { quoteId: first } })).status, 201);
  assert.equal((await send('hold', { token: owner, body: { quoteId: first } })).body.message, 'Cannot hold booking in HOLD state');
  assert.equal((await send('hold', { token: owner, body: { quoteId: await quote(2) } })).body.message, `Insufficient inventory for ${night.checkInDate}`);
  assert.equal((await send('cancel', { token: owner, params: { id: first } })).body.message, 'Cannot cancel booking with status HOLD. Only CONFIRMED bookings can be cancelled.');
  assert.equal((await send('confirm', { token: owner, params: { id: first } })).body.message, 'Cannot confirm booking with status HOLD. Must be PAYMENT_PENDING.');
  assert.equal((await send('preAuthorize', { token: stranger, body: { bookingId: first, paymentMethodId: 'pm_card_visa', idempotencyKey: 'k' } })).body.message, 'You can only pay for your own bookings');
  assert.equal((await send('hold', { token: owner, body: { quoteId: 'c000000000000000000000000' } })).status, 404);
  const read = await fetch(`${sandbox.apiUrl}/v1/bookings/${first}`, { headers: { authorization: `Bearer ${owner}` } });
  assert.equal(read.status, 404, 'no GET route for a booking');
  assert.equal((await send('listHotelPackages', { query: '?bogus=1' })).body.message, 'Bad Request Exception');

  const email = 'throttled@example.test';
  const answers = [];
  for (let i = 0; i < 4; i += 1) answers.push(await send('otpStart', { body: { channel: 'email', email, purpose: 'login' } }));
  assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 429]);
  assert.ok(Number(answers[3]!.headers.get('retry-after')) > 0, 'Retry-After on the 429');
});

test('fault password-in-user and token-no-expiry answer as the code does: the password column, opaque never-expiring tokens', async () => {
  await sandbox.setState({ faults: ['password-in-user', 'token-no-expiry'] });
  try {
    const email = 'faulty@example.test';
    const s = await send('otpStart', { body: { channel: 'email', email, purpose: 'login' } });
    const v = await send('otpVerify', { body: { channel: 'email', email, code: s.body.code } });
    likeRecording('signin-otp-verify', v);
    const user = v.body.user as { id: string };
    assert.equal(v.body.accessToken, `mock-access-${user.id}`);
    likeRecording('me', await send('me', { token: String(v.body.accessToken) }));
  } finally {
    await sandbox.setState({ faults: [] });
  }
});
