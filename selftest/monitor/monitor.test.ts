// Does the monitor expose the right metrics, page through a webhook in the right order, push to a real Pushgateway, and survive outages?
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { prerequisitesOf } from '../../src/monitor/causes.ts';
import { Monitor } from '../../src/monitor/command.ts';
import { freePort } from '../../sandbox/http/ports.ts';
import { repoRoot, runCli, tempReportsDir } from '../helpers/run-cli.ts';
import { startSwitchableProxy, type SwitchableProxy } from '../helpers/switchable-proxy.ts';

let sandbox: Sandbox;
let proxy: SwitchableProxy;
let receiver: Server;
let receiverUrl: string;
const posts: { text: string }[] = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0 });
  proxy = await startSwitchableProxy(sandbox.apiUrl);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posts.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
after(async () => {
  await proxy?.close();
  receiver?.close();
  await sandbox?.stop();
});

function monitorFor(url: string, reminderMs = 3_600_000) {
  const config = loadConfig({ HOLDFAST_BASE_URL: url, HOLDFAST_REPORTS_DIR: tempReportsDir('monitor') });
  return new Monitor(config, { reminderMs, webhook: receiverUrl });
}

test('metrics after a passing and after a failing cycle', async () => {
  const monitor = monitorFor(proxy.url);
  await monitor.cycle();
  let text = await monitor.metrics.text();
  assert.match(text, /holdfast_probe_success\{check="api\.health\.liveness",severity="P0",target="[^"]+"\} 1/);
  assert.match(text, /holdfast_probe_success\{check="api\.booking\.journey",severity="P0",target="[^"]+"\} 1/);
  assert.match(text, /holdfast_step_duration_seconds_count\{[^}]*step="booking\.quote"[^}]*\} 1/);
  assert.match(text, /holdfast_last_success_timestamp_seconds\{target="[^"]+"\} \d{10}/);
  assert.match(text, /holdfast_cycles_total\{result="pass",target="[^"]+"\} 1/);
  proxy.failNext = Infinity;
  try {
    await monitor.cycle();
  } finally {
    proxy.failNext = 0;
  }
  text = await monitor.metrics.text();
  assert.match(text, /holdfast_probe_success\{check="api\.health\.liveness",severity="P0",target="[^"]+"\} 0/);
  assert.match(text, /holdfast_cycles_total\{result="fail",target="[^"]+"\} \d/);
  assert.doesNotMatch(text, /request|eyJ|synthetic\+/, 'unbounded or secret label values');
});

test('a blip does not page; a sustained failure opens once, reminds, and resolves after two green cycles', async () => {
  posts.length = 0;
  const monitor = monitorFor(proxy.url, 0);
  proxy.failNext = 1; // fails the cycle, passes the immediate re-check
  await monitor.cycle();
  assert.equal(posts.length, 0, `a blip paged: ${JSON.stringify(posts)}`);

  proxy.failNext = Infinity;
  await monitor.cycle();
  assert.equal(posts.length, 1, JSON.stringify(posts));
  assert.match(posts[0]!.text, /P0 FAILING: target down on /);
  assert.match(posts[0]!.text, /first failure: api\.health\.liveness: /);
  assert.match(posts[0]!.text, /report: .*monitor-cycles\/.*\.json/);
  await monitor.cycle(); // reminder interval 0: the next failing cycle reminds
  assert.equal(posts.length, 2);
  assert.match(posts[1]!.text, /STILL FAILING \(for \d+ s, 2 failed cycles\): target down/);

  proxy.failNext = 0;
  await monitor.cycle();
  assert.equal(posts.length, 2, 'resolved on the first green cycle');
  await monitor.cycle();
  assert.equal(posts.length, 3);
  assert.match(posts[2]!.text, /RESOLVED: target down on .* after \d+ s, 2 failed cycles/);
  await monitor.cycle();
  assert.equal(posts.length, 3, 'a second resolve');
});

test('--once pushes to a real Pushgateway, and the series can be read back', async () => {
  const binary = spawnSync('sh', ['-c', 'command -v prometheus-pushgateway']).stdout.toString().trim();
  assert.ok(binary, 'prometheus-pushgateway is not installed (Debian package prometheus-pushgateway; .ci/run installs it)');
  const port = await freePort();
  const gateway: ChildProcess = spawn(binary, [`--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i += 1) {
      if (await fetch(`${base}/-/ready`).then((r) => r.ok, () => false)) break;
      await delay(100);
    }
    const run = await runCli(['monitor', '--target', sandbox.apiUrl, '--once', '--pushgateway', base, '--reports-dir', tempReportsDir('push')]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /holdfast_probe_success\{check="api\.booking\.journey",instance="127\.0\.0\.1:\d+",job="holdfast",severity="P0",target="[^"]+"\} 1/);
    assert.match(metrics, /holdfast_last_success_timestamp_seconds\{instance=/);
  } finally {
    gateway.kill();
  }
});

test('the alerting rules pass promtool', () => {
  const promtool = spawnSync('sh', ['-c', 'command -v promtool']).stdout.toString().trim();
  assert.ok(promtool, 'promtool is not installed (Debian package prometheus; .ci/run installs it)');
  const dir = join(repoRoot, 'examples', 'prometheus');
  const checked = spawnSync(promtool, ['check', 'rules', 'holdfast-rules.yml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  const tested = spawnSync(promtool, ['test', 'rules', 'holdfast-rules.test.yml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(tested.status, 0, tested.stdout + tested.stderr);
});

test('the Alertmanager example inhibits only alerts the rules define, by checks the monitor runs', () => {
  const dir = join(repoRoot, 'examples', 'prometheus');
  const rules = readFileSync(join(dir, 'holdfast-rules.yml'), 'utf8');
  const routing = readFileSync(join(dir, 'alertmanager.yml'), 'utf8');
  const defined = new Set([...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]));
  const named = [...routing.matchAll(/alertname=~?"([^"]+)"/g)].flatMap((m) => m[1]!.split('|'));
  assert.ok(named.length > 0);
  for (const name of named) assert.ok(defined.has(name), `${name} is inhibited in alertmanager.yml but no rule defines it`);
  const sources = [...routing.matchAll(/source_matchers: \[.*'check="([^"]+)"'\]/g)].map((m) => m[1]);
  assert.deepEqual(sources, ['api.health.readiness', 'api.auth.sign-in', 'api.catalog.hotels-listed']);
  for (const id of sources) assert.ok(prerequisitesOf('api.booking.journey').includes(id!), `${id} is not a prerequisite in src/monitor/causes.ts`);
});

test('the Alertmanager example passes amtool', (t) => {
  const amtool = spawnSync('sh', ['-c', 'command -v amtool']).stdout.toString().trim();
  if (!amtool) return t.skip('amtool is not installed (Debian package prometheus-alertmanager)');
  const checked = spawnSync(amtool, ['check-config', 'alertmanager.yml'], { cwd: join(repoRoot, 'examples', 'prometheus'), encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
});

test('an outage never crashes the monitor: failed checks, exit 1, no stack trace', async () => {
  const port = await freePort();
  const run = await runCli(['monitor', '--target', `http://127.0.0.1:${port}`, '--cycles', '2', '--interval', '1s', '--reports-dir', tempReportsDir('outage')]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /FAIL .* P0 api\.health\.liveness: .*connection refused/);
  assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
});

test('bad monitor flags and variables are one line, exit 2', async () => {
  const run = await runCli(['monitor', '--target', 'http://127.0.0.1:1', '--interval', 'soon']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--interval: expected a duration like 30s/);
  const flag = await runCli(['monitor', '--target', 'http://127.0.0.1:1', '--resolve-after', '0']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /--resolve-after: expected a whole number of cycles ≥ 1, got "0"/);
  const variable = await runCli(['monitor', '--target', 'http://127.0.0.1:1'], { HOLDFAST_MONITOR_RESOLVE_AFTER: 'twice' });
  assert.equal(variable.code, 2);
  assert.match(variable.stderr, /HOLDFAST_MONITOR_RESOLVE_AFTER: expected a whole number of cycles ≥ 1, got "twice"/);
});
