// Does the sandbox serve the TripAvail contract: prices, states, rejections, idempotency, expiry, ownership, and races?
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { ApiClient } from '../../src/client/api-client.ts';
import { nightAt } from '../../src/systems/tripavail/inventory.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import { releaseAtBarrier } from '../../src/integrity/barrier.ts';
import { assertInvariants, clientFor, freeUnits, newUser, quoteNight, raceHolds } from '../helpers/sandbox-client.ts';

const SWEEP_MS = 200;
let sandbox: Sandbox;
let api: ApiClient;

before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: SWEEP_MS });
  api = clientFor(sandbox);
});
after(async () => sandbox?.stop());
afterEach(async () => assertInvariants(sandbox, SWEEP_MS));

describe('pricing and the happy path', () => {
  test('quote → hold → pay → confirm → read → cancel, with the contract price and ledger', async () => {
    const user = await newUser(api);
    const night = { checkInDate: nightAt(30).checkInDate, checkOutDate: nightAt(32).checkInDate };
    const quote = await quoteNight(api, user, 'Romantic Weekend Escape', night, 2);
    const snapshot = quote.priceSnapshot as Record<string, unknown>; // the sandbox's own snapshot keys
    assert.deepEqual([snapshot.subtotal, snapshot.tax, quote.totalPrice], ['2399.96', '240.00', '2639.96']);
    const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: quote.id } });
    const payment = await api.expect('preAuthorize', 201, { token: user.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: randomUUID() } });
    assert.equal(payment.amount, '2639.96');
    const confirmed = await api.expect('confirm', 200, { token: user.token, params: { id: hold.id } });
    assert.equal(confirmed.totalPrice, '2639.96');
    assert.equal((await api.expect('getBooking', 200, { token: user.token, params: { id: hold.id } })).status, 'CONFIRMED');
    assert.equal((await api.expect('cancel', 200, { token: user.token, params: { id: hold.id } })).status, 'CANCELLED_BY_GUEST');
  });

  test('a tour quote prices per guest on a departure', async () => {
    const user = await newUser(api);
    const tours = await api.expect('listTourPackages', 200, { query: { search: 'Rocky' } });
    const tour = await api.expect('getTourPackage', 200, { params: { id: tours.items[0]!.id } });
    const departure = tour.departures[0]!.departureDate;
    const quote = await api.expect('quote', 201, { token: user.token, body: { packageType: 'TOUR_PACKAGE', packageId: tour.id, checkInDate: departure, departureDate: departure, numberOfGuests: 2 } });
    assert.equal(quote.totalPrice, '2859.98');
  });
});

describe('rejections', () => {
  test('auth: weak password 400, duplicate 409, wrong password 401, lock 429 with Retry-After, bad token 401', async () => {
    const email = `synthetic+lock-${randomUUID()}@example.test`;
    assert.equal((await api.call('register', { body: { email, password: 'short' }, validate: 'record' })).status, 400);
    await api.expect('register', 201, { body: { email, password: 'long-enough-password' } });
    assert.equal((await api.call('register', { body: { email, password: 'long-enough-password' }, validate: 'record' })).status, 409);
    for (let i = 0; i < 5; i += 1) assert.equal((await api.call('login', { body: { email, password: 'wrong-password!' }, validate: 'record' })).status, 401);
    const locked = await api.call('login', { body: { email, password: 'long-enough-password' }, validate: 'record' });
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.equal((await api.call('me', { token: 'x.y.z', validate: 'record' })).status, 401);
  });

  test('OTP: the code is echoed in test mode, a wrong code is 401, the 4th start in 5 minutes is 429', async () => {
    const email = `synthetic+otp-${randomUUID()}@example.test`;
    const start = () => api.call('otpStart', { body: { channel: 'email', email, purpose: 'login' }, validate: 'record' });
    const first = await start();
    assert.match((first.body as { code: string }).code, /^\d{6}$/);
    assert.equal((await api.call('otpVerify', { body: { channel: 'email', email, code: '000000x' }, validate: 'record' })).status, 401);
    await start();
    await start();
    assert.equal((await start()).status, 429);
  });

  test('catalog: unknown parameter and pageSize over 100 are 400, unknown id 404, drafts unlisted', async () => {
    assert.equal((await api.call('listHotelPackages', { query: { nope: 1 }, validate: 'record' })).status, 400);
    assert.equal((await api.call('listHotelPackages', { query: { pageSize: 101 }, validate: 'record' })).status, 400);
    assert.equal((await api.call('getHotelPackage', { params: { id: 'missing' }, validate: 'record' })).status, 404);
    const list = await api.expect('listHotelPackages', 200, { query: { status: 'PUBLISHED', pageSize: 100 } });
    assert.ok(!list.items.some((i) => i.name === 'Draft Retreat'));
  });

  test('booking: bad dates 400, hold twice 409, declined card 402, confirm early 409, pay twice 409, cancel twice 409', async () => {
    const user = await newUser(api);
    const night = nightAt(40);
    const pkg = (await api.expect('listHotelPackages', 200, { query: { search: 'Honeymoon' } })).items[0]!;
    assert.equal((await api.call('quote', { token: user.token, body: { packageType: 'HOTEL_PACKAGE', packageId: pkg.id, checkInDate: night.checkOutDate, checkOutDate: night.checkInDate, numberOfGuests: 1 }, validate: 'record' })).status, 400);
    assert.equal((await api.call('quote', { token: user.token, body: { packageType: 'HOTEL_PACKAGE', packageId: 'nope', ...night, numberOfGuests: 1 }, validate: 'record' })).status, 400);
    const quote = await quoteNight(api, user, 'Honeymoon Paradise Package', night);
    const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: quote.id } });
    assert.equal((await api.call('hold', { token: user.token, body: { quoteId: quote.id }, validate: 'record' })).status, 409);
    assert.equal((await api.call('confirm', { token: user.token, params: { id: hold.id }, validate: 'record' })).status, 409);
    assert.equal((await api.call('preAuthorize', { token: user.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_chargeDeclined', idempotencyKey: 'k1' }, validate: 'record' })).status, 402);
    await api.expect('preAuthorize', 201, { token: user.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: 'k2' } });
    assert.equal((await api.call('preAuthorize', { token: user.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: 'k3' }, validate: 'record' })).status, 409);
    await api.expect('cancel', 200, { token: user.token, params: { id: hold.id } });
    assert.equal((await api.call('cancel', { token: user.token, params: { id: hold.id }, validate: 'record' })).status, 409);
  });

  test('ownership: another user gets 404 on read, pay, confirm and cancel', async () => {
    const [owner, stranger] = await Promise.all([newUser(api), newUser(api)]);
    const hold = await api.expect('hold', 201, { token: owner.token, body: { quoteId: (await quoteNight(api, owner, 'Romantic Weekend Escape', nightAt(41))).id } });
    await api.expect('preAuthorize', 201, { token: owner.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: 'o1' } });
    for (const [name, opts] of [
      ['getBooking', { params: { id: hold.id } }],
      ['confirm', { params: { id: hold.id } }],
      ['cancel', { params: { id: hold.id } }],
    ] as const) {
      assert.equal((await api.call(name, { ...opts, token: stranger.token, validate: 'record' })).status, 404, name);
    }
    await api.expect('cancel', 200, { token: owner.token, params: { id: hold.id } });
  });
});

