// Does the target ever sell a room twice? Distinct users hold the last units of one night, released at one barrier.
import { randomInt } from 'node:crypto';
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { databaseInventory, nightAt, probeInventory } from '../../src/integrity/inventory.ts';
import { raceRound } from '../../src/integrity/race.ts';

test('concurrent holds never take more units than are free @integrity @gate @destructive', check({ id: 'integrity.overbooking-race', severity: 'P0', feature: 'integrity' }), async ({ api, config, profile, db, newSession, cleanup, requireDestructive }) => {
  requireDestructive();
  if (!profile.stock.race) notApplicable(`profile ${profile.name} reserves no package for races`);
  const pkg = await test.step('find the race package', () => findPackage(api, 'hotel', profile.stock.race!));
  const contenders = await test.step(`sign in ${config.race.concurrency} distinct users`, () =>
    Promise.all(Array.from({ length: config.race.concurrency }, () => newSession())),
  );
  const inventory = db ? databaseInventory(db, profile.tables, pkg) : probeInventory(api, contenders[0]!, pkg);
  const deadline = Date.now() + config.race.budgetMs;
  const usedNights = new Set<number>();

  for (let round = 1; round <= config.race.rounds && (round === 1 || Date.now() < deadline); round += 1) {
    let offset = randomInt(10, 61);
    while (usedNights.has(offset)) offset = randomInt(10, 61);
    usedNights.add(offset);
    const night = nightAt(offset);
    const result = await test.step(`round ${round}: ${contenders.length} holds on ${night.checkInDate}`, () =>
      raceRound({
        api,
        baseUrl: config.baseUrl,
        runId: config.runId,
        timeoutMs: config.requestTimeoutMs,
        pkg,
        night,
        contenders,
        inventory,
        onHold: (id, token) => cleanup.booking(id, token),
      }),
    );
    test.info().annotations.push({
      type: 'measurement',
      description: `round ${round} (${inventory.via}): free ${result.freeBefore} → ${result.freeAfter}, ${result.successes} held, ${result.rejections} refused, ${result.unexpected.length} unexpected`,
    });
    expect(result.violations, `round ${round} on ${night.checkInDate}: ${result.violations.join('; ')}`).toEqual([]);
  }
});
