// Is the target fast enough? Small, bounded latency samples of the main listing and of every booking step against the SLOs (k6 does the real load).
import { test, expect, check, recordEvidence } from '../../fixtures/index.ts';
import { percentile } from '../../src/stats/percentile.ts';
import { confirmedBreaches, sloBreaches, summarizeSteps } from '../../src/stats/slo.ts';
import { isServerError } from '../../fixtures/assertions.ts';
import type { ApiClient } from '../../src/client/api-client.ts';
import type { Config } from '../../src/config/load.ts';
import { stateMatrixRoutes, stepName, subjectOf } from '../../src/contract/matrices.ts';
import type { Session } from '../../src/flows/auth.ts';
import { quoteStay } from '../../src/flows/booking.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { stayDates } from '../../src/flows/dates.ts';
import { callAbout } from '../../src/flows/matrix.ts';
import type { HotelPackage } from '../../src/contract/schemas.ts';
import type { Cleanup } from '../../fixtures/index.ts';

const SAMPLES = 40;
/** Journeys per booking sample: enough for a p95 that tolerates one outlier (the 19th of 20), few enough to stay quick. */
const JOURNEYS = 20;
/** The journey after the quote, in order: hold → pay → confirm → cancel, from the contract's lifecycle. */
const afterQuote = ['hold', 'preAuthorize', 'confirm', 'cancel'] as const;

test('catalog p95 over a small sample is within the SLO @gate', check({ id: 'api.latency.catalog-p95', severity: 'P1', feature: 'slo', evidence: ['samples'] }), async ({ system, ctx, config, session }) => {
  const durations: number[] = [];
  let failures = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    const res = await system.browse(ctx, session);
    if (isServerError(res.status)) failures += 1;
    durations.push(res.exchange.timings?.totalMs ?? 0);
  }
  recordEvidence('samples', durations.length);
  const p95 = percentile(durations, 95);
  test.info().annotations.push({ type: 'measurement', description: `listing p95 ${p95.toFixed(1)} ms over ${SAMPLES} requests (SLO ${config.slo.p95Ms} ms)` });
  expect(failures, `5xx answers among ${SAMPLES} catalog requests`).toBe(0);
  expect(p95, `catalog p95 over ${SAMPLES} requests, ms`).toBeLessThanOrEqual(config.slo.p95Ms);
});

interface Sampler {
  api: ApiClient;
  config: Config;
  session: Session;
  cleanup: Cleanup;
  pkg: HotelPackage;
}

/** Runs `JOURNEYS` booking journeys one after another; the duration of every step, by step name, and the 5xx count. */
async function sampleJourneys({ api, config, session, cleanup, pkg }: Sampler, label: string): Promise<{ sample: Record<string, number[]>; serverErrors: number; journeys: number }> {
  const sample: Record<string, number[]> = { quote: [], ...Object.fromEntries(afterQuote.map((r) => [stepName(r), []])) };
  let serverErrors = 0;
  let journeys = 0;
  for (let i = 0; i < JOURNEYS; i += 1) {
    const quote = await quoteStay(api, session, { pkg, ...stayDates(1) }, 'latency.quote');
    sample.quote!.push(api.recorder.last()?.timings?.totalMs ?? 0);
    const ids = { quoteId: quote.id, bookingId: quote.id };
    for (const route of afterQuote) {
      const name = stepName(route);
      const res = await callAbout(api, route, ids, session.token, config.paymentMethod, `latency.${name}`);
      sample[name]!.push(res.exchange.timings?.totalMs ?? 0);
      if (isServerError(res.status)) {
        serverErrors += 1;
        break;
      }
      expect(res.status, `${label}, journey ${i + 1}: ${name} (request id ${res.requestId})`).toBe(api.successStatus(route));
      if (subjectOf(route)?.kind === 'quote') {
        ids.bookingId = (res.body as { id: string }).id;
        cleanup.booking(ids.bookingId, session.token);
      }
    }
    journeys += 1;
  }
  return { sample, serverErrors, journeys };
}

test(`every booking step's p95/p99 over ${JOURNEYS} journeys is within the SLO, confirmed by a second sample @gate`, check({ id: 'api.latency.booking-steps', severity: 'P1', feature: 'slo', needs: ['quote', ...stateMatrixRoutes()], evidence: ['samples'] }), async ({ api, config, profile, session, cleanup }) => {
  const pkg = await findPackage(api, 'hotel', profile.stock.hotel);
  const input = { api, config, session, cleanup, pkg };
  const first = await test.step(`sample ${JOURNEYS} journeys`, () => sampleJourneys(input, 'first sample'));
  const describe = (sample: Record<string, number[]>) => summarizeSteps(sample).map((s) => `${s.step} p95 ${s.p95Ms.toFixed(1)} / p99 ${s.p99Ms.toFixed(1)} ms`).join(', ');
  test.info().annotations.push({ type: 'measurement', description: `first sample (SLO p95 ${config.slo.p95Ms} / p99 ${config.slo.p99Ms} ms): ${describe(first.sample)}` });
  let journeys = first.journeys;
  let serverErrors = first.serverErrors;
  let breaches = sloBreaches(first.sample, config.slo);
  if (breaches.length) {
    // One sample of a few dozen requests moves with one hiccup on a busy runner; a slow step is slow again.
    const second = await test.step(`${breaches.map((b) => b.step).join(', ')} over the SLO: a second, independent sample`, () => sampleJourneys(input, 'second sample'));
    test.info().annotations.push({ type: 'measurement', description: `second sample: ${describe(second.sample)}` });
    journeys += second.journeys;
    serverErrors += second.serverErrors;
    breaches = confirmedBreaches(breaches, sloBreaches(second.sample, config.slo));
  }
  recordEvidence('samples', journeys);
  expect(serverErrors, `5xx answers among ${journeys} booking journeys`).toBe(0);
  const over = breaches.map((b) => `${b.step}: ${b.broken.join(', ')} over ${b.count} requests`);
  expect(over, `steps over their SLO in two independent samples: ${over.join('; ')}`).toEqual([]);
});