describe('idempotency', () => {
  test('a replayed key returns the same hold; another body with it is 422; no extra units', async () => {
    const user = await newUser(api);
    const night = nightAt(50);
    const before = await freeUnits(sandbox, 'room-race', night);
    const quote = await quoteNight(api, user, 'Smoke Race Cabin', night);
    const hold = () => api.call('hold', { token: user.token, body: { quoteId: quote.id }, headers: { 'Idempotency-Key': 'same-key' }, validate: 'record' });
    const [a, b] = [await hold(), await hold()];
    assert.deepEqual([a.status, b.status], [201, 201]);
    assert.equal((a.body as { id: string }).id, (b.body as { id: string }).id);
    const other = await quoteNight(api, user, 'Smoke Race Cabin', night);
    assert.equal((await api.call('hold', { token: user.token, body: { quoteId: other.id }, headers: { 'Idempotency-Key': 'same-key' }, validate: 'record' })).status, 422);
    assert.equal(await freeUnits(sandbox, 'room-race', night), before - 1);
    await api.expect('cancel', 200, { token: user.token, params: { id: (a.body as { id: string }).id } });
  });

  test('10 concurrent requests with one key: one hold, ten 201s, no 5xx', async () => {
    const user = await newUser(api);
    const night = nightAt(51);
    const quote = await quoteNight(api, user, 'Smoke Race Cabin', night);
    const answers = await releaseAtBarrier(Array.from({ length: 10 }, () => ({ method: 'POST' as const, url: `${sandbox.apiUrl}/v1/bookings/hold`, headers: { authorization: `Bearer ${user.token}`, 'idempotency-key': 'k-concurrent' }, body: { quoteId: quote.id } })), 10_000);
    assert.deepEqual(answers.map((a) => a.status), Array(10).fill(201));
    assert.equal(new Set(answers.map((a) => (a.body as { id: string }).id)).size, 1);
    assert.equal(await freeUnits(sandbox, 'room-race', night), 2);
    await api.expect('cancel', 200, { token: user.token, params: { id: (answers[0]!.body as { id: string }).id } });
  });
});

describe('expiry', () => {
  test('with a 2 s TTL and a 200 ms sweep the hold expires, its units return, and pay/confirm are refused', async () => {
    const user = await newUser(api);
    const night = nightAt(52);
    const quote = await quoteNight(api, user, 'Smoke Race Cabin', night);
    const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: quote.id } });
    assert.equal(await freeUnits(sandbox, 'room-race', night), 2);
    const { met } = await pollUntil(async () => (await api.expect('getBooking', 200, { token: user.token, params: { id: hold.id } })).status, (s) => s === 'EXPIRED_HOLD', Date.parse(hold.holdExpiresAt) + SWEEP_MS + 1_000, 50);
    assert.ok(met, 'the hold did not expire in time');
    assert.equal(await freeUnits(sandbox, 'room-race', night), 3);
    assert.equal((await api.call('preAuthorize', { token: user.token, body: { bookingId: hold.id, paymentMethodId: 'pm_card_visa', idempotencyKey: 'late' }, validate: 'record' })).status, 410);
    assert.equal((await api.call('confirm', { token: user.token, params: { id: hold.id }, validate: 'record' })).status, 409);
  });
});

describe('concurrency', () => {
  test('50 concurrent holds on the 3-room cabin give exactly 3 holds and 47 × 409, five times', async () => {
    for (let round = 0; round < 5; round += 1) {
      const night = nightAt(60 + round);
      const statuses = await raceHolds(sandbox, api, 'Smoke Race Cabin', night, 50);
      assert.equal(statuses.filter((s) => s === 201).length, 3, `round ${round}: ${statuses.join(',')}`);
      assert.equal(statuses.filter((s) => s === 409).length, 47, `round ${round}`);
      assert.equal(await freeUnits(sandbox, 'room-race', night), 0);
    }
  });
});
