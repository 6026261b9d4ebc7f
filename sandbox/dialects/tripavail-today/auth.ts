// Who is calling, as TripAvail's code signs people in today: OTP only (start echoes the code, verify creates the user),
// /auth/me, /auth/refresh. Healthy: HS256 JWTs with sub/iat/exp (900 s), no password in any answer, and the contract's
// throttle (3 starts, 5 verifies per address per 5 minutes → 429 with Retry-After). Faults answer as the code does:
// token-no-expiry → opaque `mock-access-<id>` tokens that never expire; password-in-user → the user carries `password`.
import { randomBytes, randomInt } from 'node:crypto';
import type pg from 'pg';
import { todayBodies } from '../../../src/systems/tripavail-today/routes.ts';
import type { Faults } from '../../faults.ts';
import { HttpProblem } from '../../http/problem.ts';
import { Jwt } from '../../services/jwt.ts';
import { cuid, iso, NOW, parse, type TodayReply, type TodayRequest } from './support.ts';

const FIVE_MINUTES = 5 * 60_000;
const OTP_LIMITS = { starts: 3, verifies: 5 };
const OPAQUE = 'mock-access-';

const USER_COLUMNS = `"id","email","phone","password","firstName","lastName","avatar","role"::text AS "role","emailVerified","phoneVerified",${iso('"createdAt"')},${iso('"updatedAt"')}`;

interface UserRow {
  id: string;
  email: string;
  phone: string | null;
  password: string | null;
  firstName: string | null;
  lastName: string | null;
  avatar: string | null;
  role: string;
  emailVerified: boolean;
  phoneVerified: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Timestamps of attempts per address within a sliding window (bounded). */
class Window {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly spanMs: number) {}
  /** Counts the attempt; returns the seconds until the oldest one leaves the window when over `limit`, else undefined. */
  admit(key: string, limit: number): number | undefined {
    const now = Date.now();
    const kept = (this.hits.get(key) ?? []).filter((t) => now - t < this.spanMs);
    if (kept.length >= limit) {
      this.hits.set(key, kept);
      return Math.max(1, Math.ceil((kept[0]! + this.spanMs - now) / 1000));
    }
    if (this.hits.size > 50_000) this.hits.clear();
    this.hits.set(key, [...kept, now]);
    return undefined;
  }
}

export class TodayAuth {
  private readonly jwt = new Jwt(randomBytes(32));
  private readonly starts = new Window(FIVE_MINUTES);
  private readonly verifies = new Window(FIVE_MINUTES);
  private readonly codes = new Map<string, { code: string; expires: number }>();

  constructor(
    private readonly db: pg.Pool,
    private readonly faults: Faults,
    private readonly options: { tokenTtlSeconds: number; otpEcho: boolean },
  ) {}

  /** The caller's user id, or 401 ("No token provided" / "Invalid token"). */
  async authenticate(req: TodayRequest): Promise<string> {
    if (!req.token) throw new HttpProblem(401, 'No token provided');
    const id = this.userIdOf(req.token);
    if (id) {
      const { rows } = await this.db.query(`SELECT 1 FROM "User" WHERE "id" = $1`, [id]);
      if (rows.length) return id;
    }
    throw new HttpProblem(401, 'Invalid token');
  }

  private userIdOf(token: string): string | undefined {
    if (this.faults.has('token-no-expiry') && token.startsWith(OPAQUE)) return token.slice(OPAQUE.length);
    const claims = this.jwt.verify(token) ?? (this.faults.has('forged-token-accepted') ? this.jwt.unsigned(token) : undefined);
    return claims?.sub;
  }

  async start(req: TodayRequest): Promise<TodayReply> {
    const { email: raw } = parse(todayBodies.otpStart, req.body);
    const email = raw.toLowerCase();
    this.throttle(this.starts, email, OTP_LIMITS.starts);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (this.codes.size > 50_000) this.codes.clear();
    this.codes.set(email, { code, expires: Date.now() + FIVE_MINUTES });
    return { status: 201, body: { status: 'sent', channel: 'email', target: email, ...(this.options.otpEcho ? { code } : {}) } };
  }

  async verify(req: TodayRequest): Promise<TodayReply> {
    const { email: raw, code } = parse(todayBodies.otpVerify, req.body);
    if (this.faults.has('login-500')) throw new Error('OTP verify exploded (fault login-500)');
    const email = raw.toLowerCase();
    this.throttle(this.verifies, email, OTP_LIMITS.verifies);
    const issued = this.codes.get(email);
    if (!issued || issued.expires < Date.now()) throw new HttpProblem(401, 'Code expired or not found');
    if (issued.code !== code) throw new HttpProblem(401, 'Invalid code');
    this.codes.delete(email);
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO "User" ("id","email","emailVerified","createdAt","updatedAt") VALUES ($1,$2,true,${NOW},${NOW})
       ON CONFLICT ("email") DO UPDATE SET "updatedAt" = ${NOW}, "emailVerified" = true RETURNING ${USER_COLUMNS}`,
      [cuid(), email],
    );
    const user = rows[0]!;
    return { status: 201, body: { ...this.tokens(user.id), user: this.view(user) } };
  }

  async me(req: TodayRequest): Promise<TodayReply> {
    const id = await this.authenticate(req);
    const { rows } = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM "User" WHERE "id" = $1`, [id]);
    return { status: 200, body: { ...this.view(rows[0]!), profiles: [] } };
  }

  async refresh(req: TodayRequest): Promise<TodayReply> {
    const id = await this.authenticate(req);
    return { status: 201, body: { ...this.tokens(id), userId: id } };
  }

  private tokens(userId: string) {
    const accessToken = this.faults.has('token-no-expiry') ? `${OPAQUE}${userId}` : this.jwt.sign({ sub: userId, email: '', role: 'TRAVELER' }, this.options.tokenTtlSeconds);
    return { accessToken, refreshToken: `mock-refresh-${randomBytes(16).toString('hex')}` };
  }

  /** The sheet's user object; `password` only under the fault that answers as the code does. */
  private view(u: UserRow) {
    const { password, ...rest } = u;
    if (!this.faults.has('password-in-user')) return rest;
    return { id: u.id, email: u.email, phone: u.phone, password, firstName: u.firstName, lastName: u.lastName, avatar: u.avatar, role: u.role, emailVerified: u.emailVerified, phoneVerified: u.phoneVerified, createdAt: u.createdAt, updatedAt: u.updatedAt };
  }

  private throttle(window: Window, email: string, limit: number): void {
    if (this.faults.has('otp-unthrottled')) return;
    const retryAfter = window.admit(email, limit);
    if (retryAfter !== undefined) throw new HttpProblem(429, 'ThrottlerException: Too Many Requests', undefined, { 'retry-after': String(retryAfter) });
  }
}
