// Can a traveller sign in, and is everything that needs a signed-in user closed to everyone else?
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';
import { passwordFields } from '../../fixtures/assertions.ts';
import { jwtClaims, logIn } from '../../src/flows/auth.ts';

test.describe('auth', () => {
  test('a synthetic user signs in and reads itself @smoke @gate', check({ id: 'api.auth.sign-in', severity: 'P0', feature: 'auth' }), async ({ api, session }) => {
    expect(session.token, 'the sign-in answer carries a token').toBeTruthy();
    expect(session.user.email.toLowerCase()).toBe(session.email.toLowerCase());
    if (!api.has('me')) return;
    const me = await test.step('read /auth/me', () => api.succeed('me', { token: session.token, step: 'auth.me' }));
    expect(me.id).toBe(session.user.id);
    expect(me.email.toLowerCase()).toBe(session.email.toLowerCase());
  });

  test('a registered user logs in with its password @gate', check({ id: 'api.auth.password-login', severity: 'P0', feature: 'auth', needs: ['register', 'login'] }), async ({ api, config, syntheticUser }) => {
    test.skip(config.auth !== 'password', `the profile signs in with ${config.auth}`);
    await test.step('register', () => api.succeed('register', { body: syntheticUser, step: 'auth.register' }));
    const session = await test.step('log in', () => logIn(api, syntheticUser));
    expect(session.user.email.toLowerCase()).toBe(syntheticUser.email.toLowerCase());
  });

  test('no response carries a password or its hash @smoke @gate', check({ id: 'api.auth.no-password-leak', severity: 'P0', feature: 'auth' }), async ({ api, session }) => {
    expect(passwordFields(session.user), 'password-like fields in the sign-in answer').toEqual([]);
    if (!api.has('me')) return;
    const me = await api.call('me', { token: session.token, step: 'auth.me' });
    expect(passwordFields(me.body), 'password-like fields in /auth/me').toEqual([]);
  });

  test('protected routes refuse a missing, tampered or unsigned token @smoke @gate', check({ id: 'api.auth.rejects-bad-tokens', severity: 'P0', feature: 'auth', needs: ['me'] }), async ({ api, session }) => {
    const { unauthenticated } = api.profile.rejections;
    const attempts: [string, string | undefined][] = [
      ['no token', undefined],
      ['tampered signature', tamper(session.token)],
      ['alg none', unsigned(session.token)],
    ];
    for (const [what, token] of attempts) {
      await test.step(what, async () => {
        const res = await api.call('me', { token, step: 'auth.me-rejected', validate: 'record' });
        expect(res.status, `${what} (request id ${res.requestId})`).toBe(unauthenticated.status);
      });
    }
  });

  test('access tokens expire as the profile says @gate', check({ id: 'api.auth.token-expiry', severity: 'P1', feature: 'auth' }), async ({ api, session }) => {
    const expected = api.profile.auth.jwtExpirySeconds;
    if (expected === undefined) notApplicable(`profile ${api.profile.name} does not use expiring JWTs`);
    const claims = jwtClaims(session.token);
    expect(claims, 'the access token is not a readable JWT').toBeDefined();
    expect(typeof claims?.exp, 'the access token carries no exp claim').toBe('number');
    expect(Number(claims?.exp) - Number(claims?.iat)).toBe(expected);
  });

  test('repeated failed logins lock the e-mail or throttle @gate', check({ id: 'api.auth.brute-force-lock', severity: 'P1', feature: 'auth' }), async ({ system, ctx, config, profile, syntheticUser }) => {
    const limit = profile.auth.lockoutAfter;
    if (limit === undefined) notApplicable(`profile ${profile.name} promises no login lockout`);
    if (config.auth !== 'password') notApplicable(`the profile signs in with ${config.auth}, not a password`);
    await test.step('register', () => system.register(ctx, syntheticUser));
    for (let attempt = 1; attempt <= limit; attempt += 1) {
      const res = await system.passwordLogin(ctx, syntheticUser.email, 'wrong-password-123');
      expect(res.status, `failed login #${attempt} (request id ${res.requestId})`).toBe(profile.rejections.unauthenticated.status);
    }
    const locked = await system.passwordLogin(ctx, syntheticUser.email, syntheticUser.password);
    expect(locked.status, `login with the right password after ${limit} failures (request id ${locked.requestId})`).toBe(profile.rejections.rateLimited.status);
    expect(locked.headers['retry-after'], 'Retry-After header on the lock').toBeTruthy();
  });
});

function tamper(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  return [header, payload, flipped].join('.');
}

function unsigned(token: string): string {
  const [, payload] = token.split('.');
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return `${header}.${payload}.`;
}
