// How a stay is sold: quote → hold (row-locked inventory) → pre-authorize → confirm, read, cancel, and the expiry sweep.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { fromCents, nightsBetween, priceOf, toCents } from '../../src/contract/pricing.ts';
import type { QuoteBody } from '../../src/contract/schemas.ts';
import { inTransaction } from '../db/tx.ts';
import type { Faults } from '../faults.ts';
import { HttpProblem, badRequest, conflict, notFound } from '../http/problem.ts';
import type { Reply, RequestContext } from '../http/server.ts';
import type { AuthService } from './auth.ts';

const QUOTE_LIFETIME_MS = 24 * 3600_000;

interface BookingRow {
  id: string;
  userId: string;
  status: string;
  packageType: 'HOTEL_PACKAGE' | 'TOUR_PACKAGE';
  hotelPackageId: string | null;
  tourPackageId: string | null;
  checkInDate: string;
  checkOutDate: string | null;
  numberOfRooms: number;
  numberOfGuests: number;
  totalPrice: string;
  currency: string;
  priceSnapshot: Record<string, unknown>;
  quotedAt: Date;
  expiresAt: Date;
  heldAt: Date | null;
  holdExpiresAt: Date | null;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

export interface BookingOptions {
  holdTtlSeconds: number;
}

export class BookingService {
  constructor(
    private readonly db: pg.Pool,
    private readonly auth: AuthService,
    private readonly faults: Faults,
    private readonly options: BookingOptions,
  ) {}

  async quote(ctx: RequestContext): Promise<Reply> {
    const user = this.auth.authenticate(ctx);
    const body = ctx.body as QuoteBody;
    return inTransaction(this.db, async (tx) => {
      if (body.idempotencyKey) {
        const replay = await this.replay(tx, 'quote', user.sub, body.idempotencyKey, hashOf(body));
        if (replay) return replay;
      }
      const reply = await this.createQuote(tx, user.sub, body);
      if (body.idempotencyKey) await this.remember(tx, 'quote', user.sub, body.idempotencyKey, hashOf(body), reply);
      return reply;
    });
  }

  private async createQuote(tx: pg.PoolClient, userId: string, body: QuoteBody): Promise<Reply> {
    let unitPrice: string;
    let nights: number;
    let units: number;
    if (body.packageType === 'HOTEL_PACKAGE') {
      const { rows } = await tx.query(`SELECT "pricePerPerson" FROM "HotelPackage" WHERE "id" = $1 AND "status" = 'PUBLISHED'`, [body.packageId]);
      if (!rows[0]) throw badRequest('packageId: unknown or unpublished package', 'PACKAGE_UNAVAILABLE');
      if (!body.checkOutDate) throw badRequest('checkOutDate: required for a hotel package');
      nights = nightsBetween(body.checkInDate, body.checkOutDate);
      if (nights < 1) throw badRequest('checkOutDate: must be after checkInDate');
      unitPrice = Number(rows[0].pricePerPerson).toFixed(2);
      units = body.numberOfRooms ?? 1;
    } else {
      const { rows } = await tx.query(
        `SELECT p."basePrice" FROM "TourPackage" p JOIN "TourDeparture" d ON d."tourPackageId" = p."id"
          WHERE p."id" = $1 AND p."status" = 'PUBLISHED' AND d."departureDate" = $2::date`,
        [body.packageId, body.departureDate ?? '1970-01-01'],
      );
      if (!rows[0]) throw badRequest('packageId/departureDate: unknown tour, unpublished, or no such departure', 'PACKAGE_UNAVAILABLE');
      if (body.checkInDate !== body.departureDate) throw badRequest('checkInDate: must equal departureDate for a tour');
      nights = 1;
      unitPrice = Number(rows[0].basePrice).toFixed(2);
      units = body.numberOfGuests;
    }
    const taxRatePercent = this.faults.has('quote-tax-wrong') ? 1 : 10;
    const price = priceOf({ unitPrice, nights, units, taxRatePercent });
    const priceSnapshot = { unitPrice, nights, units, subtotal: price.subtotal, taxRate: `${taxRatePercent / 100}`, tax: price.tax, total: price.total, currency: 'USD' };
    const now = new Date();
    const { rows } = await tx.query<BookingRow>(
      `INSERT INTO "Booking" ("id","userId","status","packageType","hotelPackageId","tourPackageId","checkInDate","checkOutDate",
         "numberOfRooms","numberOfGuests","totalPrice","currency","priceSnapshot","quotedAt","expiresAt","idempotencyKey")
       VALUES ($1,$2,'QUOTE',$3,$4,$5,$6,$7,$8,$9,$10,'USD',$11,$12,$13,$14) RETURNING *`,
      [
        randomUUID(), userId, body.packageType,
        body.packageType === 'HOTEL_PACKAGE' ? body.packageId : null,
        body.packageType === 'TOUR_PACKAGE' ? body.packageId : null,
        body.checkInDate, body.checkOutDate ?? null, body.numberOfRooms ?? 1, body.numberOfGuests,
        price.total, priceSnapshot, now, new Date(now.getTime() + QUOTE_LIFETIME_MS), body.idempotencyKey ?? null,
      ],
    );
    const b = rows[0]!;
    return { status: 201, body: { id: b.id, status: 'QUOTE', priceSnapshot, totalPrice: money(b.totalPrice), currency: b.currency, quotedAt: iso(b.quotedAt), expiresAt: iso(b.expiresAt) } };
  }

