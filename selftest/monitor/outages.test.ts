// Does a real outage page once, with the checks it takes down listed, and resolve once, ten times over; and does a
// target that flaps back for one cycle keep its incident?
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { Monitor } from '../../src/monitor/command.ts';
import { tempReportsDir } from '../helpers/run-cli.ts';
import { startTcpToggleProxy, type TcpToggleProxy } from './tcp-toggle-proxy.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

let sandbox: Sandbox;
let proxy: TcpToggleProxy;
let receiver: WebhookReceiver;

before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0 });
  proxy = await startTcpToggleProxy(sandbox.apiUrl);
  receiver = await startWebhookReceiver();
});
after(async () => {
  await receiver?.close();
  await proxy?.close();
  await sandbox?.stop();
});

function monitorBehindProxy() {
  const config = loadConfig({ HOLDFAST_BASE_URL: proxy.url, HOLDFAST_REPORTS_DIR: tempReportsDir('outages'), HOLDFAST_REQUEST_TIMEOUT_MS: '3000' });
  return new Monitor(config, { reminderMs: 3_600_000, resolveAfterCycles: 2, webhook: receiver.url, expiryProbe: false });
}

async function cycles(monitor: Monitor, n: number) {
  for (let i = 0; i < n; i += 1) await monitor.cycle();
}

const dependents = ['api.health.readiness', 'api.auth.sign-in', 'api.catalog.hotels-listed', 'api.booking.journey'];

test('ten outages of three cycles each: ten pages listing the dependent checks, ten resolves, nothing else', async () => {
  receiver.clear();
  const monitor = monitorBehindProxy();
  for (let outage = 1; outage <= 10; outage += 1) {
    proxy.down();
    await cycles(monitor, 3);
    proxy.up();
    await cycles(monitor, 3);
    assert.equal(receiver.pages.length, outage, `after outage ${outage}:\n${receiver.messages.join('\n---\n')}`);
    assert.equal(receiver.resolves.length, outage, `after outage ${outage}:\n${receiver.messages.join('\n---\n')}`);
  }
  assert.equal(receiver.messages.length, 20, receiver.messages.join('\n---\n'));
  for (const page of receiver.pages) {
    assert.match(page, /^:rotating_light: P0 FAILING: target down on http:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(page, /^first failure: api\.health\.liveness: .* since \d{4}-\d\d-\d\dT/m);
    const affected = /^checks affected \(\d+\): (.*)$/m.exec(page)?.[1] ?? '';
    for (const id of dependents) assert.ok(affected.split(', ').includes(id), `${id} is not listed as affected:\n${page}`);
    assert.match(page, /^report: \/.*monitor-cycles\/.*\.json$/m);
  }
  for (const resolve of receiver.resolves) assert.match(resolve, /^:white_check_mark: RESOLVED: target down on .* after \d+ s, 3 failed cycles$/m);
});

test('a target back for one cycle that fails again keeps its incident: one page, one resolve, the flap counted', async () => {
  receiver.clear();
  const monitor = monitorBehindProxy();
  for (const [state, n] of [['down', 2], ['up', 1], ['down', 2], ['up', 2]] as const) {
    proxy[state]();
    await cycles(monitor, n);
  }
  assert.equal(receiver.pages.length, 1, receiver.messages.join('\n---\n'));
  assert.equal(receiver.resolves.length, 1, receiver.messages.join('\n---\n'));
  assert.match(receiver.resolves[0]!, /RESOLVED: target down .* 4 failed cycles, flapped 1 time$/m);
});
