// Does a retried request book twice? Replays of one Idempotency-Key, in sequence and at once, must yield one hold.
import { randomUUID } from 'node:crypto';
import { test, expect, check } from '../../fixtures/index.ts';
import { quoteStay } from '../../src/flows/booking.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { releaseAtBarrier } from '../../src/integrity/barrier.ts';
import { isServerError } from '../../fixtures/assertions.ts';
import { databaseInventory, nightAt, probeInventory } from '../../src/systems/tripavail/inventory.ts';

// Fixed nights on the race package, apart from the race's and expiry's, so unit counts are not disturbed by other checks.
const REPLAY_NIGHT = nightAt(112);
const CONCURRENT_NIGHT = nightAt(116);
const CONCURRENT_REPLAYS = 10;

test.describe('idempotency', () => {
  test('a replayed Idempotency-Key returns the first hold and takes no more units @integrity @gate @destructive', check({ id: 'integrity.idempotency.replay', severity: 'P0', feature: 'integrity', needs: ['quote', 'hold'] }), async ({ api, profile, session, db, cleanup, requireDestructive }) => {
    requireDestructive();
    const pkg = await findPackage(api, 'hotel', profile.stock.race ?? profile.stock.hotel);
    const inventory = db ? databaseInventory(db, profile, pkg) : probeInventory(api, session, pkg);
    const before = await inventory.freeUnits(REPLAY_NIGHT);
    const quote = await quoteStay(api, session, { pkg, ...REPLAY_NIGHT, rooms: 1 });
    const key = randomUUID();
    const hold = (n: number) => test.step(`hold #${n} with the same key`, () => api.call('hold', { token: session.token, body: { quoteId: quote.id }, headers: { 'Idempotency-Key': key }, step: 'integrity.idempotent-hold', validate: 'record' }));
    const first = await hold(1);
    const firstId = (first.body as { id?: string }).id;
    if (firstId) cleanup.booking(firstId, session.token);
    const second = await hold(2);
    const secondId = (second.body as { id?: string }).id;
    if (secondId && secondId !== firstId) cleanup.booking(secondId, session.token);

    expect(first.status, `first hold (request id ${first.requestId})`).toBe(api.successStatus('hold'));
    expect(second.status, 'the replay answers with the first status').toBe(first.status);
    expect(secondId, 'the replay returns the same booking').toBe(firstId);
    expect(await inventory.freeUnits(REPLAY_NIGHT), 'units taken by one hold and its replay').toBe(before - 1);

    await test.step('the same key with another body is refused', async () => {
      const other = await quoteStay(api, session, { pkg, ...REPLAY_NIGHT, rooms: 1 });
      const res = await api.call('hold', { token: session.token, body: { quoteId: other.id }, headers: { 'Idempotency-Key': key }, step: 'integrity.idempotent-mismatch', validate: 'record' });
      const id = (res.body as { id?: string }).id;
      if (id && id !== firstId) cleanup.booking(id, session.token);
      expect(res.status, `same key, other quote (request id ${res.requestId})`).toBe(profile.rejections.idempotencyMismatch.status);
    });
  });

  test(`${CONCURRENT_REPLAYS} concurrent requests with one key make one hold and no 5xx @integrity @gate @destructive`, check({ id: 'integrity.idempotency.concurrent', severity: 'P0', feature: 'integrity', needs: ['quote', 'hold'] }), async ({ api, config, profile, session, db, cleanup, requireDestructive }) => {
    requireDestructive();
    const pkg = await findPackage(api, 'hotel', profile.stock.race ?? profile.stock.hotel);
    const inventory = db ? databaseInventory(db, profile, pkg) : probeInventory(api, session, pkg);
    const before = await inventory.freeUnits(CONCURRENT_NIGHT);
    const quote = await quoteStay(api, session, { pkg, ...CONCURRENT_NIGHT, rooms: 1 });
    const key = randomUUID();
    const url = `${config.baseUrl}${profile.apiPrefix}${api.route('hold').path}`;
    const answers = await test.step(`${CONCURRENT_REPLAYS} holds released at once`, () =>
      releaseAtBarrier(
        Array.from({ length: CONCURRENT_REPLAYS }, () => ({
          method: 'POST' as const,
          url,
          headers: { authorization: `Bearer ${session.token}`, 'idempotency-key': key, 'x-synthetic': config.runId },
          body: { quoteId: quote.id },
        })),
        config.requestTimeoutMs,
      ),
    );
    const ids = new Set(answers.map((a) => (a.body as { id?: string } | undefined)?.id).filter((id): id is string => !!id));
    for (const id of ids) cleanup.booking(id, session.token);
    const failures = answers.filter((a) => isServerError(a.status));
    expect(failures.map((a) => `${a.status ?? a.error} (request id ${a.requestId})`), '5xx or transport failures').toEqual([]);
    expect(answers.map((a) => a.status), 'every replay answers like the first').toEqual(answers.map(() => api.successStatus('hold')));
    expect(ids.size, 'distinct bookings created by one key').toBe(1);
    expect(await inventory.freeUnits(CONCURRENT_NIGHT), 'units taken').toBe(before - 1);
  });
});