  async hold(ctx: RequestContext): Promise<Reply> {
    const user = this.auth.authenticate(ctx);
    const { quoteId } = ctx.body as { quoteId: string };
    const header = ctx.headers['idempotency-key'];
    const key = typeof header === 'string' && header && !this.faults.has('idempotency-ignored') ? header : undefined;
    const slow = this.faults.nextHoldDelayMs();
    if (slow) await delay(slow);
    return inTransaction(this.db, async (tx) => {
      if (key) {
        const replay = await this.replay(tx, 'hold', user.sub, key, hashOf({ quoteId }));
        if (replay) return replay;
      }
      let reply: Reply;
      try {
        reply = await this.takeUnits(tx, user.sub, quoteId, typeof header === 'string' && header.length > 0);
      } catch (error) {
        if (!(error instanceof HttpProblem) || !key) throw error;
        reply = { status: error.status, body: { statusCode: error.status, message: error.message, code: error.code, timestamp: new Date().toISOString(), path: '/v1/bookings/hold', method: 'POST', requestId: ctx.requestId } };
      }
      if (key) await this.remember(tx, 'hold', user.sub, key, hashOf({ quoteId }), reply);
      return reply;
    });
  }

  private async takeUnits(tx: pg.PoolClient, userId: string, quoteId: string, keySent: boolean): Promise<Reply> {
    // hold-foreign-quote: the owner is not looked at, so anyone holding the id holds the quote.
    const { rows } = await tx.query<BookingRow>(`SELECT * FROM "Booking" WHERE "id" = $1 AND ("userId" = $2 OR $3) FOR UPDATE`, [quoteId, userId, this.faults.has('hold-foreign-quote')]);
    let quote = rows[0];
    if (!quote) throw notFound('quote');
    if (quote.status !== 'QUOTE' && keySent && this.faults.has('idempotency-ignored')) {
      // The key is not looked at, so a replay books again: a second hold from a copy of the quote.
      const copy = await tx.query<BookingRow>(
        `INSERT INTO "Booking" ("id","userId","status","packageType","hotelPackageId","tourPackageId","checkInDate","checkOutDate",
           "numberOfRooms","numberOfGuests","totalPrice","currency","priceSnapshot","quotedAt","expiresAt")
         SELECT $2,"userId",'QUOTE',"packageType","hotelPackageId","tourPackageId","checkInDate","checkOutDate",
           "numberOfRooms","numberOfGuests","totalPrice","currency","priceSnapshot",now(),"expiresAt" FROM "Booking" WHERE "id" = $1 RETURNING *`,
        [quoteId, randomUUID()],
      );
      quote = copy.rows[0]!;
    }
    if (quote.status !== 'QUOTE') throw conflict(`quote is ${quote.status}, not QUOTE`);
    if (quote.quotedAt.getTime() < Date.now() - QUOTE_LIFETIME_MS) throw new HttpProblem(410, 'quote is older than 24 hours', 'QUOTE_EXPIRED');

    if (quote.packageType === 'HOTEL_PACKAGE') await this.takeNights(tx, quote);
    else await this.takeSeats(tx, quote);

    const heldAt = new Date();
    const holdExpiresAt = new Date(heldAt.getTime() + this.options.holdTtlSeconds * 1000);
    const updated = await tx.query<BookingRow>(
      `UPDATE "Booking" SET "status" = 'HOLD', "heldAt" = $2, "holdExpiresAt" = $3 WHERE "id" = $1 RETURNING *`,
      [quote.id, heldAt, holdExpiresAt],
    );
    const b = updated.rows[0]!;
    return { status: 201, body: { id: b.id, status: 'HOLD', heldAt: iso(b.heldAt!), holdExpiresAt: iso(b.holdExpiresAt!), totalPrice: money(b.totalPrice), currency: b.currency } };
  }

