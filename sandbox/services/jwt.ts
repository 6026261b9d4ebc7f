// Access tokens: HS256-signed JWTs with sub, iat and exp (or, under token-no-expiry, without exp); and, for a broken release, unsigned ones.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Claims {
  sub: string;
  email: string;
  role: string;
  iat: number;
  exp?: number;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class Jwt {
  constructor(private readonly secret: Buffer) {}

  sign(claims: Omit<Claims, 'iat' | 'exp'>, ttlSeconds: number | undefined): string {
    const iat = Math.floor(Date.now() / 1000);
    const payload: Claims = { ...claims, iat, ...(ttlSeconds === undefined ? {} : { exp: iat + ttlSeconds }) };
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    return `${head}.${this.mac(head)}`;
  }

  /** The claims of a valid token, or undefined: wrong algorithm, bad signature, or past exp (unless expiry is ignored). */
  verify(token: string, ignoreExpiry = false): Claims | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    try {
      if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return undefined;
      const expected = Buffer.from(this.mac(`${header}.${payload}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
      if (!ignoreExpiry && (typeof claims.exp !== 'number' || claims.exp <= Date.now() / 1000)) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  /**
   * The claims of an unsigned (`alg: none`) token, taking the user from `sub`, `userId` or `id`, as a release that
   * trusts whatever a client sends would (fault forged-token-accepted); undefined for anything else.
   */
  unsigned(token: string): Claims | undefined {
    const [header, payload] = token.split('.');
    if (!header || !payload) return undefined;
    try {
      if (String(JSON.parse(Buffer.from(header, 'base64url').toString()).alg).toLowerCase() !== 'none') return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Partial<Claims> & { userId?: unknown; id?: unknown };
      const sub = [claims.sub, claims.userId, claims.id].find((v): v is string => typeof v === 'string' && v.length > 0);
      if (!sub) return undefined;
      return { sub, email: String(claims.email ?? ''), role: String(claims.role ?? 'TRAVELER'), iat: Number(claims.iat ?? 0) };
    } catch {
      return undefined;
    }
  }

  private mac(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
