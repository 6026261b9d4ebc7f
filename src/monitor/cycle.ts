// One monitoring cycle: the smoke journeys in-process (no browser), each a check with the same id and severity as its spec.
import { ApiClient } from '../client/api-client.ts';
import { closePools } from '../client/pools.ts';
import { Recorder } from '../client/recorder.ts';
import { redactText } from '../client/redact.ts';
import { destructiveAllowed, type Config } from '../config/load.ts';
import { nightsBetween, priceOf } from '../contract/pricing.ts';
import type { Session } from '../flows/auth.ts';
import { createSystem } from '../systems/index.ts';
import { reserveAndRelease } from '../systems/journey.ts';
import { confirmBooking, holdQuote, payFor, quoteStay, releaseBooking } from '../flows/booking.ts';
import { findPackage } from '../flows/catalog.ts';
import { stayDates } from '../flows/dates.ts';
import { syntheticUser } from '../flows/identity.ts';
import { runInvariantStage } from '../integrity/db-stage.ts';
import { summarize } from '../stats/percentile.ts';
import type { Check, Severity, StepLatency } from '../verdict/schema.ts';

export interface CycleResult {
  startedAt: string;
  durationMs: number;
  checks: Check[];
  steps: StepLatency[];
  /** Raw per-step durations, for histograms. */
  samples: { step: string; ms: number }[];
}

class CheckFailed extends Error {}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

export async function runCycle(config: Config): Promise<CycleResult> {
  const started = Date.now();
  const recorder = new Recorder(200);
  const api = new ApiClient({ baseUrl: config.baseUrl, profile: config.profile, runId: config.runId, timeoutMs: config.requestTimeoutMs, recorder });
  const checks: Check[] = [];
  const run = async (id: string, title: string, severity: Severity, body: () => Promise<void>) => {
    const t0 = Date.now();
    const before = recorder.exchanges.length;
    try {
      await body();
      checks.push({ id, title, status: 'passed', severity, stage: 'monitor', durationMs: Date.now() - t0 });
    } catch (error) {
      const last = recorder.exchanges.slice(before).at(-1);
      checks.push({
        id, title, status: 'failed', severity, stage: 'monitor', durationMs: Date.now() - t0,
        error: redactText((error as Error).message).split('\n')[0],
        ...(last ? { requestId: last.requestId } : {}),
      });
    }
  };

  const system = createSystem(config.profile);
  const ctx = { api, config };
  const newUser = () => system.signIn(ctx, syntheticUser(config.runId, config.emailDomain, 'monitor'));
  await run('api.health.liveness', 'liveness answers 200 ok', 'P0', () => system.liveness(ctx));
  if (system.readiness && (!config.profile.speaksContract || api.has('readiness')) && !config.profile.gaps['api.health.readiness']) {
    await run('api.health.readiness', 'readiness answers 200 ready', 'P0', () => system.readiness!(ctx));
  }
  let session: Session | undefined;
  await run('api.auth.sign-in', 'a synthetic user signs in', 'P0', async () => {
    session = await newUser();
  });
  if (config.profile.speaksContract) {
    await run('api.catalog.hotels-listed', 'published hotel packages are listed', 'P0', async () => {
      await findPackage(api, 'hotel', config.profile.stock.hotel);
    });
    await run('api.booking.journey', 'quote → hold → pay → confirm → cancel at the contract price', 'P0', async () => {
      assert(session, 'no signed-in user (sign-in failed)');
      await bookAndRelease(api, config, session);
    });
  } else {
    await run('api.journey.reserve-release', 'reserve → confirm → release, and the capacity comes back', 'P0', async () => {
      assert(session, 'no signed-in user (sign-in failed)');
      // The other side of the transaction (a marketplace's provider; another customer elsewhere).
      await reserveAndRelease(system, ctx, session, await system.signIn(ctx, syntheticUser(config.runId, config.emailDomain, 'monitor'), 'counterpart'));
    });
  }
  if (config.databaseUrl && destructiveAllowed(config)) checks.push(...(await runInvariantStage(config)));
  await closePools();

  const byStep = new Map<string, number[]>();
  for (const { step, ms } of recorder.timings()) byStep.set(step, [...(byStep.get(step) ?? []), ms]);
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
    steps: [...byStep.entries()].map(([name, values]) => summarize(name, values)),
    samples: recorder.timings(),
  };
}

/** The one synthetic booking of a cycle: always released, whatever happens between hold and confirm. */
async function bookAndRelease(api: ApiClient, config: Config, session: Session): Promise<void> {
  const pkg = await findPackage(api, 'hotel', config.profile.stock.hotel);
  const stay = { pkg, rooms: 1, ...stayDates(1) };
  const quote = await quoteStay(api, session, stay);
  const expected = priceOf({ unitPrice: pkg.pricePerPerson, nights: nightsBetween(stay.checkInDate, stay.checkOutDate), units: 1, taxRatePercent: config.profile.pricing.taxRatePercent });
  assert(quote.totalPrice === expected.total, `quoted ${quote.totalPrice}, the pricing rule gives ${expected.total}`);
  const hold = await holdQuote(api, session, quote.id);
  try {
    const payment = await payFor(api, session, hold.id, config.paymentMethod);
    assert(payment.amount === quote.totalPrice, `pre-authorized ${payment.amount} for a ${quote.totalPrice} quote`);
    const confirmed = await confirmBooking(api, session, hold.id);
    assert(confirmed.totalPrice === quote.totalPrice, `confirmed ${confirmed.totalPrice} for a ${quote.totalPrice} quote`);
  } finally {
    const released = await releaseBooking(api, session.token, hold.id);
    if (released.outcome === 'failed') throw new CheckFailed(`synthetic booking ${hold.id} could not be released: ${released.detail}`);
  }
}
