// Is the target alive, and does its readiness probe tell the truth?
import { test, check, notApplicable } from '../../fixtures/index.ts';

test('liveness answers 200 ok @smoke @gate', check({ id: 'api.health.liveness', severity: 'P0', feature: 'health' }), async ({ system, ctx }) => {
  await system.liveness(ctx);
});

test('readiness answers 200 ready with every dependency ok @smoke @gate', check({ id: 'api.health.readiness', severity: 'P0', feature: 'health' }), async ({ system, ctx, profile }) => {
  if (!system.readiness || (profile.speaksContract && !ctx.api.has('readiness'))) notApplicable(`profile ${profile.name} has no readiness probe`);
  await system.readiness(ctx);
});
