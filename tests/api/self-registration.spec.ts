// Can anyone make themselves an administrator? Where sign-up takes a role, asking for a privileged one must not grant it.
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';

test('sign-up asking for a privileged role does not grant it @smoke @gate', check({ id: 'api.auth.no-self-privilege', severity: 'P0', feature: 'auth' }), async ({ system, ctx, profile, syntheticUser }) => {
  const registration = system.selfRegistration;
  if (!registration) notApplicable(`profile ${profile.name}'s sign-up takes no role`);
  const { privilegedRole } = registration;
  const outcome = await test.step(`sign up asking for ${privilegedRole}, and read the account back`, () => registration.signUpAs(ctx, syntheticUser, privilegedRole));
  test.info().annotations.push({
    type: 'measurement',
    description: outcome.refused ? `refused with ${outcome.status} (request id ${outcome.requestId})` : `accepted; the account's role is ${outcome.role} (request id ${outcome.requestId})`,
  });
  if (outcome.refused) return;
  expect(outcome.role, 'the account reads back with no role').toBeTruthy();
  expect(outcome.role!.toLowerCase(), `a self-registered account holds ${privilegedRole} (sign-up request id ${outcome.requestId})`).not.toBe(privilegedRole.toLowerCase());
});
