// Does bad configuration fail with one line per variable, naming it, never echoing a secret?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, destructiveAllowed } from '../../src/config/load.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

const base = { HOLDFAST_BASE_URL: 'http://127.0.0.1:4100' };

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

test('defaults are the safe ones: production, no destructive checks, runbook SLOs', () => {
  const config = loadConfig(base);
  assert.equal(config.environment, 'production');
  assert.equal(destructiveAllowed(config), false);
  assert.deepEqual(config.slo, { p95Ms: 200, p99Ms: 400, errorRate: 0.001 });
  assert.equal(config.profile.name, 'tripavail');
  assert.match(config.runId, /^hf-\d{8}-\d{6}-[0-9a-f]{6}$/);
});

test('a missing base URL names the variable', () => {
  const message = configError({});
  assert.match(message, /^invalid configuration\nHOLDFAST_BASE_URL: /);
});

test('each bad variable gets its own line', () => {
  const message = configError({ ...base, HOLDFAST_ENVIRONMENT: 'prod', HOLDFAST_SLO_P95_MS: 'fast', HOLDFAST_PROFILE: 'tripavail' });
  const lines = message.split('\n').slice(1);
  assert.equal(lines.length, 2, message);
  assert.match(message, /HOLDFAST_ENVIRONMENT: expected production, staging or sandbox/);
  assert.match(message, /HOLDFAST_SLO_P95_MS: expected milliseconds/);
});

test('token auth without a token is refused; the token itself is never echoed', () => {
  assert.match(configError({ ...base, HOLDFAST_AUTH: 'token' }), /HOLDFAST_TOKEN: required when HOLDFAST_AUTH=token/);
  const secret = 'postgres://u:s3cret-pass@db:5432/x';
  const message = configError({ ...base, HOLDFAST_DATABASE_URL: secret.replace('postgres:', 'mysql:') });
  assert.match(message, /HOLDFAST_DATABASE_URL: expected a postgres:\/\/ URL/);
  assert.doesNotMatch(message, /s3cret-pass/);
});

test('an unknown profile is named', () => {
  assert.match(configError({ ...base, HOLDFAST_PROFILE: 'nope' }), /HOLDFAST_PROFILE: unknown profile "nope"/);
});

test('profile TTLs can be overridden for short-TTL targets', () => {
  const config = loadConfig({ ...base, HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250', HOLDFAST_ENVIRONMENT: 'sandbox' });
  assert.equal(config.holdTtlSeconds, 2);
  assert.equal(config.sweepIntervalMs, 250);
  assert.equal(destructiveAllowed(config), true);
});
