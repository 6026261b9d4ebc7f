// Who is calling: password and OTP sign-in, brute-force lock, throttling, and Bearer token checks.
import { randomBytes, randomInt, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { Faults } from '../faults.ts';
import { HttpProblem, badRequest, unauthorized } from '../http/problem.ts';
import type { Reply, RequestContext } from '../http/server.ts';
import { Jwt, type Claims } from './jwt.ts';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number }) => Promise<Buffer>;
const FIFTEEN_MINUTES = 15 * 60_000;
const FIVE_MINUTES = 5 * 60_000;
/** The contract's OTP throttle, per target address within FIVE_MINUTES. */
const OTP_LIMITS = { starts: 3, verifies: 5 };

interface UserRow {
  id: string;
  email: string;
  role: string;
  passwordHash: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** Sliding-window counters per key, bounded so a long-running sandbox does not grow without end. */
class Window {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly spanMs: number) {}
  count(key: string): number {
    const now = Date.now();
    const kept = (this.hits.get(key) ?? []).filter((t) => now - t < this.spanMs);
    this.hits.set(key, kept);
    return kept.length;
  }
  add(key: string): void {
    if (this.hits.size > 50_000) this.hits.clear();
    this.hits.set(key, [...(this.hits.get(key) ?? []), Date.now()]);
  }
}

export class AuthService {
  private readonly jwt = new Jwt(randomBytes(32));
  private readonly failedLogins = new Window(FIFTEEN_MINUTES);
  private readonly lockedUntil = new Map<string, number>();
  private readonly otpStarts = new Window(FIVE_MINUTES);
  private readonly otpVerifies = new Window(FIVE_MINUTES);
  private readonly otpCodes = new Map<string, { code: string; expires: number }>();

  constructor(
    private readonly db: pg.Pool,
    private readonly faults: Faults,
    private readonly options: { tokenTtlSeconds: number; otpEcho: boolean; lockAfter?: number },
  ) {}

  /** The caller's claims, or a 401. */
  authenticate(ctx: RequestContext): Claims {
    const claims = ctx.token
      ? (this.jwt.verify(ctx.token, this.faults.has('token-no-expiry')) ?? (this.faults.has('forged-token-accepted') ? this.jwt.unsigned(ctx.token) : undefined))
      : undefined;
    if (!claims) throw unauthorized(ctx.token ? 'invalid or expired token' : 'missing bearer token');
    return claims;
  }

  async register(ctx: RequestContext): Promise<Reply> {
    const { email, password, firstName, lastName } = ctx.body as { email: string; password: string; firstName?: string; lastName?: string };
    if (password.length < 12) throw badRequest('password: must be at least 12 characters', 'WEAK_PASSWORD');
    const hash = await hashPassword(password);
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO "User" ("id","email","passwordHash","firstName","lastName") VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT ("email") DO NOTHING RETURNING *`,
      [randomUUID(), email.toLowerCase(), hash, firstName ?? null, lastName ?? null],
    );
    if (!rows[0]) throw new HttpProblem(409, 'email already registered', 'EMAIL_TAKEN');
    return { status: 201, body: this.session(rows[0]) };
  }

  async login(ctx: RequestContext): Promise<Reply> {
    if (this.faults.has('login-500')) throw new Error('login exploded (fault login-500)');
    const { email: rawEmail, password } = ctx.body as { email: string; password: string };
    const email = rawEmail.toLowerCase();
    const locked = this.lockedUntil.get(email) ?? 0;
    if (locked > Date.now()) {
      throw new HttpProblem(429, 'too many failed logins; try again later', 'TOO_MANY_ATTEMPTS', { 'retry-after': String(Math.ceil((locked - Date.now()) / 1000)) });
    }
    const { rows } = await this.db.query<UserRow>(`SELECT * FROM "User" WHERE "email" = $1`, [email]);
    const user = rows[0];
    if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
      this.failedLogins.add(email);
      if (!this.faults.has('no-login-lockout') && this.failedLogins.count(email) >= (this.options.lockAfter ?? 5)) this.lockedUntil.set(email, Date.now() + FIFTEEN_MINUTES);
      throw unauthorized('invalid email or password');
    }
    return { status: 200, body: this.session(user) };
  }

  async otpStart(ctx: RequestContext): Promise<Reply> {
    const email = (ctx.body as { email: string }).email.toLowerCase();
    if (!this.faults.has('otp-unthrottled') && this.otpStarts.count(email) >= OTP_LIMITS.starts) throw new HttpProblem(429, 'too many codes requested', 'TOO_MANY_ATTEMPTS', { 'retry-after': '300' });
    this.otpStarts.add(email);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (this.otpCodes.size > 50_000) this.otpCodes.clear();
    this.otpCodes.set(email, { code, expires: Date.now() + FIVE_MINUTES });
    return { status: 201, body: { status: 'sent', channel: 'email', target: email, ...(this.options.otpEcho ? { code } : {}) } };
  }

  async otpVerify(ctx: RequestContext): Promise<Reply> {
    if (this.faults.has('login-500')) throw new Error('OTP verify exploded (fault login-500)');
    const { email: rawEmail, code } = ctx.body as { email: string; code: string };
    const email = rawEmail.toLowerCase();
    if (!this.faults.has('otp-unthrottled') && this.otpVerifies.count(email) >= OTP_LIMITS.verifies) throw new HttpProblem(429, 'too many attempts', 'TOO_MANY_ATTEMPTS', { 'retry-after': '300' });
    this.otpVerifies.add(email);
    const issued = this.otpCodes.get(email);
    if (!issued || issued.expires < Date.now() || issued.code !== code) throw unauthorized('invalid or expired code');
    this.otpCodes.delete(email);
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO "User" ("id","email") VALUES ($1,$2) ON CONFLICT ("email") DO UPDATE SET "email" = EXCLUDED."email" RETURNING *`,
      [randomUUID(), email],
    );
    return { status: 201, body: this.session(rows[0]!) };
  }

  async me(ctx: RequestContext): Promise<Reply> {
    const claims = this.authenticate(ctx);
    const { rows } = await this.db.query<UserRow>(`SELECT * FROM "User" WHERE "id" = $1`, [claims.sub]);
    if (!rows[0]) throw unauthorized('user no longer exists');
    return { status: 200, body: publicUser(rows[0]) };
  }

  private session(user: UserRow) {
    const ttl = this.faults.has('token-no-expiry') ? undefined : this.options.tokenTtlSeconds;
    return {
      accessToken: this.jwt.sign({ sub: user.id, email: user.email, role: user.role }, ttl),
      refreshToken: randomBytes(24).toString('base64url'),
      user: publicUser(user),
    };
  }
}

function publicUser(user: UserRow) {
  return { id: user.id, email: user.email, role: user.role, firstName: user.firstName, lastName: user.lastName };
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { N: 4096 });
  return `scrypt$4096$${salt.toString('base64')}$${key.toString('base64')}`;
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, n, salt, key] = stored.split('$');
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await scrypt(password, Buffer.from(salt ?? '', 'base64'), expected.length, { N: Number(n) });
  return expected.length > 0 && timingSafeEqual(expected, actual);
}
