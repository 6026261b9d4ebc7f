// Does the target ever sell the same capacity twice? Distinct users reserve the last units of one slot, released at one barrier.
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';
import { raceRound } from '../../src/integrity/race.ts';

test('concurrent reservations never take more than is free @integrity @gate @destructive', check({ id: 'integrity.overbooking-race', severity: 'P0', feature: 'integrity' }), async ({ system, ctx, config, profile, session, newSession, cleanup, requireDestructive }) => {
  requireDestructive();
  if (!profile.stock.race) notApplicable(`profile ${profile.name} reserves no stock for races`);
  const contenders = await test.step(`sign in ${config.race.concurrency} distinct users`, () =>
    Promise.all(Array.from({ length: config.race.concurrency }, () => newSession())),
  );
  const deadline = Date.now() + config.race.budgetMs;

  for (let round = 1; round <= config.race.rounds && (round === 1 || Date.now() < deadline); round += 1) {
    const slot = await test.step(`round ${round}: open a slot`, () => system.openSlot(ctx, session, 'race'));
    if (system.closeSlot) cleanup.after(() => system.closeSlot!(ctx, slot, session));
    const result = await test.step(`round ${round}: ${contenders.length} reservations of ${slot.label}`, () =>
      raceRound({ system, ctx, slot, owner: session, contenders, timeoutMs: config.requestTimeoutMs, onReserved: (id, who) => cleanup.reservation(id, who) }),
    );
    test.info().annotations.push({
      type: 'measurement',
      description: `round ${round} (${slot.label}): free ${result.freeBefore} → ${result.freeAfter}, ${result.successes} reserved, ${result.rejections} refused, ${result.unexpected.length} unexpected`,
    });
    expect(result.violations, `round ${round} on ${slot.label}: ${result.violations.join('; ')}`).toEqual([]);
  }
});
