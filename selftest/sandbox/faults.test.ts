// Does each fault make the sandbox misbehave exactly as the catalog says (so the gate's failures are real)?
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { faultCatalog, listFaults } from '../../sandbox/faults.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { ApiClient } from '../../src/client/api-client.ts';
import { jwtClaims } from '../../src/flows/auth.ts';
import { syntheticUser } from '../../src/flows/identity.ts';
import { nightAt } from '../../src/systems/tripavail/inventory.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import { clientFor, freeUnits, newUser, quoteNight, raceHolds } from '../helpers/sandbox-client.ts';

/** One sandbox per hold TTL for the whole file, started on first use; each case resets it and switches its fault on. */
const sandboxes = new Map<number, Promise<Sandbox>>();
after(async () => Promise.all([...sandboxes.values()].map(async (s) => (await s).stop())));

async function withFault(fault: string, body: (sandbox: Sandbox, api: ApiClient) => Promise<void>, options: { holdTtlSeconds?: number } = {}) {
  const ttl = options.holdTtlSeconds ?? 600;
  if (!sandboxes.has(ttl)) sandboxes.set(ttl, startSandbox({ port: 0, webPort: 0, holdTtlSeconds: ttl, sweepIntervalMs: 100 }));
  const sandbox = await sandboxes.get(ttl)!;
  await sandbox.reset();
  await sandbox.setState({ faults: [fault] });
  try {
    await body(sandbox, clientFor(sandbox));
  } finally {
    await sandbox.setState({ faults: [] });
  }
}

const listHotels = (api: ApiClient) => api.call('listHotelPackages', { query: { status: 'PUBLISHED', pageSize: 100 }, validate: 'record' });

test('--list-faults names every fault of the catalog, and the catalog has every fault ../shared/faults.md discloses', () => {
  for (const name of Object.keys(faultCatalog)) assert.match(listFaults(), new RegExp(`^${name} `, 'm'));
  const disclosed = [...readFileSync(new URL('../../../shared/faults.md', import.meta.url), 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
  assert.ok(disclosed.length >= 19, `faults.md lists ${disclosed.length} faults`);
  assert.deepEqual(disclosed.filter((name) => !(name in faultCatalog)), []);
});

test('api-down: every route answers 503', () => withFault('api-down', async (_, api) => {
  for (const name of ['health', 'readiness', 'listHotelPackages'] as const) assert.equal((await api.call(name, { validate: 'record' })).status, 503);
}));

test('ready-lies: readiness answers 200 not_ready while the database is unreachable', () => withFault('ready-lies', async (_, api) => {
  const res = await api.call('readiness', { validate: 'record' });
  assert.equal(res.status, 200);
  assert.equal((res.body as { status: string }).status, 'not_ready');
}));

test('db-down: liveness 200, readiness 503, flows fail', () => withFault('db-down', async (_, api) => {
  assert.equal((await api.call('health')).status, 200);
  assert.equal((await api.call('readiness', { validate: 'record' })).status, 503);
  assert.ok((await listHotels(api)).status >= 500);
}));

test('login-500: password login and OTP verify answer 500', () => withFault('login-500', async (_, api) => {
  assert.equal((await api.call('login', { body: { email: 'a@example.test', password: 'whatever-password' }, validate: 'record' })).status, 500);
  assert.equal((await api.call('otpVerify', { body: { channel: 'email', email: 'a@example.test', code: '123456' }, validate: 'record' })).status, 500);
}));

test('token-no-expiry: tokens carry no exp', () => withFault('token-no-expiry', async (_, api) => {
  const user = await newUser(api);
  assert.equal(jwtClaims(user.token)?.exp, undefined);
  assert.equal((await api.call('me', { token: user.token })).status, 200);
}));

test('catalog-empty: lists answer items: []', () => withFault('catalog-empty', async (_, api) => {
  assert.deepEqual((await listHotels(api)).body, { items: [], total: 0, page: 1, pageSize: 100 });
}));

test('catalog-drafts: a PUBLISHED listing includes the draft', () => withFault('catalog-drafts', async (_, api) => {
  assert.ok(((await listHotels(api)).body as { items: { name: string }[] }).items.some((i) => i.name === 'Draft Retreat'));
}));

test('schema-drift: list items carry price instead of pricePerPerson', () => withFault('schema-drift', async (_, api) => {
  const res = await listHotels(api);
  const item = (res.body as { items: Record<string, unknown>[] }).items[0]!;
  assert.ok('price' in item && !('pricePerPerson' in item));
  assert.match(res.contractViolation ?? '', /pricePerPerson/);
}));

test('quote-tax-wrong: tax is 1 %', () => withFault('quote-tax-wrong', async (_, api) => {
  const quote = await quoteNight(api, await newUser(api), 'Romantic Weekend Escape', nightAt(30));
  assert.equal((quote.priceSnapshot as Record<string, unknown>).tax, '6.00');
}));

test('overbooking: 50 concurrent holds oversell the 3-room cabin in at least 9 of 10 runs', () => withFault('overbooking', async (sandbox, api) => {
  let oversold = 0;
  for (let run = 0; run < 10; run += 1) {
    const statuses = await raceHolds(sandbox, api, 'Smoke Race Cabin', nightAt(70 + run), 50);
    if (statuses.filter((s) => s === 201).length > 3) oversold += 1;
  }
  assert.ok(oversold >= 9, `oversold in ${oversold} of 10 runs`);
}));

test('hold-never-expires: an overdue hold stays HOLD', () => withFault('hold-never-expires', async (_, api) => {
  const user = await newUser(api);
  const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: (await quoteNight(api, user, 'Romantic Weekend Escape', nightAt(31))).id } });
  const { met, value } = await pollUntil(async () => (await api.expect('getBooking', 200, { token: user.token, params: { id: hold.id } })).status, (s) => s !== 'HOLD', Date.parse(hold.holdExpiresAt) + 500, 100);
  assert.equal(met, false);
  assert.equal(value, 'HOLD');
}, { holdTtlSeconds: 1 }));

