// Is a missing browser the suite's problem, never the release's? The demo still completes; a gate asked for web checks is inconclusive.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';

// CHROMIUM_PATH wins over every other browser, so a path that does not exist is a machine without a browser.
const noBrowser = { CHROMIUM_PATH: '/nonexistent/chromium' };

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, webPort: 0 });
});
after(async () => sandbox?.stop());

test('npm run demo without a browser exits 0, says so on its first screen, and names the install command', async () => {
  const reportsDir = tempReportsDir('demo-no-browser');
  const run = await runCli(['demo', '--reports-dir', reportsDir, '--project', 'api', '--project', 'web', '--load', 'off'], noBrowser);
  assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr.slice(-1000));
  const firstScreen = run.stdout.split('\n').slice(0, 12).join('\n');
  assert.match(firstScreen, /web journeys will not run: CHROMIUM_PATH=\/nonexistent\/chromium does not exist/);
  assert.match(firstScreen, /npx playwright install chromium/);
  const web = readVerdict(reportsDir).checks.find((c) => c.id === 'web.journeys');
  assert.equal(web?.status, 'skipped', JSON.stringify(web));
  assert.match(web?.reason ?? '', /apt-get install chromium/);
});

test('a gate given a web URL but no browser is inconclusive (exit 3): web checks are errors with the fix, not failures', async () => {
  const reportsDir = tempReportsDir('gate-no-browser');
  const run = await runCli(['gate', '--target', sandbox.apiUrl, '--web-url', sandbox.webUrl, '--environment', 'sandbox', '--project', 'web', '--load', 'off', '--reports-dir', reportsDir], noBrowser);
  const verdict = readVerdict(reportsDir);
  assert.equal(run.code, 3, run.stdout.slice(-3000));
  assert.equal(verdict.verdict, 'inconclusive');
  const web = verdict.checks.filter((c) => c.stage === 'web');
  assert.ok(web.length > 0);
  for (const check of web) {
    assert.equal(check.status, 'error', JSON.stringify(check));
    assert.match(check.fix ?? '', /npx playwright install chromium/);
  }
  assert.match(run.stdout, /could not decide/);
});
