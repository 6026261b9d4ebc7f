// Does the one router behind the contract and every dialect route, refuse and fail as each server's options say?
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from '../../sandbox/faults.ts';
import { HttpProblem } from '../../sandbox/http/problem.ts';
import { createRouter, type Reply, type RoutedRequest, type RouterOptions, type RouterRoute } from '../../sandbox/http/router.ts';

const echo = async (req: RoutedRequest<unknown, unknown>): Promise<Reply> => ({ status: 200, body: { params: req.params, query: req.query, body: req.body, token: req.token ?? null, ip: req.ip, requestId: req.requestId } });
const table: RouterRoute[] = [
  { name: 'item', method: 'GET', path: '/items/:id', handle: echo },
  { name: 'create', method: 'POST', path: '/items', handle: echo },
  { name: 'problem', method: 'GET', path: '/problem', handle: async () => { throw new HttpProblem(429, 'slow down', 'RATE_LIMITED', { 'retry-after': '7' }); } },
  { name: 'database', method: 'GET', path: '/database', handle: async () => { throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }); } },
  { name: 'bug', method: 'GET', path: '/bug', handle: async () => { throw new Error('undefined is not a function'); } },
];

/** Bodies as JSON (empty is undefined), refused with 422 and the error body's `code`. */
const jsonInput: RouterOptions['input'] = (_route, raw, query) => {
  if (!raw) return { body: undefined, query };
  try {
    return { body: JSON.parse(raw), query };
  } catch {
    throw new HttpProblem(422, 'not JSON', 'BAD_JSON');
  }
};

