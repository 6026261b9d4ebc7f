// Is the target alive, and does its readiness probe tell the truth?
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';

test('liveness answers 200 ok @smoke @gate', check({ id: 'api.health.liveness', severity: 'P0', feature: 'health' }), async ({ api }) => {
  const health = await api.expect('health', 200, { step: 'health.liveness' });
  expect(health.status).toBe('ok');
});

test('readiness answers 200 ready with every dependency ok @smoke @gate', check({ id: 'api.health.readiness', severity: 'P0', feature: 'health' }), async ({ api }) => {
  if (!api.has('readiness')) notApplicable(`profile ${api.profile.name} has no readiness probe`);
  const res = await api.call('readiness', { step: 'health.readiness' });
  const body = res.body as { status?: string; checks?: Record<string, string> };
  expect(body.status, `readiness says "${body.status}" (HTTP ${res.status}, request id ${res.requestId})`).toBe('ready');
  expect(res.status, `readiness said ready with HTTP ${res.status}`).toBe(200);
  for (const [dependency, state] of Object.entries(body.checks ?? {})) {
    expect(['ok', 'disabled'], `dependency ${dependency} is "${state}"`).toContain(state);
  }
});