  /** All nights or none, under row locks taken in date order (so concurrent holds cannot deadlock). */
  private async takeNights(tx: pg.PoolClient, b: BookingRow): Promise<void> {
    const nights = nightsBetween(b.checkInDate, b.checkOutDate!);
    const room = `(SELECT "roomId" FROM "HotelPackage" WHERE "id" = $1)`;
    if (this.faults.has('overbooking')) {
      const { rows } = await tx.query<{ date: string; availableUnits: number }>(
        `SELECT "date", "availableUnits" FROM "InventoryNight" WHERE "roomId" = ${room} AND "date" >= $2 AND "date" < $3 ORDER BY "date"`,
        [b.hotelPackageId, b.checkInDate, b.checkOutDate],
      );
      if (rows.length !== nights || rows.some((r) => r.availableUnits < b.numberOfRooms)) throw insufficient(b.checkInDate);
      await delay(15); // the race window: read, let others read too, then write what was read
      for (const r of rows) {
        await tx.query(`UPDATE "InventoryNight" SET "availableUnits" = $3 WHERE "roomId" = ${room} AND "date" = $2`, [b.hotelPackageId, r.date, r.availableUnits - b.numberOfRooms]);
      }
      return;
    }
    const { rows } = await tx.query<{ date: string; availableUnits: number }>(
      `SELECT "date", "availableUnits" FROM "InventoryNight" WHERE "roomId" = ${room} AND "date" >= $2 AND "date" < $3 ORDER BY "date" FOR UPDATE`,
      [b.hotelPackageId, b.checkInDate, b.checkOutDate],
    );
    const short = rows.find((r) => r.availableUnits < b.numberOfRooms);
    if (rows.length !== nights || short) throw insufficient(short?.date ?? b.checkInDate);
    await tx.query(
      `UPDATE "InventoryNight" SET "availableUnits" = "availableUnits" - $4 WHERE "roomId" = ${room} AND "date" >= $2 AND "date" < $3`,
      [b.hotelPackageId, b.checkInDate, b.checkOutDate, b.numberOfRooms],
    );
  }

  private async takeSeats(tx: pg.PoolClient, b: BookingRow): Promise<void> {
    const { rows } = await tx.query<{ availableSeats: number }>(
      `SELECT "availableSeats" FROM "TourDeparture" WHERE "tourPackageId" = $1 AND "departureDate" = $2 FOR UPDATE`,
      [b.tourPackageId, b.checkInDate],
    );
    if (!rows[0] || rows[0].availableSeats < b.numberOfGuests) throw insufficient(b.checkInDate);
    await tx.query(`UPDATE "TourDeparture" SET "availableSeats" = "availableSeats" - $3 WHERE "tourPackageId" = $1 AND "departureDate" = $2`, [b.tourPackageId, b.checkInDate, b.numberOfGuests]);
  }

  /** Gives a booking's units back; run inside the transaction that changes its status. */
  private async returnUnits(tx: pg.PoolClient, b: BookingRow): Promise<void> {
    if (b.packageType === 'HOTEL_PACKAGE') {
      await tx.query(
        `UPDATE "InventoryNight" SET "availableUnits" = "availableUnits" + $4
          WHERE "roomId" = (SELECT "roomId" FROM "HotelPackage" WHERE "id" = $1) AND "date" >= $2 AND "date" < $3`,
        [b.hotelPackageId, b.checkInDate, b.checkOutDate, b.numberOfRooms],
      );
    } else {
      await tx.query(`UPDATE "TourDeparture" SET "availableSeats" = "availableSeats" + $3 WHERE "tourPackageId" = $1 AND "departureDate" = $2`, [b.tourPackageId, b.checkInDate, b.numberOfGuests]);
    }
  }

