// What every dialect translates into: the sandbox's one booking core (quote → hold → pay → confirm, cancel), called in-process.
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import type { RouteName } from '../../src/contract/routes.ts';
import { daysFromToday } from '../../src/flows/dates.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Handlers, Reply } from '../http/server.ts';

interface CoreCall {
  token?: string;
  body?: unknown;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: IncomingMessage['headers'];
  requestId: string;
}

export interface HotelPackageRow {
  id: string;
  name: string;
  pricePerPerson: string;
  roomId: string;
}

export class Core {
  constructor(
    private readonly handlers: Handlers,
    private readonly db: pg.Pool,
  ) {}

  /** Calls a core handler; any 4xx/5xx becomes an HttpProblem carrying the core's status, message and code. */
  async call(name: RouteName, c: CoreCall): Promise<Record<string, unknown>> {
    const reply: Reply = await this.handlers[name]({ requestId: c.requestId, params: c.params ?? {}, query: c.query ?? {}, body: c.body, headers: c.headers ?? {}, token: c.token });
    const body = (reply.body ?? {}) as Record<string, unknown>;
    if (reply.status >= 400) throw new HttpProblem(reply.status, String(body.message ?? 'error'), body.code as string | undefined, reply.headers);
    return body;
  }

  /** Takes `units` of a package's night for a user, as one held booking; returns its id. */
  async reserve(token: string, requestId: string, packageId: string, date: string, units: number, nights = 1): Promise<{ id: string; total: string }> {
    const checkOut = new Date(`${date}T00:00:00Z`);
    checkOut.setUTCDate(checkOut.getUTCDate() + nights);
    const quote = await this.call('quote', {
      token, requestId,
      body: { packageType: 'HOTEL_PACKAGE', packageId, checkInDate: date, checkOutDate: checkOut.toISOString().slice(0, 10), numberOfGuests: units, numberOfRooms: units },
    });
    const hold = await this.call('hold', { token, requestId, body: { quoteId: quote.id } });
    return { id: String(hold.id), total: String(hold.totalPrice) };
  }

  /** Pays for and confirms a held booking with the fake processor's test card; releases the hold if either step fails. */
  async sell(token: string, requestId: string, bookingId: string): Promise<void> {
    try {
      await this.call('preAuthorize', { token, requestId, body: { bookingId, paymentMethodId: 'pm_card_visa', idempotencyKey: `${bookingId}-sale` } });
      await this.call('confirm', { token, requestId, params: { id: bookingId } });
    } catch (error) {
      await this.call('cancel', { token, requestId, params: { id: bookingId } }).catch(() => {});
      throw error;
    }
  }

  cancel(token: string, requestId: string, bookingId: string) {
    return this.call('cancel', { token, requestId, params: { id: bookingId } });
  }

  async publishedPackages(): Promise<HotelPackageRow[]> {
    const { rows } = await this.db.query<HotelPackageRow>(`SELECT "id","name","pricePerPerson","roomId" FROM "HotelPackage" WHERE "status" = 'PUBLISHED' ORDER BY "createdAt"`);
    return rows;
  }

  async packageById(id: string): Promise<HotelPackageRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const { rows } = await this.db.query<HotelPackageRow>(`SELECT "id","name","pricePerPerson","roomId" FROM "HotelPackage" WHERE "id" = $1 AND "status" = 'PUBLISHED'`, [id]);
    return rows[0];
  }

  /** Free units of a package over [from, from + nights): the fewest free on any night. */
  async freeUnits(packageId: string, from: string, nights = 1): Promise<number> {
    const { rows } = await this.db.query<{ free: number | null }>(
      `SELECT min(n."availableUnits")::int AS free FROM "InventoryNight" n JOIN "HotelPackage" p ON p."roomId" = n."roomId"
        WHERE p."id" = $1 AND n."date" >= $2::date AND n."date" < $2::date + $3::int`,
      [packageId, from, nights],
    );
    return rows[0]?.free ?? 0;
  }

  /** Units a package's room has on a night (its size, whatever is taken). */
  async totalUnits(packageId: string, date: string): Promise<number> {
    const { rows } = await this.db.query<{ total: number | null }>(
      `SELECT n."totalUnits"::int AS total FROM "InventoryNight" n JOIN "HotelPackage" p ON p."roomId" = n."roomId" WHERE p."id" = $1 AND n."date" = $2::date`,
      [packageId, date],
    );
    return rows[0]?.total ?? 0;
  }

  /** A night of a package that is entirely free and not in `taken`, searching forward from `fromDays` ahead. */
  async wholeFreeNight(packageId: string, fromDays: number, taken: ReadonlySet<string>): Promise<string> {
    const { rows } = await this.db.query<{ date: string }>(
      `SELECT n."date"::text AS date FROM "InventoryNight" n JOIN "HotelPackage" p ON p."roomId" = n."roomId"
        WHERE p."id" = $1 AND n."date" >= $2::date AND n."availableUnits" = n."totalUnits" ORDER BY n."date"`,
      [packageId, daysFromToday(fromDays)],
    );
    const night = rows.find((r) => !taken.has(r.date));
    if (!night) throw new HttpProblem(409, 'no free stock left to allocate', 'INSUFFICIENT_INVENTORY');
    return night.date;
  }
}

/**
 * A sliding one-minute window per key (a client address, a user): the (limit+1)th request within the window is refused
 * with 429 and a Retry-After saying when the oldest counted request leaves it. Refused requests are not counted.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    private readonly message: string,
    private readonly windowMs = 60_000,
  ) {}

  take(key: string): void {
    const now = Date.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const retryAfter = Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
      throw new HttpProblem(429, this.message, 'TOO_MANY_REQUESTS', { 'retry-after': String(retryAfter) });
    }
    recent.push(now);
    this.hits.set(key, recent);
  }

  reset(): void {
    this.hits.clear();
  }
}