const servers: Server[] = [];
after(async () => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

async function serve(options: Partial<RouterOptions> = {}) {
  const logs: string[] = [];
  const faults = options.faults ?? new Faults();
  const server = createRouter({
    prefix: '/v1',
    routes: table,
    wrongMethod: 405,
    input: jsonInput,
    errorBody: (problem, site) => ({ error: problem.message, code: problem.code, ...site }),
    faults,
    log: (line) => logs.push(line),
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(base + path, { method, body: init.body, headers: { 'x-request-id': 'req-1', ...init.headers } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return { call, logs, faults };
}

test('a route gets its decoded params, query, JSON body, bearer token, client address and request id', async () => {
  const { call } = await serve();
  const got = await call('GET', '/v1/items/a%20b?x=1', { headers: { authorization: 'Bearer t0k' } });
  assert.equal(got.status, 200);
  assert.deepEqual(got.body, { params: { id: 'a b' }, query: { x: '1' }, token: 't0k', ip: '127.0.0.1', requestId: 'req-1' });
  assert.equal(got.headers.get('x-request-id'), 'req-1');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual((await call('POST', '/v1/items', { body: '{"a":1}' })).body?.body, { a: 1 });
  assert.match(String((await call('GET', '/v1/items/1', { headers: { 'x-request-id': '' } })).headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
});

test('an unknown path is 404 "Cannot <METHOD> <path>"; another method on a known path is 405, or 404 when the server says so', async () => {
  const strict = await serve();
  assert.deepEqual(pick(await strict.call('GET', '/items/1')), [404, 'Cannot GET /items/1', 'NOT_FOUND']);
  assert.deepEqual(pick(await strict.call('DELETE', '/v1/items/1')), [405, 'Method DELETE not allowed on /v1/items/1', 'METHOD_NOT_ALLOWED']);
  const nest = await serve({ wrongMethod: 404 });
  assert.deepEqual(pick(await nest.call('DELETE', '/v1/items/1')), [404, 'Cannot DELETE /v1/items/1', 'NOT_FOUND']);
});

test('a trailing slash names the route only where the server accepts one', async () => {
  assert.equal((await (await serve()).call('GET', '/v1/items/1/')).status, 404);
  const lenient = await serve({ trailingSlash: true });
  assert.deepEqual((await lenient.call('GET', '/v1/items/1/')).body?.params, { id: '1' });
});

test('CORS: its headers on every answer and OPTIONS answered 204; without it OPTIONS is routed like any method', async () => {
  const cors = await serve({ cors: { 'access-control-allow-origin': '*' } });
  const preflight = await cors.call('OPTIONS', '/v1/items');
  assert.deepEqual([preflight.status, preflight.body, preflight.headers.get('access-control-allow-origin')], [204, undefined, '*']);
  assert.equal((await cors.call('GET', '/nowhere')).headers.get('access-control-allow-origin'), '*');
  const plain = await serve();
  const routed = await plain.call('OPTIONS', '/v1/items');
  assert.deepEqual([routed.status, routed.headers.get('access-control-allow-origin')], [405, null]);
});

test("a refused input, a handler's HttpProblem, an unreachable database and a bug each answer in the server's error body", async () => {
  const { call, logs } = await serve({ databaseDownMessage: 'Service Unavailable' });
  assert.deepEqual(pick(await call('POST', '/v1/items', { body: '{oops' })), [422, 'not JSON', 'BAD_JSON']);
  const limited = await call('GET', '/v1/problem');
  assert.deepEqual([...pick(limited), limited.headers.get('retry-after')], [429, 'slow down', 'RATE_LIMITED', '7']);
  assert.deepEqual(pick(await call('GET', '/v1/database')), [503, 'Service Unavailable', 'SERVICE_UNAVAILABLE']);
  assert.deepEqual(logs, []);
  const bug = await call('GET', '/v1/bug');
  assert.deepEqual([...pick(bug), bug.body?.path, bug.body?.method, bug.body?.requestId], [500, 'Internal server error', 'INTERNAL', '/v1/bug', 'GET', 'req-1']);
  assert.deepEqual(logs, ['sandbox: GET /v1/bug failed (request id req-1): undefined is not a function']);
  assert.equal((await (await serve()).call('GET', '/v1/database')).body?.error, 'database unavailable');
});

test('faults: api-down answers 503 before routing, flaky-5xx fails every 50th request, no-request-id drops the id from header and body', async () => {
  const { call, faults } = await serve();
  faults.set(['api-down']);
  assert.deepEqual(pick(await call('GET', '/nowhere')), [503, 'Service Unavailable', 'SERVICE_UNAVAILABLE']);
  faults.set(['flaky-5xx']);
  const statuses: number[] = [];
  for (let i = 0; i < 50; i++) statuses.push((await call('GET', '/v1/items/1')).status);
  assert.deepEqual([statuses.filter((s) => s === 500).length, statuses.at(-1)], [1, 500]);
  faults.set(['no-request-id']);
  const anonymous = await call('GET', '/nowhere');
  assert.deepEqual([anonymous.headers.get('x-request-id'), anonymous.body?.requestId], [null, undefined]);
});

test('finish rewrites every answer, knowing the matched route (none before matching)', async () => {
  const seen: (string | undefined)[] = [];
  const { call } = await serve({ finish: (reply, route) => (seen.push(route?.name), { ...reply, headers: { ...reply.headers, 'x-finished': 'yes' } }) });
  assert.equal((await call('GET', '/v1/items/1')).headers.get('x-finished'), 'yes');
  await call('GET', '/v1/problem');
  await call('GET', '/nowhere');
  assert.deepEqual(seen, ['item', 'problem', undefined]);
});

test('the /__sandbox/ control routes are served only when the server is given a control', async () => {
  const control = { state: () => ({ faults: [], conformance: 'off' as const }), setState: async () => {}, reset: async () => {} };
  assert.deepEqual((await (await serve({ control })).call('GET', '/__sandbox/state')).body, { faults: [], conformance: 'off' });
  assert.equal((await (await serve()).call('GET', '/__sandbox/state')).status, 404);
});

test('a table serving one method and path twice is refused when the server is made', () => {
  assert.throws(() => createRouter({ name: 'erp', routes: [table[0]!, { ...table[0]!, name: 'again' }], wrongMethod: 405, input: jsonInput, errorBody: () => ({}), faults: new Faults(), log: () => {} }), /sandbox \(erp\) serves GET \/items\/:id twice/);
});

function pick(answer: { status: number; body?: Record<string, unknown> }) {
  return [answer.status, answer.body?.error, answer.body?.code];
}
