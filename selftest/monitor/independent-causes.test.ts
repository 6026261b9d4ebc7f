// Do two independent causes page separately, each with its own severity: an empty catalog (P0, taking the booking
// journey with it) and an expiry worker that never runs (P1), on a target that is otherwise up?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import { Monitor } from '../../src/monitor/command.ts';
import { tempReportsDir } from '../helpers/run-cli.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

const shortExpiry = { HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250' };

test('catalog-empty and hold-never-expires together page twice: the catalog at P0, the stuck hold at P1', async () => {
  // The probe needs the catalog to find stock for its hold, so the hold is left while the catalog still lists it; the
  // broken release (both faults) then serves the same database, as a deploy over a pending probe hold would.
  const before = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250, faults: ['hold-never-expires'] });
  const broken = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250, faults: ['catalog-empty', 'hold-never-expires'], databaseUrl: before.databaseUrl });
  const receiver = await startWebhookReceiver();
  try {
    const reportsDir = tempReportsDir('independent-causes');
    const leaver = new Monitor(loadConfig({ ...shortExpiry, HOLDFAST_BASE_URL: before.apiUrl, HOLDFAST_REPORTS_DIR: reportsDir }), { reminderMs: 3_600_000 });
    await leaver.cycle();
    const { dueAt } = JSON.parse(readFileSync(join(reportsDir, 'monitor-expiry-probe.json'), 'utf8')) as { dueAt: string };
    assert.ok((await pollUntil(async () => Date.now(), (now) => now >= Date.parse(dueAt), Date.now() + 10_000)).met, 'the probe hold falls due');

    const config = loadConfig({ ...shortExpiry, HOLDFAST_BASE_URL: broken.apiUrl, HOLDFAST_REPORTS_DIR: reportsDir, HOLDFAST_DATABASE_URL: broken.databaseUrl });
    const monitor = new Monitor(config, { reminderMs: 3_600_000, webhook: receiver.url });
    await monitor.cycle();
    const heads = receiver.pages.map((p) => p.split('\n')[0]).sort();
    assert.deepEqual(heads, [
      `:rotating_light: P0 FAILING: api.catalog.hotels-listed on ${broken.apiUrl}`,
      `:rotating_light: P1 FAILING: monitor.hold-expired on ${broken.apiUrl}`,
    ], receiver.messages.join('\n---\n'));
    const catalog = receiver.pages.find((p) => p.includes('P0 FAILING'))!;
    assert.match(catalog, /^checks affected \(1\): api\.booking\.journey$/m);
    assert.match(catalog, /^severity: P0 /m);
    const expiry = receiver.pages.find((p) => p.includes('P1 FAILING'))!;
    assert.match(expiry, /^first failure: monitor\.hold-expired: hold \S+ is still HOLD \d+ s after its expiry/m);
    assert.match(expiry, /^severity: P1 /m);
    assert.match(expiry, /^action: holds are not expiring/m);
    assert.equal(receiver.messages.length, 2, receiver.messages.join('\n---\n'));
    await monitor.close();
    await leaver.close();
  } finally {
    await receiver.close();
    await broken.stop();
    await before.stop();
  }
});
