// Can a running sandbox be switched between broken releases and put back to its seed, and do web holds get their own TTL?
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { ApiClient } from '../../src/client/api-client.ts';
import { nightAt } from '../../src/systems/tripavail/inventory.ts';
import { clientFor, freeUnits, newUser, quoteNight } from '../helpers/sandbox-client.ts';
import { pollUntil } from '../../src/integrity/poll.ts';

let sandbox: Sandbox;
let api: ApiClient;

before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, webHoldTtlSeconds: 120, sweepIntervalMs: 100 });
  api = clientFor(sandbox);
});
after(async () => sandbox?.stop());

const putState = (body: unknown) => fetch(`${sandbox.apiUrl}/__sandbox/state`, { method: 'PUT', body: JSON.stringify(body) });
const status = async (path: string) => (await fetch(`${sandbox.apiUrl}${path}`)).status;

test('PUT /__sandbox/state switches faults on and off without a restart', async () => {
  assert.equal((await putState({ faults: ['api-down'] })).status, 200);
  assert.equal(await status('/v1/health'), 503);
  assert.deepEqual(sandbox.faults, ['api-down']);
  const back = await putState({ faults: [], conformance: 'off' });
  assert.deepEqual(await back.json(), { faults: [], conformance: 'off' });
  assert.equal(await status('/v1/health'), 200);
});

test('db-down and ready-lies cut the service off from its database at run time, and back', async () => {
  await sandbox.setState({ faults: ['db-down'] });
  assert.equal(await status('/v1/health/ready'), 503);
  assert.equal(await status('/v1/health'), 200);
  await sandbox.setState({ faults: ['ready-lies'] });
  const lying = await fetch(`${sandbox.apiUrl}/v1/health/ready`);
  assert.deepEqual([lying.status, ((await lying.json()) as { status: string }).status], [200, 'not_ready']);
  await sandbox.setState({ faults: [] });
  assert.equal(await status('/v1/health/ready'), 200);
});

test('an unknown fault, or a dialect-only one, is a 400 naming it; the state is unchanged', async () => {
  const unknown = await putState({ faults: ['nope'] });
  assert.equal(unknown.status, 400);
  assert.match(((await unknown.json()) as { message: string }).message, /unknown fault "nope"/);
  assert.equal((await putState({ faults: ['health-drift'] })).status, 400);
  assert.equal((await putState({ faults: 'api-down' })).status, 400);
  assert.deepEqual(sandbox.faults, []);
});

test('web-book-broken reaches the next page the web app serves', async () => {
  const page = async () => (await fetch(`${sandbox.webUrl}/packages/x`)).text();
  const healthy = await page();
  await sandbox.setState({ faults: ['web-book-broken'] });
  assert.notEqual(await page(), healthy);
  await sandbox.setState({ faults: [] });
  assert.equal(await page(), healthy);
});

test('hold-never-expires stops the running sweep; switched off, the sweep expires the hold', async () => {
  await sandbox.setState({ faults: ['hold-never-expires'] });
  const user = await newUser(api);
  const hold = await api.expect('hold', 201, { token: user.token, body: { quoteId: (await quoteNight(api, user, 'Romantic Weekend Escape', nightAt(40))).id } });
  const read = async () => (await api.expect('getBooking', 200, { token: user.token, params: { id: hold.id } })).status;
  // A negative: watched until the hold is overdue by several 100 ms sweep ticks, it must stay held throughout.
  const held = await pollUntil(read, (status) => status !== 'HOLD', Date.parse(hold.holdExpiresAt) + 500, 50);
  assert.equal(held.value, 'HOLD');
  await sandbox.setState({ faults: [] });
  const swept = await pollUntil(read, (status) => status !== 'HOLD', Date.now() + 5_000, 50);
  assert.equal(swept.value, 'EXPIRED_HOLD');
});

test('POST /__sandbox/reset puts the seed back', async () => {
  const night = nightAt(50);
  const before = await freeUnits(sandbox, 'room-romantic', night);
  const user = await newUser(api);
  await api.expect('hold', 201, { token: user.token, body: { quoteId: (await quoteNight(api, user, 'Romantic Weekend Escape', night)).id } });
  assert.equal(await freeUnits(sandbox, 'room-romantic', night), before - 1);
  assert.equal((await fetch(`${sandbox.apiUrl}/__sandbox/reset`, { method: 'POST' })).status, 200);
  assert.equal(await freeUnits(sandbox, 'room-romantic', night), before);
});

test('holds placed from the web app live the web TTL; others the sandbox TTL', async () => {
  const user = await newUser(api);
  const lifetime = async (origin?: string) => {
    const quote = await quoteNight(api, user, 'Romantic Weekend Escape', nightAt(60 + Math.floor(Math.random() * 40)));
    const res = await fetch(`${sandbox.apiUrl}/v1/bookings/hold`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ quoteId: quote.id }),
    });
    assert.equal(res.status, 201);
    const hold = (await res.json()) as { heldAt: string; holdExpiresAt: string };
    return Math.round((Date.parse(hold.holdExpiresAt) - Date.parse(hold.heldAt)) / 1000);
  };
  assert.equal(await lifetime(new URL(sandbox.webUrl).origin), 120);
  assert.equal(await lifetime(), 2);
  assert.equal(await lifetime('http://elsewhere.example'), 2);
});
