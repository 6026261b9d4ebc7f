// Can a person sign in through the web app, in the profile's auth style, and land signed in?
import { test, check } from '../../fixtures/web.ts';
import { notApplicable } from '../../fixtures/check.ts';

test.use({ storageState: { cookies: [], origins: [] } });

test('a traveller signs in on the web and lands on the catalog @web @smoke @gate', check({ id: 'web.login.journey', severity: 'P0', feature: 'web', needs: ['web'] }), async ({ page, config, loginPage, syntheticUser, journey }) => {
  if (config.auth === 'token') notApplicable('the profile signs in with a provisioned token; there is no login form to drive');
  await test.step('open the login page', async () => {
    await loginPage.goto();
    await journey.timeNavigation('login');
  });
  if (config.auth === 'otp') {
    const code = await test.step('start an OTP login and read the code the test-mode page shows', () => loginPage.startOtp(syntheticUser.email));
    await test.step('verify the code', () => loginPage.verify(code));
  } else {
    await test.step('register with a password', () => loginPage.register(syntheticUser.email, syntheticUser.password));
  }
  await test.step('land signed in on the catalog', () => loginPage.expectSignedIn(syntheticUser.email));
  await journey.timeNavigation('catalog');
  await page.evaluate(() => localStorage.clear());
});
