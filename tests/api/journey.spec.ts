// Can a customer reserve, buy and give back one unit of what the system sells, in the system's own transaction?
import { test, expect, check } from '../../fixtures/index.ts';
import { releaseAtBarrier } from '../../src/integrity/barrier.ts';

test('reserve → confirm → release, and the capacity comes back @smoke @gate', check({ id: 'api.journey.reserve-release', severity: 'P0', feature: 'booking' }), async ({ system, ctx, config, session, newSession, cleanup }) => {
  const slot = await test.step('open a slot', () => system.openSlot(ctx, session, 'journey'));
  if (system.closeSlot) cleanup.after(() => system.closeSlot!(ctx, slot, session));
  if (system.offerNames && slot.offerName) {
    const names = await test.step('the offer is listed', () => system.offerNames!(ctx, session));
    expect(names, 'listed offers').toContain(slot.offerName);
  }
  // Read without side effects: where capacity cannot be read so (TripAvail without database access), it is not asserted here
  // (the race measures it), so a smoke run makes exactly one reservation.
  const before = await test.step('free units before', () => system.freeUnits(ctx, slot, session, 'read'));
  if (before !== undefined) expect(before, `free units of ${slot.label}`).toBeGreaterThan(0);

  // Marketplaces need a second party (a provider quoting); for the others the customer is the only party.
  const counterpart = await newSession();
  const request = await system.prepareReservation(ctx, slot, counterpart, session);
  const [answer] = await test.step('reserve one unit', () => releaseAtBarrier([request], config.requestTimeoutMs));
  const outcome = system.classify(ctx, answer!);
  expect(outcome.kind, `the reservation answered ${answer!.status ?? answer!.error} (request id ${answer!.requestId})`).toBe('reserved');
  const id = (outcome as { id: string }).id;
  const reserver = request.headers.authorization === `Bearer ${session.token}` ? session : counterpart;
  cleanup.reservation(id, reserver);

  if (system.confirm) await test.step('confirm it', () => system.confirm!(ctx, slot, reserver, session, id));
  if (before !== undefined) {
    const during = await test.step('free units while reserved', () => system.freeUnits(ctx, slot, session, 'read'));
    expect(during, 'free units after reserving one').toBe(before - 1);
  }
  expect(await test.step('release it', () => system.release(ctx, reserver, id)), 'release outcome').toBe('cancelled');
  if (before !== undefined) {
    const after = await test.step('free units after release', () => system.freeUnits(ctx, slot, session, 'read'));
    expect(after, 'free units after the release').toBe(before);
  }
});