test('expiry-keeps-units: the hold expires but its unit is not returned', () => withFault('expiry-keeps-units', async (sandbox, api) => {
  const user = await newUser(api);
  const night = nightAt(32);
  const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: (await quoteNight(api, user, 'Smoke Race Cabin', night)).id } });
  const { met } = await pollUntil(async () => (await api.expect('getBooking', 200, { token: user.token, params: { id: hold.id } })).status, (s) => s === 'EXPIRED_HOLD', Date.parse(hold.holdExpiresAt) + 1_000, 100);
  assert.ok(met);
  assert.equal(await freeUnits(sandbox, 'room-race', night), 2);
}, { holdTtlSeconds: 1 }));

test('idempotency-ignored: a replayed key makes a second hold', () => withFault('idempotency-ignored', async (sandbox, api) => {
  const user = await newUser(api);
  const night = nightAt(33);
  const quote = await quoteNight(api, user, 'Smoke Race Cabin', night);
  const hold = () => api.call('hold', { token: user.token, body: { quoteId: quote.id }, headers: { 'Idempotency-Key': 'k' }, validate: 'record' });
  const [a, b] = [await hold(), await hold()];
  assert.notEqual((a.body as { id: string }).id, (b.body as { id: string }).id);
  assert.equal(await freeUnits(sandbox, 'room-race', night), 1);
}));

test('confirm-expired: an expired hold can be paid and confirmed', () => withFault('confirm-expired', async (_, api) => {
  const user = await newUser(api);
  const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: (await quoteNight(api, user, 'Romantic Weekend Escape', nightAt(34))).id } });
  await pollUntil(async () => (await api.expect('getBooking', 200, { token: user.token, params: { id: hold.id } })).status, (s) => s === 'EXPIRED_HOLD', Date.parse(hold.holdExpiresAt) + 1_000, 100);
  assert.equal((await api.call('preAuthorize', { token: user.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: randomUUID() }, validate: 'record' })).status, 201);
  assert.equal((await api.call('confirm', { token: user.token, params: { id: hold.id }, validate: 'record' })).status, 200);
}, { holdTtlSeconds: 1 }));

test("idor-confirm: a stranger reads and confirms someone else's booking", () => withFault('idor-confirm', async (_, api) => {
  const [owner, stranger] = await Promise.all([newUser(api), newUser(api)]);
  const hold = await api.expect('hold', 201, { token: owner.token, body: { quoteId: (await quoteNight(api, owner, 'Romantic Weekend Escape', nightAt(35))).id } });
  await api.expect('preAuthorize', 201, { token: owner.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: randomUUID() } });
  assert.equal((await api.call('getBooking', { token: stranger.token, params: { id: hold.id }, validate: 'record' })).status, 200);
  assert.equal((await api.call('confirm', { token: stranger.token, params: { id: hold.id }, validate: 'record' })).status, 200);
}));

test('slow-catalog: every tenth package-list request waits 400 ms', () => withFault('slow-catalog', async (_, api) => {
  const durations: number[] = [];
  for (let i = 0; i < 20; i += 1) durations.push((await listHotels(api)).exchange.timings!.totalMs);
  assert.equal(durations.filter((d) => d >= 400).length, 2, durations.map((d) => d.toFixed(0)).join(','));
}));

test('flaky-5xx: every fiftieth request answers 500', () => withFault('flaky-5xx', async (_, api) => {
  const statuses: number[] = [];
  for (let i = 0; i < 100; i += 1) statuses.push((await api.call('health', { validate: 'record' })).status);
  assert.equal(statuses.filter((s) => s === 500).length, 2);
}));

test('no-request-id: error bodies and headers carry no request id', () => withFault('no-request-id', async (_, api) => {
  const res = await api.call('getHotelPackage', { params: { id: 'missing' }, validate: 'record' });
  assert.equal(res.headers['x-request-id'], undefined);
  assert.equal((res.body as { requestId?: string }).requestId, undefined);
}));

test('web-book-broken: the package page renders with its quote button unwired', () => withFault('web-book-broken', async (sandbox) => {
  const html = await (await fetch(`${sandbox.webUrl}/packages/any`)).text();
  assert.match(html, /data-quote-enabled="false"/);
  assert.match(html, />Get Quote</);
}));

test('no-login-lockout: the sixth login after five failures is not throttled', () => withFault('no-login-lockout', async (_, api) => {
  const user = syntheticUser('selftest', 'example.test', 'lockout');
  await api.expect('register', 201, { body: user });
  for (let i = 0; i < 5; i += 1) assert.equal((await api.call('login', { body: { email: user.email, password: 'wrong-password-123' }, validate: 'record' })).status, 401);
  assert.equal((await api.call('login', { body: { email: user.email, password: user.password }, validate: 'record' })).status, 200);
}));

test('an unknown dialect, or health-drift without a dialect, is refused before anything starts', async () => {
  await assert.rejects(startSandbox({ port: 0, dialect: 'nope' }), /unknown dialect "nope" \(known: travellr, soleil, servicelink, erp/);
  await assert.rejects(startSandbox({ port: 0, faults: ['health-drift'] }), /health-drift applies to dialects only/);
});