  async preAuthorize(ctx: RequestContext): Promise<Reply> {
    const user = this.auth.authenticate(ctx);
    const { bookingId, paymentMethodId, idempotencyKey } = ctx.body as { bookingId: string; paymentMethodId: string; idempotencyKey: string };
    return inTransaction(this.db, async (tx) => {
      const b = await this.owned(tx, bookingId, user.sub, true, false);
      const existing = await tx.query(`SELECT 1 FROM "Payment" WHERE "bookingId" = $1`, [b.id]);
      if (existing.rows.length) throw conflict('a payment already exists for this booking', 'PAYMENT_EXISTS');
      const expired = b.status === 'EXPIRED_HOLD' || (b.status === 'HOLD' && b.holdExpiresAt!.getTime() <= Date.now());
      if (expired && !this.faults.has('confirm-expired')) throw new HttpProblem(410, 'the hold has expired', 'HOLD_EXPIRED');
      if (b.status !== 'HOLD' && !(expired && this.faults.has('confirm-expired'))) throw conflict(`booking is ${b.status}, not HOLD`);
      if (paymentMethodId === 'pm_card_chargeDeclined') throw new HttpProblem(402, 'the card was declined', 'PAYMENT_DECLINED');
      const payment = await tx.query<{ id: string; amount: string; currency: string }>(
        `INSERT INTO "Payment" ("id","bookingId","status","amount","currency","paymentMethodId","idempotencyKey") VALUES ($1,$2,'PRE_AUTHORIZED',$3,$4,$5,$6) RETURNING *`,
        [randomUUID(), b.id, b.totalPrice, b.currency, paymentMethodId, idempotencyKey],
      );
      await tx.query(`UPDATE "Booking" SET "status" = 'PAYMENT_PENDING' WHERE "id" = $1`, [b.id]);
      const p = payment.rows[0]!;
      return { status: 201, body: { id: p.id, bookingId: b.id, status: 'PRE_AUTHORIZED', amount: money(p.amount), currency: p.currency, bookingStatus: 'PAYMENT_PENDING' } };
    });
  }

  async confirm(ctx: RequestContext): Promise<Reply> {
    const user = this.auth.authenticate(ctx);
    return inTransaction(this.db, async (tx) => {
      const b = await this.owned(tx, ctx.params.id!, user.sub, true, true);
      const twice = b.status === 'CONFIRMED' && this.faults.has('confirm-twice');
      if (b.status !== 'PAYMENT_PENDING' && !twice) throw conflict(`booking is ${b.status}, not PAYMENT_PENDING`);
      const providerId = await this.providerOf(tx, b);
      const confirmedAt = new Date();
      await tx.query(`UPDATE "Booking" SET "status" = 'CONFIRMED', "confirmedAt" = $2 WHERE "id" = $1`, [b.id, confirmedAt]);
      await tx.query(`UPDATE "Payment" SET "status" = 'CAPTURED' WHERE "bookingId" = $1`, [b.id]);
      const total = toCents(money(b.totalPrice));
      const providerShare = Math.round(total * 0.85);
      // ledger-unbalanced: 90 % to the provider and 15 % to revenue, so 105 % leaves an escrow 100 % entered.
      const unbalanced = this.faults.has('ledger-unbalanced');
      const ledger: [string, string, number][] = [
        [`traveler:${b.userId}`, 'platform:escrow', total],
        ['platform:escrow', `provider:${providerId}`, unbalanced ? Math.round(total * 0.9) : providerShare],
        ['platform:escrow', 'platform:revenue', unbalanced ? Math.round(total * 0.15) : total - providerShare],
      ];
      for (const [debit, credit, cents] of ledger) {
        await tx.query(`INSERT INTO "LedgerEntry" ("id","bookingId","type","debitAccount","creditAccount","amount") VALUES ($1,$2,'BOOKING_CONFIRMED',$3,$4,$5)`, [randomUUID(), b.id, debit, credit, fromCents(cents)]);
      }
      return { status: 200, body: { id: b.id, status: 'CONFIRMED', confirmedAt: iso(confirmedAt), totalPrice: money(b.totalPrice), currency: b.currency } };
    });
  }

  async read(ctx: RequestContext): Promise<Reply> {
    const user = this.auth.authenticate(ctx);
    const b = await this.owned(this.db, ctx.params.id!, user.sub, false, true);
    return { status: 200, body: bookingView(b) };
  }

  async cancel(ctx: RequestContext): Promise<Reply> {
    const user = this.auth.authenticate(ctx);
    return inTransaction(this.db, async (tx) => {
      const b = this.faults.has('cancel-foreign-booking') ? await this.anyBooking(tx, ctx.params.id!) : await this.owned(tx, ctx.params.id!, user.sub, true, false);
      if (!['HOLD', 'PAYMENT_PENDING', 'CONFIRMED'].includes(b.status)) throw conflict(`booking is ${b.status} and cannot be cancelled`);
      await this.returnUnits(tx, b);
      const cancelledAt = new Date();
      await tx.query(`UPDATE "Booking" SET "status" = 'CANCELLED_BY_GUEST', "cancelledAt" = $2 WHERE "id" = $1`, [b.id, cancelledAt]);
      await tx.query(`UPDATE "Payment" SET "status" = 'VOIDED' WHERE "bookingId" = $1 AND "status" = 'PRE_AUTHORIZED'`, [b.id]);
      return { status: 200, body: { id: b.id, status: 'CANCELLED_BY_GUEST', cancelledAt: iso(cancelledAt) } };
    });
  }

