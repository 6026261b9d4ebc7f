// Does the target ever sell the same capacity twice? Distinct users reserve the last units of one slot, released at one
// barrier; and does it answer every contender without a server error, whatever the race's outcome?
import { test, expect, check, notApplicable, recordEvidence } from '../../fixtures/index.ts';
import { raceRound } from '../../src/integrity/race.ts';
import { isServerErrorStatus, logRaceAnswers, readRaceAnswers } from '../../src/systems/shared.ts';
import { SuiteError } from '../../src/verdict/suite-error.ts';

// In order, in one worker: the 5xx check reads what the race saw (from the reports folder, so a failed race still tells it).
test.describe.configure({ mode: 'default' });

test('concurrent reservations never take more than is free @integrity @gate @destructive', check({ id: 'integrity.overbooking-race', severity: 'P0', feature: 'integrity' }), async ({ system, ctx, config, profile, session, newSession, cleanup, requireDestructive }) => {
  requireDestructive();
  if (!profile.stock.race) notApplicable(`profile ${profile.name} reserves no stock for races`);
  // Planned so that the system's rate limits cannot decide the result (e.g. 5 orders a minute per client).
  const plan = system.racePlan?.(config.race) ?? { contenders: config.race.concurrency, rounds: config.race.rounds };
  if (plan.reason) test.info().annotations.push({ type: 'measurement', description: `race planned as ${plan.rounds} round(s) of ${plan.contenders}: ${plan.reason}` });
  const contenders = await test.step(`sign in ${plan.contenders} distinct users`, () => Promise.all(Array.from({ length: plan.contenders }, () => newSession())));
  const deadline = Date.now() + config.race.budgetMs;

  for (let round = 1; round <= plan.rounds && (round === 1 || Date.now() < deadline); round += 1) {
    const slot = await test.step(`round ${round}: open a slot`, () => system.openSlot(ctx, session, 'race'));
    if (system.closeSlot) cleanup.after(() => system.closeSlot!(ctx, slot, session));
    const result = await test.step(`round ${round}: ${contenders.length} reservations of ${slot.label}`, () =>
      raceRound({ system, ctx, slot, owner: session, contenders, timeoutMs: config.requestTimeoutMs, onReserved: (id, who) => cleanup.reservation(id, who) }),
    );
    logRaceAnswers(config.reportsDir, { runId: config.runId, round, answers: result.requestIds.length, serverErrors: result.unexpected.filter((u) => isServerErrorStatus(u.status)) });
    test.info().annotations.push({
      type: 'measurement',
      description: `round ${round} (${slot.label}): free ${result.freeBefore} → ${result.freeAfter}, ${result.successes} reserved, ${result.rejections} refused, ${result.unexpected.length} unexpected`,
    });
    const limited = result.unexpected.filter((u) => u.status === profile.rejections.rateLimited.status);
    if (limited.length && result.successes <= result.freeBefore) {
      throw new SuiteError(`round ${round}: the target's rate limit answered ${limited.length} of ${contenders.length} contenders (first request id ${limited[0]!.requestId}), so the race could not show whether it oversells`, 'run the race where its limit allows this many reservations a minute (HOLDFAST_RACE_CONCURRENCY, or a raised limit on staging)');
    }
    expect(result.violations, `round ${round} on ${slot.label}: ${result.violations.join('; ')}`).toEqual([]);
    if (contenders.length <= result.freeBefore) {
      throw new SuiteError(`round ${round}: ${contenders.length} contenders for ${result.freeBefore} free units of ${slot.label}: no oversell was possible`, 'give the race stock fewer free units, or raise HOLDFAST_RACE_CONCURRENCY where the limits allow');
    }
  }
});

test('no reservation in a race answers a server error @integrity @gate @destructive', check({ id: 'integrity.race.no-5xx', severity: 'P1', feature: 'integrity', evidence: ['race-answers'] }), async ({ config, profile, requireDestructive }) => {
  requireDestructive();
  if (!profile.stock.race) notApplicable(`profile ${profile.name} reserves no stock for races`);
  const rounds = readRaceAnswers(config.reportsDir, config.runId);
  if (!rounds.length) throw new SuiteError('the race recorded no answers (it did not get as far as its first round)', 'see integrity.overbooking-race for why');
  recordEvidence('race-answers', rounds.reduce((n, r) => n + r.answers, 0));
  const errors = rounds.flatMap((r) => r.serverErrors.map((e) => `round ${r.round}: ${e.status} (request id ${e.requestId})`));
  expect(errors, `${errors.length} server errors among the race's answers: ${errors.join('; ')}`).toEqual([]);
});
