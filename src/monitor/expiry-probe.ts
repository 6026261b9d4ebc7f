// Does the target's expiry worker run in production, where no check can wait a 10-minute TTL out? One cycle leaves a
// hold on the race stock; a later cycle, once the hold is overdue by a sweep and the grace, verifies it expired.
// State survives restarts in <reports>/monitor-expiry-probe.json (booking id and times only, never a token): a new
// process verifies through the database when HOLDFAST_DATABASE_URL is set, the old process through the API.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { ApiClient } from '../client/api-client.ts';
import { Recorder } from '../client/recorder.ts';
import { syntheticUser } from '../flows/identity.ts';
import { createSystem } from '../systems/index.ts';
import { registerUrlPassword } from '../client/redact.ts';
import type { Config } from '../config/load.ts';
import type { Session } from '../flows/auth.ts';
import { holdQuote, quoteStay, releaseBooking } from '../flows/booking.ts';
import { findPackage } from '../flows/catalog.ts';
import { stayDates } from '../flows/dates.ts';
import type { Check } from '../verdict/schema.ts';

const ProbeState = z.object({ bookingId: z.string(), heldAt: z.string(), expiresAt: z.string(), dueAt: z.string() });
type ProbeState = z.infer<typeof ProbeState>;

export const EXPIRY_CHECK_ID = 'monitor.hold-expired';

export class ExpiryProbe {
  private readonly file: string;
  /** The session that made the pending hold, while this process lives: lets it read and release the hold by API. */
  private owner: Session | undefined;

  constructor(private readonly config: Config) {
    const dir = isAbsolute(config.reportsDir) ? config.reportsDir : join(process.cwd(), config.reportsDir);
    this.file = join(dir, 'monitor-expiry-probe.json');
  }

  static applies(config: Config): boolean {
    const { profile } = config;
    const canVerify = profile.routeOverrides.getBooking !== null || Boolean(config.databaseUrl && profile.tables);
    return profile.speaksContract && profile.routeOverrides.hold !== null && Boolean(profile.stock.race) && canVerify;
  }

  /** Verifies a due hold (one check), then leaves the next one; returns no check while the pending hold is not due. */
  async step(now = Date.now()): Promise<Check[]> {
    const api = new ApiClient({ baseUrl: this.config.baseUrl, profile: this.config.profile, runId: this.config.runId, timeoutMs: this.config.requestTimeoutMs, recorder: new Recorder(50) });
    const pending = this.read();
    const checks: Check[] = [];
    if (pending) {
      if (now < Date.parse(pending.dueAt)) return [];
      const status = await this.statusOf(api, pending.bookingId);
      if (status === undefined) return []; // unreadable now (outage, or no way across processes): try next cycle
      const overdueS = Math.round((now - Date.parse(pending.expiresAt)) / 1000);
      const expired = status !== 'HOLD';
      checks.push({
        id: EXPIRY_CHECK_ID,
        title: 'a hold left by an earlier cycle has expired',
        status: expired ? 'passed' : 'failed',
        severity: 'P1',
        stage: 'monitor',
        durationMs: 0,
        ...(expired ? {} : { error: `hold ${pending.bookingId} is still HOLD ${overdueS} s after its expiry (sweep ${this.config.sweepIntervalMs} ms, grace ${this.config.expiryGraceMs} ms): the expiry worker is not running` }),
        details: { bookingId: pending.bookingId, status, overdueSeconds: overdueS },
      });
      if (!expired) await this.release(api);
      this.clear();
    }
    try {
      const session = this.owner ?? (await createSystem(this.config.profile).signIn({ api, config: this.config }, syntheticUser(this.config.runId, this.config.emailDomain, 'expiry-probe')));
      await this.leaveHold(api, session);
    } catch {
      // The cycle's own checks report an outage or a broken booking flow; the probe just tries again next cycle.
    }
    return checks;
  }

  /** Releases a pending hold this process made (on shutdown): nothing synthetic outlives the monitor it can undo. */
  async release(api = new ApiClient({ baseUrl: this.config.baseUrl, profile: this.config.profile, runId: this.config.runId, timeoutMs: this.config.requestTimeoutMs })): Promise<void> {
    const pending = this.read();
    if (pending && this.owner) await releaseBooking(api, this.owner.token, pending.bookingId);
    this.clear();
  }

  private async leaveHold(api: ApiClient, session: Session): Promise<void> {
    const pkg = await findPackage(api, 'hotel', this.config.profile.stock.race!);
    const quote = await quoteStay(api, session, { pkg, rooms: 1, guests: 1, ...stayDates(1, 62, 118) });
    const hold = await holdQuote(api, session, quote.id);
    const expiresAt = Date.parse(hold.holdExpiresAt);
    this.owner = session;
    this.write({
      bookingId: hold.id,
      heldAt: new Date().toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      dueAt: new Date(expiresAt + this.config.sweepIntervalMs + this.config.expiryGraceMs).toISOString(),
    });
  }

  private async statusOf(api: ApiClient, bookingId: string): Promise<string | undefined> {
    if (this.config.databaseUrl && this.config.profile.tables) {
      registerUrlPassword(this.config.databaseUrl);
      const client = new pg.Client({ connectionString: this.config.databaseUrl, connectionTimeoutMillis: 5_000, options: '-c default_transaction_read_only=on' });
      client.on('error', () => {});
      try {
        await client.connect();
        const { rows } = await client.query<{ status: string }>(`SELECT "status" FROM ${this.config.profile.tables.booking} WHERE "id" = $1`, [bookingId]);
        return rows[0]?.status ?? 'GONE';
      } catch {
        return undefined;
      } finally {
        await client.end().catch(() => {});
      }
    }
    if (!this.owner || !api.has('getBooking')) return undefined;
    try {
      const res = await api.call('getBooking', { token: this.owner.token, params: { id: bookingId }, step: 'monitor.expiry-probe', validate: 'record' });
      return res.status === 200 ? (res.body as { status?: string }).status : undefined;
    } catch {
      return undefined;
    }
  }

  private read(): ProbeState | undefined {
    if (!existsSync(this.file)) return undefined;
    const parsed = ProbeState.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  }

  private write(state: ProbeState): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(state, null, 2)}\n`);
  }

  private clear(): void {
    rmSync(this.file, { force: true });
    this.owner = undefined;
  }
}
