// The monitor's alerting settings reach it from every route the other settings take: --env-file, the environment, flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsEnv } from '../../src/cli/args.ts';
import { alertSettings } from '../../src/monitor/settings.ts';

const envFile = join(mkdtempSync(join(tmpdir(), 'holdfast-monitor-settings-')), 'monitor.env');
writeFileSync(envFile, 'HOLDFAST_TARGET_URL=http://127.0.0.1:9\nHOLDFAST_MONITOR_ALERT_REMINDER=5m\nHOLDFAST_MONITOR_RESOLVE_AFTER=4\n');

test('an env file sets the reminder and the resolve-after cycles; the environment wins over it, flags over both', () => {
  const saved = { reminder: process.env.HOLDFAST_MONITOR_ALERT_REMINDER, resolve: process.env.HOLDFAST_MONITOR_RESOLVE_AFTER };
  try {
    delete process.env.HOLDFAST_MONITOR_ALERT_REMINDER;
    delete process.env.HOLDFAST_MONITOR_RESOLVE_AFTER;
    assert.deepEqual(alertSettings({}, settingsEnv({ envFile })), { reminderMs: 300_000, resolveAfterCycles: 4 });
    process.env.HOLDFAST_MONITOR_RESOLVE_AFTER = '3';
    assert.deepEqual(alertSettings({}, settingsEnv({ envFile })), { reminderMs: 300_000, resolveAfterCycles: 3 });
    assert.deepEqual(alertSettings({ 'alert-reminder': '1h', 'resolve-after': '2' }, settingsEnv({ envFile })), { reminderMs: 3_600_000, resolveAfterCycles: 2 });
  } finally {
    for (const [key, value] of [['HOLDFAST_MONITOR_ALERT_REMINDER', saved.reminder], ['HOLDFAST_MONITOR_RESOLVE_AFTER', saved.resolve]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});

test('a bad value names the variable it came from', () => {
  const bad = join(mkdtempSync(join(tmpdir(), 'holdfast-monitor-settings-')), 'bad.env');
  writeFileSync(bad, 'HOLDFAST_MONITOR_RESOLVE_AFTER=zero\n');
  assert.throws(() => alertSettings({}, settingsEnv({ envFile: bad })), /HOLDFAST_MONITOR_RESOLVE_AFTER: expected a whole number/);
});