  /** Moves every overdue hold to EXPIRED_HOLD and returns its units, in one transaction. */
  async sweep(): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const { rows } = await tx.query<BookingRow>(
        `SELECT * FROM "Booking" WHERE "status" = 'HOLD' AND "holdExpiresAt" <= now() ORDER BY "id" FOR UPDATE SKIP LOCKED`,
      );
      for (const b of rows) {
        if (!this.faults.has('expiry-keeps-units')) await this.returnUnits(tx, b);
        await tx.query(`UPDATE "Booking" SET "status" = 'EXPIRED_HOLD', "expiredAt" = now() WHERE "id" = $1`, [b.id]);
      }
      return rows.length;
    });
  }

  /** A booking the caller owns; anyone else's is a 404 (unless idor-confirm lets reads and confirms through). */
  private async owned(db: pg.PoolClient | pg.Pool, id: string, userId: string, lock: boolean, idorApplies: boolean): Promise<BookingRow> {
    const { rows } = await db.query<BookingRow>(`SELECT * FROM "Booking" WHERE "id" = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    const b = rows[0];
    if (!b) throw notFound('booking');
    if (b.userId !== userId && !(idorApplies && this.faults.has('idor-confirm'))) throw notFound('booking');
    return b;
  }

  /** cancel-foreign-booking: a booking looked up by id alone, whoever owns it. */
  private async anyBooking(tx: pg.PoolClient, id: string): Promise<BookingRow> {
    const { rows } = await tx.query<BookingRow>(`SELECT * FROM "Booking" WHERE "id" = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw notFound('booking');
    return rows[0];
  }

  private async providerOf(tx: pg.PoolClient, b: BookingRow): Promise<string> {
    const { rows } = b.packageType === 'HOTEL_PACKAGE'
      ? await tx.query(`SELECT "providerId" FROM "HotelPackage" WHERE "id" = $1`, [b.hotelPackageId])
      : await tx.query(`SELECT "providerId" FROM "TourPackage" WHERE "id" = $1`, [b.tourPackageId]);
    return rows[0]?.providerId ?? 'unknown';
  }

  /** The first answer for a key, if any; the same key with another request body is a 422. Serialises same-key requests. */
  private async replay(tx: pg.PoolClient, scope: string, userId: string, key: string, requestHash: string): Promise<Reply | undefined> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${scope}:${userId}:${key}`]);
    const { rows } = await tx.query<{ requestHash: string; statusCode: number; body: unknown }>(
      `SELECT "requestHash", "statusCode", "body" FROM "IdempotencyRecord" WHERE "scope" = $1 AND "userId" = $2 AND "key" = $3`,
      [scope, userId, key],
    );
    const record = rows[0];
    if (!record) return undefined;
    if (record.requestHash !== requestHash) throw new HttpProblem(422, 'Idempotency-Key was used with another request body', 'IDEMPOTENCY_KEY_REUSED');
    return { status: record.statusCode, body: record.body, headers: { 'idempotent-replayed': 'true' } };
  }

  private async remember(tx: pg.PoolClient, scope: string, userId: string, key: string, requestHash: string, reply: Reply): Promise<void> {
    await tx.query(
      `INSERT INTO "IdempotencyRecord" ("scope","userId","key","requestHash","statusCode","body") VALUES ($1,$2,$3,$4,$5,$6)`,
      [scope, userId, key, requestHash, reply.status, JSON.stringify(reply.body)],
    );
  }
}

function insufficient(date: string): HttpProblem {
  return new HttpProblem(409, `Insufficient inventory for ${date}`, 'INSUFFICIENT_INVENTORY');
}

function bookingView(b: BookingRow) {
  return {
    id: b.id,
    status: b.status,
    userId: b.userId,
    packageType: b.packageType,
    hotelPackageId: b.hotelPackageId,
    tourPackageId: b.tourPackageId,
    checkInDate: b.checkInDate,
    checkOutDate: b.checkOutDate,
    numberOfGuests: b.numberOfGuests,
    numberOfRooms: b.numberOfRooms,
    totalPrice: money(b.totalPrice),
    currency: b.currency,
    priceSnapshot: b.priceSnapshot,
    heldAt: b.heldAt ? iso(b.heldAt) : null,
    holdExpiresAt: b.holdExpiresAt ? iso(b.holdExpiresAt) : null,
    confirmedAt: b.confirmedAt ? iso(b.confirmedAt) : null,
    cancelledAt: b.cancelledAt ? iso(b.cancelledAt) : null,
  };
}

const money = (value: string | number) => Number(value).toFixed(2);
const iso = (d: Date) => d.toISOString();
const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
