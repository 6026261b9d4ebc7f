// Do holds give their rooms back? A hold lives exactly its TTL, the sweep expires it, its units return, and it can no longer be paid.
import { randomInt } from 'node:crypto';
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';
import type { ApiClient } from '../../src/client/api-client.ts';
import type { Config } from '../../src/config/load.ts';
import { signIn, type Session } from '../../src/flows/auth.ts';
import { syntheticUser } from '../../src/flows/identity.ts';
import { holdQuote, quoteStay } from '../../src/flows/booking.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { databaseInventory, nightAt, probeInventory, type Night } from '../../src/systems/tripavail/inventory.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import { expectRejection } from '../../fixtures/assertions.ts';
import { bookingState } from '../../src/integrity/leftovers.ts';
import { holdStatus, pollInterval, sweepDeadline, takeExpiringHold } from '../../src/integrity/expiring-holds.ts';
import { MAX_WAIT_TTL_SECONDS } from '../../src/flows/matrix.ts';
import type pg from 'pg';

test.describe('hold expiry', () => {
  test('a hold lives exactly the profile TTL @integrity @smoke @gate', check({ id: 'integrity.expiry.ttl', severity: 'P1', feature: 'integrity', needs: ['quote', 'hold', 'preAuthorize', 'confirm'] }), async ({ api, config, profile, session, cleanup }) => {
    const pkg = await findPackage(api, 'hotel', profile.stock.hotel);
    const quote = await quoteStay(api, session, { pkg, ...nightAt(randomInt(20, 100)) });
    const hold = await holdQuote(api, session, quote.id);
    cleanup.booking(hold.id, session.token);
    const lifetime = (Date.parse(hold.holdExpiresAt) - Date.parse(hold.heldAt)) / 1000;
    expect(Math.abs(lifetime - config.holdTtlSeconds), `holdExpiresAt − heldAt = ${lifetime} s, TTL ${config.holdTtlSeconds} s`).toBeLessThanOrEqual(1);
  });

  test('an overdue hold is expired by the sweep in time @integrity @gate @destructive', check({ id: 'integrity.expiry.swept', severity: 'P1', feature: 'integrity', needs: ['quote', 'hold', 'preAuthorize', 'confirm'] }), async ({ api, config, session, cleanup, requireDestructive, profile, db }) => {
    requireDestructive();
    // A hold from the run's expiring holds is judged when it can still be: seen before its deadline, or still HOLD after it.
    const pooled = await test.step("take this check's hold from the run's expiring holds", async () => {
      const taken = await takeExpiringHold({ api, config, session, taker: 'integrity.expiry.swept', register: cleanup.booking });
      if (!taken) return undefined;
      const deadline = sweepDeadline(config, taken.hold);
      const read = () => holdStatus(api, taken.owner, taken.hold);
      if (Date.now() > deadline) {
        const status = await read();
        return status === 'HOLD' ? { id: taken.hold.bookingId, expired: { met: false, value: status } } : undefined;
      }
      const expired = await pollUntil(read, (status) => status !== 'HOLD', deadline, pollInterval(config));
      return expired.value === 'HOLD' || expired.value === 'EXPIRED_HOLD' ? { id: taken.hold.bookingId, expired: { met: expired.value === 'EXPIRED_HOLD', value: expired.value } } : undefined;
    });
    const own = pooled ? undefined : await holdAndWait({ api, config, session, profile, db, onHold: (held) => cleanup.booking(held, session.token) });
    const id = pooled?.id ?? own!.hold.id;
    const expired = pooled?.expired ?? own!.expired;
    expect(expired.met, `hold ${id} still ${expired.value} after holdExpiresAt + sweep + grace`).toBe(true);
  });

  test('an expired hold gives its units back @integrity @gate @destructive', check({ id: 'integrity.expiry.units-returned', severity: 'P0', feature: 'integrity', needs: ['quote', 'hold', 'preAuthorize', 'confirm'] }), async ({ api, config, session, cleanup, requireDestructive, profile, db }) => {
    requireDestructive();
    const night = nightAt(randomInt(61, 110));
    const readFree = await freeUnitsReader({ api, config, db, profile });
    const before = await readFree(night);
    const { expired } = await holdAndWait({ api, config, session, profile, db, night, stock: profile.stock.race ?? profile.stock.hotel, onHold: (id) => cleanup.booking(id, session.token) });
    test.skip(!expired.met, 'the hold never expired (judged by "an overdue hold is expired by the sweep"), so its units cannot be judged');
    expect(await readFree(night), `free units on ${night.checkInDate} after the hold expired`).toBe(before);
  });

  test('an expired hold can be neither paid nor confirmed @integrity @gate @destructive', check({ id: 'integrity.expiry.refused-after', severity: 'P0', feature: 'integrity', needs: ['quote', 'hold', 'preAuthorize', 'confirm'] }), async ({ api, config, session, cleanup, requireDestructive, profile, db }) => {
    requireDestructive();
    // A hold from the run's expiring holds serves once it is overdue, if it is still HOLD or EXPIRED_HOLD.
    const pooled = await test.step("take this check's hold from the run's expiring holds", async () => {
      const taken = await takeExpiringHold({ api, config, session, taker: 'integrity.expiry.refused-after', register: cleanup.booking });
      if (!taken) return undefined;
      const { holdExpiresAt } = taken.hold;
      const overdue = await pollUntil(() => holdStatus(api, taken.owner, taken.hold), () => Date.now() > holdExpiresAt, holdExpiresAt + 50, pollInterval(config));
      return overdue.value === 'HOLD' || overdue.value === 'EXPIRED_HOLD' ? { id: taken.hold.bookingId, owner: taken.owner } : undefined;
    });
    const own = pooled ? undefined : await holdAndWait({ api, config, session, profile, db, onHold: (held) => cleanup.booking(held, session.token), waitForSweep: false });
    const id = pooled?.id ?? own!.hold.id;
    const owner = pooled?.owner ?? session;
    await test.step('pre-authorize the expired hold', async () => {
      const res = await api.call('preAuthorize', { token: owner.token, body: { bookingId: id, paymentMethodId: config.paymentMethod, idempotencyKey: `late-${id}` }, step: 'integrity.pay-expired', validate: 'record' });
      expectRejection(res, profile.rejections.expiredHold, 'paying for an expired hold');
    });
    await test.step('confirm the expired hold', async () => {
      const res = await api.call('confirm', { token: owner.token, params: { id }, step: 'integrity.confirm-expired', validate: 'record' });
      expect([profile.rejections.wrongState.status, profile.rejections.expiredHold.status], `confirming an expired hold answered ${res.status} (request id ${res.requestId})`).toContain(res.status);
    });
  });
});

