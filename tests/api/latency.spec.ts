// Is browsing fast enough? A small, bounded latency sample of the main listing against the p95 SLO (k6 does the real load).
import { test, expect, check } from '../../fixtures/index.ts';
import { percentile } from '../../src/stats/percentile.ts';
import { isServerError } from '../../fixtures/assertions.ts';

const SAMPLES = 40;

test('catalog p95 over a small sample is within the SLO @gate', check({ id: 'api.latency.catalog-p95', severity: 'P1', feature: 'slo' }), async ({ system, ctx, config, session }) => {
  const durations: number[] = [];
  let failures = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    const res = await system.browse(ctx, session);
    if (isServerError(res.status)) failures += 1;
    durations.push(res.exchange.timings?.totalMs ?? 0);
  }
  const p95 = percentile(durations, 95);
  test.info().annotations.push({ type: 'measurement', description: `listing p95 ${p95.toFixed(1)} ms over ${SAMPLES} requests (SLO ${config.slo.p95Ms} ms)` });
  expect(failures, `5xx answers among ${SAMPLES} catalog requests`).toBe(0);
  expect(p95, `catalog p95 over ${SAMPLES} requests, ms`).toBeLessThanOrEqual(config.slo.p95Ms);
});
