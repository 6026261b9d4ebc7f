// Does the blue/green baseline compare any system over its own read-only steps (src/systems/<name>/load.ts `baseline`)?
// One ERP dialect serves as both stacks: straight, the comparison is clean; behind a proxy that slows its item list, the
// list's p95 regression fails P1 by name. The ERP's list needs a signed-in user, so sign-in per stack is exercised too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { compareWithBaseline } from '../../src/baseline/compare.ts';
import { loadConfig } from '../../src/config/load.ts';
import { routes } from '../../src/systems/erp/routes.ts';
import { profiles } from '../../src/profiles/index.ts';
import { describeLoad } from '../../src/load/conversations.ts';

let sandbox: Sandbox;
let slow: { url: string; server: Server };

/** Forwards to the sandbox, holding GET <path> back 40 ms. */
async function slowProxy(target: string, path: string): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forward = () => {
      const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    };
    if (req.method === 'GET' && req.url?.split('?')[0] === path) setTimeout(forward, 40);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0, dialect: 'erp' });
  slow = await slowProxy(sandbox.apiUrl, routes.listInventory.path);
});
after(async () => {
  slow?.server.close();
  await sandbox?.stop();
});

/**
 * Eight samples make each p95 the slowest answer, and the green side passes an extra in-process hop. On a saturated
 * 2-core machine one hiccup there reached 10.9 ms against blue's 0.7 ms, just over the default 10 ms floor. A 20 ms floor
 * still catches the 40 ms the proxy adds.
 */
const options = { samples: 8, floorMs: 20 };

const configFor = (green: string) => loadConfig({ HOLDFAST_BASE_URL: green, HOLDFAST_BASELINE_URL: sandbox.apiUrl, HOLDFAST_PROFILE: 'erp', HOLDFAST_RUN_ID: 'hf-baseline-erp' });

test('every profile has read-only baseline steps (TripAvail\'s are the contract journey)', () => {
  for (const profile of Object.values(profiles)) {
    const steps = describeLoad(profile)({ profile, auth: profile.auth.style }).baseline;
    if (profile.speaksContract) assert.deepEqual(steps, [], profile.name);
    else assert.ok(steps.length > 0 && steps.every((s) => typeof s.route !== 'string' && s.route.method === 'GET'), profile.name);
  }
});

test('the ERP against itself: every read-only step compares clean, no catalog check (the contract\'s only)', async () => {
  const { checks, steps } = await compareWithBaseline(configFor(sandbox.apiUrl), options);
  assert.deepEqual(checks.map((c) => `${c.id} ${c.status}`).sort(), ['baseline.health.p95-regression passed', 'baseline.inventory.p95-regression passed', 'baseline.ready.p95-regression passed']);
  assert.ok(steps.some((s) => s.name === 'baseline.inventory (green)' && s.count === 8));
});

test('a green ERP whose item list is 40 ms slower fails P1 naming baseline.inventory', async () => {
  const { checks } = await compareWithBaseline(configFor(slow.url), options);
  const failed = checks.filter((c) => c.status === 'failed');
  assert.deepEqual(failed.map((c) => c.id), ['baseline.inventory.p95-regression'], JSON.stringify(checks));
  assert.equal(failed[0]!.severity, 'P1');
  assert.match(failed[0]!.error!, /baseline\.inventory: green p95 \d+(\.\d)? ms vs blue/);
});