interface WaitInput {
  api: ApiClient;
  config: Config;
  session: Session;
  profile: Config['profile'];
  /** Where the target has no booking read route, the hold's state is read back from its database (read-only). */
  db?: pg.Pool;
  night?: Night;
  /** Package to hold; the ordinary stock unless units are measured. */
  stock?: string;
  onHold: (id: string) => void;
  /** false: wait only until holdExpiresAt has passed, not for the sweep. */
  waitForSweep?: boolean;
}

async function holdAndWait({ api, config, session, profile, db, night, stock = profile.stock.hotel, onHold, waitForSweep = true }: WaitInput) {
  if (config.holdTtlSeconds > MAX_WAIT_TTL_SECONDS) {
    notApplicable(`hold TTL is ${config.holdTtlSeconds} s; a run waits out at most ${MAX_WAIT_TTL_SECONDS} s (database invariant 3 watches production expiry)`);
  }
  const viaApi = api.has('getBooking');
  if (!viaApi && !db) notApplicable(`profile ${profile.name} has no route that reads a booking back, and HOLDFAST_DATABASE_URL is not set to read it from the database`);
  const pkg = await findPackage(api, 'hotel', stock);
  const quote = await quoteStay(api, session, { pkg, ...(night ?? nightAt(randomInt(20, 110))) });
  const hold = await holdQuote(api, session, quote.id);
  onHold(hold.id);
  const expiresAt = Date.parse(hold.holdExpiresAt);
  const deadline = waitForSweep ? expiresAt + config.sweepIntervalMs + config.expiryGraceMs : expiresAt + 50;
  const readStatus = viaApi
    ? async () => (await api.succeed('getBooking', { token: session.token, params: { id: hold.id }, step: 'integrity.poll-hold' })).status
    : async () => (await bookingState(db!, profile, hold.id))?.status ?? 'not in the database';
  const how = viaApi ? '' : ' (read back from the database, read-only: the target has no booking read route)';
  const expired = await test.step(`wait until ${waitForSweep ? 'the sweep expires the hold' : 'the hold is overdue'}${how}`, () =>
    pollUntil(
      readStatus,
      (status) => (waitForSweep ? status === 'EXPIRED_HOLD' : Date.now() > expiresAt),
      deadline,
      Math.min(250, Math.max(50, config.sweepIntervalMs / 4)),
    ),
  );
  return { hold, expired };
}

async function freeUnitsReader({ api, config, db, profile }: { api: ApiClient; config: Config; db: pg.Pool | undefined; profile: Config['profile'] }) {
  const pkg = await findPackage(api, 'hotel', profile.stock.race ?? profile.stock.hotel);
  if (db) return (night: Night) => databaseInventory(db, profile, pkg).freeUnits(night);
  const prober = await signIn(api, config.auth, syntheticUser(config.runId, config.emailDomain, 'probe'), config.token);
  return (night: Night) => probeInventory(api, prober, pkg).freeUnits(night);
}
