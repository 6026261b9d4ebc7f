// How a synthetic user signs in, in the profile's style: password (register), OTP (start + verify) or a provisioned token.
import type { ApiClient } from '../client/api-client.ts';
import { registerSecret } from '../client/redact.ts';
import type { AuthStyle } from '../config/schema.ts';
import type { User } from '../contract/schemas.ts';
import type { SyntheticUser } from './identity.ts';
import { SuiteError } from '../verdict/suite-error.ts';

export interface Session {
  token: string;
  user: User;
  email: string;
}

export async function signIn(api: ApiClient, style: AuthStyle, who: SyntheticUser, token?: string): Promise<Session> {
  switch (style) {
    case 'password': {
      const session = await api.expect('register', 201, { body: { email: who.email, password: who.password }, step: 'auth.register', setup: true });
      registerSecret(session.accessToken);
      registerSecret(session.refreshToken);
      return { token: session.accessToken, user: session.user, email: who.email };
    }
    case 'otp': {
      const started = await api.expect('otpStart', 201, { body: { channel: 'email', email: who.email, purpose: 'login' }, step: 'auth.otp-start', setup: true });
      if (!started.code) {
        throw new SuiteError('the target does not echo OTP codes (it is not in test mode), so no synthetic user can sign in', 'set HOLDFAST_AUTH=token and HOLDFAST_TOKEN to a provisioned user\'s token');
      }
      const session = await api.expect('otpVerify', 201, { body: { channel: 'email', email: who.email, code: started.code }, step: 'auth.otp-verify', setup: true });
      registerSecret(session.accessToken);
      return { token: session.accessToken, user: session.user, email: who.email };
    }
    case 'token': {
      if (!token) throw new SuiteError('HOLDFAST_AUTH=token but no token was given', 'set HOLDFAST_TOKEN');
      const user = await api.expect('me', 200, { token, step: 'auth.me', setup: true });
      return { token, user, email: user.email };
    }
  }
}

/** Logs in again with the password a user registered with. */
export async function logIn(api: ApiClient, who: SyntheticUser): Promise<Session> {
  const session = await api.expect('login', 200, { body: { email: who.email, password: who.password }, step: 'auth.login' });
  registerSecret(session.accessToken);
  return { token: session.accessToken, user: session.user, email: who.email };
}

/** Claims of a JWT, read without the key (the contract lets clients do this). */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const [, payload] = token.split('.');
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
