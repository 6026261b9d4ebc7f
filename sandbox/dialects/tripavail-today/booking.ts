// How TripAvail's code sells today, over its real schema: quote → hold (stock per listing and night through "Room", row
// locks, all nights or none) → pre-authorize → confirm (three ledger rows), guest cancel only from CONFIRMED, provider
// cancel with three REFUND_PROCESSED rows, and the expiry worker. Every refusal is 400 with the sheet's sentence; 404
// only for an unknown id. Healthy follows the contract where the code falls short (owner check on confirm, hold
// Idempotency-Key replays, expired holds give their units back); each fault answers as a broken release would.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { fromCents, toCents } from '../../../src/contract/pricing.ts';
import { todayBodies } from '../../../src/systems/tripavail-today/routes.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Faults } from '../../faults.ts';
import { HttpProblem } from '../../http/problem.ts';
import type { TodayAuth } from './auth.ts';
import { cuid, iso, missing, NOW, num, parse, refuse, type TodayReply, type TodayRequest } from './support.ts';

const QUOTE_LIFETIME_HOURS = 24;
const TAX_RATE = 0.1;
const COMMISSION_RATE = 0.1;
/** The provider's share of escrow on confirm (the platform keeps the rest). */
const PROVIDER_SHARE = 0.85;

interface BookingRow {
  id: string;
  userId: string;
  status: string;
  packageType: 'HOTEL_PACKAGE' | 'TOUR_PACKAGE';
  hotelPackageId: string | null;
  tourPackageId: string | null;
  checkIn: string;
  checkOut: string | null;
  departure: string | null;
  checkInDate: string;
  checkOutDate: string | null;
  departureDate: string | null;
  numberOfGuests: number;
  numberOfRooms: number | null;
  priceSnapshot: Record<string, unknown>;
  totalPrice: string;
  currency: string;
  quotedAt: string;
  expiresAt: string;
  heldAt: string | null;
  holdExpiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  holdOverdue: boolean;
  quoteStale: boolean;
}

const BOOKING = `SELECT b."id", b."userId", b."status"::text AS "status", b."packageType", b."hotelPackageId", b."tourPackageId",
    to_char(b."checkInDate", 'YYYY-MM-DD') AS "checkIn", to_char(b."checkOutDate", 'YYYY-MM-DD') AS "checkOut", to_char(b."departureDate", 'YYYY-MM-DD') AS "departure",
    ${iso('b."checkInDate"')}, ${iso('b."checkOutDate"')}, ${iso('b."departureDate"')}, b."numberOfGuests", b."numberOfRooms", b."priceSnapshot",
    b."totalPrice"::text AS "totalPrice", b."currency", ${iso('b."quotedAt"')}, ${iso('b."expiresAt"')}, ${iso('b."heldAt"')}, ${iso('b."holdExpiresAt"')},
    ${iso('b."confirmedAt"')}, ${iso('b."cancelledAt"')},
    coalesce(b."holdExpiresAt" <= ${NOW}, false) AS "holdOverdue", b."quotedAt" < ${NOW} - interval '${QUOTE_LIFETIME_HOURS} hours' AS "quoteStale"
  FROM "Booking" b`;

type Refusal = { problem: HttpProblem };

export class TodayBooking {
  /** Hold replays by user and Idempotency-Key: the first answer (or refusal), and the quote it was for. */
  private readonly replays = new Map<string, { quoteId: string; outcome: TodayReply | Refusal }>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: pg.Pool,
    private readonly auth: TodayAuth,
    private readonly faults: Faults,
    private readonly options: { readonly holdTtlSeconds: number },
  ) {}

  async quote(req: TodayRequest): Promise<TodayReply> {
    const userId = await this.auth.authenticate(req);
    const body = parse(todayBodies.quote, req.body);
    return inTransaction(this.db, async (tx) => {
      if (body.idempotencyKey) {
        const replay = await this.quoteByKey(tx, userId, body.idempotencyKey);
        if (replay) return replay;
      }
      const checkIn = body.checkInDate.slice(0, 10);
      let snapshot: Record<string, unknown>;
      let row: { checkOut: string | null; departure: string | null; rooms: number | null; hotel: string | null; tour: string | null };
      if (body.packageType === 'HOTEL_PACKAGE') {
        const { rows } = await tx.query<{ price: string }>(`SELECT "pricePerPerson"::text AS price FROM "HotelPackage" WHERE "id" = $1 AND "status" = 'PUBLISHED'`, [body.packageId]);
        if (!rows[0]) throw refuse('Hotel package not found or not available');
        if (!body.checkOutDate) throw refuse('Check-out date is required for hotel packages');
        const checkOut = body.checkOutDate.slice(0, 10);
        const nights = Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000);
        if (!(nights >= 1)) throw refuse('Check-out date must be after check-in date');
        const rooms = body.numberOfRooms ?? 1;
        const pricePerNight = Number(rows[0].price);
        snapshot = this.snapshot(pricePerNight * nights * rooms, { nights, pricePerNight });
        row = { checkOut, departure: null, rooms, hotel: body.packageId, tour: null };
      } else {
        const { rows } = await tx.query<{ price: string }>(`SELECT "basePrice"::text AS price FROM "TourPackage" WHERE "id" = $1 AND "status" = 'PUBLISHED'`, [body.packageId]);
        if (!rows[0]) throw refuse('Tour package not found or not available');
        const departure = (body.departureDate ?? '').slice(0, 10);
        const dep = await tx.query<{ seats: number }>(`SELECT "availableSeats" AS seats FROM "TourDeparture" WHERE "packageId" = $1 AND "departureDate" = $2::date::timestamp`, [body.packageId, departure || '1970-01-01']);
        if (!dep.rows[0]) throw refuse('No departure on this date for this tour');
        if (dep.rows[0].seats < body.numberOfGuests) throw refuse(`Only ${dep.rows[0].seats} seats available for this departure`);
        const pricePerPerson = Number(rows[0].price);
        snapshot = this.snapshot(pricePerPerson * body.numberOfGuests, { packagePrice: pricePerPerson, pricePerPerson });
        row = { checkOut: null, departure, rooms: null, hotel: null, tour: body.packageId };
      }
      const id = cuid();
      const inserted = await tx.query(
        `INSERT INTO "Booking" ("id","userId","status","packageType","hotelPackageId","tourPackageId","checkInDate","checkOutDate","departureDate",
           "numberOfGuests","numberOfRooms","priceSnapshot","totalPrice","currency","quotedAt","expiresAt","idempotencyKey","createdAt","updatedAt")
         VALUES ($1,$2,'QUOTE',$3,$4,$5,$6::date::timestamp,$7::date::timestamp,$8::date::timestamp,$9,$10,$11,$12,'USD',${NOW},${NOW} + interval '${QUOTE_LIFETIME_HOURS} hours',$13,${NOW},${NOW})
         ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`,
        [id, userId, body.packageType, row.hotel, row.tour, checkIn, row.checkOut, row.departure, body.numberOfGuests, row.rooms, JSON.stringify(snapshot), snapshot.total, body.idempotencyKey ?? null],
      );
      if (!inserted.rows[0]) {
        // The same key arrived concurrently and won: answer its quote.
        const replay = await this.quoteByKey(tx, userId, body.idempotencyKey!);
        if (replay) return replay;
      }
      return { status: 201, body: quoteView((await this.booking(tx, id, false))!) };
    });
  }

  private async quoteByKey(tx: pg.PoolClient, userId: string, key: string): Promise<TodayReply | undefined> {
    const { rows } = await tx.query<BookingRow>(`${BOOKING} WHERE b."idempotencyKey" = $1`, [key]);
    if (!rows[0]) return undefined;
    if (rows[0].userId !== userId) throw refuse('Idempotency key already used');
    return { status: 201, body: quoteView(rows[0]) };
  }

  /** The sheet's snapshot: numbers, unrounded (floating point, as the code computes them). */
  private snapshot(subtotal: number, extra: Record<string, number>) {
    const taxRate = this.faults.has('quote-tax-wrong') ? 0.01 : TAX_RATE;
    const tax = subtotal * taxRate;
    const commission = subtotal * COMMISSION_RATE;
    const total = subtotal + tax;
    return {
      basePrice: subtotal,
      tax,
      commission,
      total,
      breakdown: { subtotal, taxRate, taxAmount: tax, commissionRate: COMMISSION_RATE, commissionAmount: commission, grandTotal: total, ...extra },
    };
  }

  async hold(req: TodayRequest): Promise<TodayReply> {
    const userId = await this.auth.authenticate(req);
    const { quoteId } = parse(todayBodies.hold, req.body);
    const slow = this.faults.nextHoldDelayMs();
    if (slow) await delay(slow);
    const header = req.headers['idempotency-key'];
    if (typeof header !== 'string' || !header || this.faults.has('idempotency-ignored')) return this.placeHold(userId, quoteId);
    const key = `${userId}:${header}`;
    return this.serialized(key, async () => {
      const seen = this.replays.get(key);
      if (seen && seen.quoteId !== quoteId) throw refuse('Idempotency key already used with a different request');
      if (seen) {
        if ('problem' in seen.outcome) throw seen.outcome.problem;
        return { ...seen.outcome, headers: { 'idempotent-replayed': 'true' } };
      }
      let outcome: TodayReply | Refusal;
      try {
        outcome = await this.placeHold(userId, quoteId);
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        outcome = { problem: error };
      }
      if (this.replays.size > 50_000) this.replays.clear();
      this.replays.set(key, { quoteId, outcome });
      if ('problem' in outcome) throw outcome.problem;
      return outcome;
    });
  }

  private async placeHold(userId: string, quoteId: string): Promise<TodayReply> {
    return inTransaction(this.db, async (tx) => {
      const b = await this.booking(tx, quoteId, true);
      if (!b) throw missing('Quote not found');
      if (b.userId !== userId && !this.faults.has('hold-foreign-quote')) throw refuse('You do not own this quote');
      if (b.status !== 'QUOTE') throw refuse(`Cannot hold booking in ${b.status} state`);
      if (b.quoteStale) throw refuse('Quote has expired');
      if (b.packageType === 'HOTEL_PACKAGE') await this.takeNights(tx, b);
      else await this.takeSeats(tx, b);
      await tx.query(
        `UPDATE "Booking" SET "status" = 'HOLD', "heldAt" = ${NOW}, "holdExpiresAt" = ${NOW} + make_interval(secs => $2), "updatedAt" = ${NOW} WHERE "id" = $1`,
        [b.id, this.options.holdTtlSeconds],
      );
      return { status: 201, body: holdView((await this.booking(tx, b.id, false))!) };
    });
  }

  /** Stock per listing and night: every night of the stay has `rooms` units across the listing's rooms, or none is taken. */
  private async takeNights(tx: pg.PoolClient, b: BookingRow): Promise<void> {
    const units = b.numberOfRooms ?? 1;
    const unlocked = this.faults.has('overbooking');
    const nights = await this.listingNights(tx, b, !unlocked);
    for (const [date, rooms] of nights) {
      if (rooms.reduce((sum, r) => sum + r.availableUnits, 0) < units) throw refuse(`Insufficient inventory for ${date}`);
    }
    if (unlocked) await delay(15); // the broken release's race window: read, let others read too, then write what was read
    for (const rooms of nights.values()) {
      let left = units;
      for (const r of rooms) {
        const take = Math.min(left, r.availableUnits);
        if (take <= 0) continue;
        left -= take;
        await tx.query(
          unlocked
            ? `UPDATE "InventoryNight" SET "availableUnits" = $3 WHERE "roomId" = $1 AND "date" = $2::date`
            : `UPDATE "InventoryNight" SET "availableUnits" = "availableUnits" - $3 WHERE "roomId" = $1 AND "date" = $2::date`,
          [r.roomId, r.date, unlocked ? r.availableUnits - take : take],
        );
      }
    }
  }

  /** The listing's rooms for each night of a stay, locked in (date, room) order unless told not to; a night without rows is short. */
  private async listingNights(tx: pg.PoolClient, b: BookingRow, lock: boolean) {
    const { rows } = await tx.query<{ roomId: string; date: string; availableUnits: number; totalUnits: number }>(
      `SELECT n."roomId", to_char(n."date", 'YYYY-MM-DD') AS "date", n."availableUnits", n."totalUnits"
         FROM "InventoryNight" n
        WHERE n."roomId" IN (SELECT r."id" FROM "Room" r JOIN "HotelPackage" p ON p."listingId" = r."listingId" WHERE p."id" = $1)
          AND n."date" >= $2::date AND n."date" < $3::date
        ORDER BY n."date", n."roomId" ${lock ? 'FOR UPDATE OF n' : ''}`,
      [b.hotelPackageId, b.checkIn, b.checkOut],
    );
    const nights = new Map<string, typeof rows>();
    for (let d = new Date(`${b.checkIn}T00:00:00Z`); d < new Date(`${b.checkOut}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) nights.set(d.toISOString().slice(0, 10), []);
    for (const r of rows) nights.get(r.date)?.push(r);
    return nights;
  }

  private async takeSeats(tx: pg.PoolClient, b: BookingRow): Promise<void> {
    const { rows } = await tx.query<{ seats: number }>(
      `SELECT "availableSeats" AS seats FROM "TourDeparture" WHERE "packageId" = $1 AND "departureDate" = $2::date::timestamp FOR UPDATE`,
      [b.tourPackageId, b.departure],
    );
    if (!rows[0] || rows[0].seats < b.numberOfGuests) throw refuse('Insufficient seats available for this departure');
    await tx.query(`UPDATE "TourDeparture" SET "availableSeats" = "availableSeats" - $3 WHERE "packageId" = $1 AND "departureDate" = $2::date::timestamp`, [b.tourPackageId, b.departure, b.numberOfGuests]);
  }

  /** Gives a booking's units back, inside the transaction that changes its status: to the listing's rooms that lack them. */
  private async returnUnits(tx: pg.PoolClient, b: BookingRow): Promise<void> {
    if (b.packageType === 'TOUR_PACKAGE') {
      await tx.query(`UPDATE "TourDeparture" SET "availableSeats" = "availableSeats" + $3 WHERE "packageId" = $1 AND "departureDate" = $2::date::timestamp`, [b.tourPackageId, b.departure, b.numberOfGuests]);
      return;
    }
    for (const rooms of (await this.listingNights(tx, b, true)).values()) {
      let left = b.numberOfRooms ?? 1;
      for (const r of rooms) {
        const give = Math.min(left, r.totalUnits - r.availableUnits);
        if (give <= 0) continue;
        left -= give;
        await tx.query(`UPDATE "InventoryNight" SET "availableUnits" = "availableUnits" + $3 WHERE "roomId" = $1 AND "date" = $2::date`, [r.roomId, r.date, give]);
      }
    }
  }

  async preAuthorize(req: TodayRequest): Promise<TodayReply> {
    const userId = await this.auth.authenticate(req);
    const body = parse(todayBodies.preAuthorize, req.body);
    return inTransaction(this.db, async (tx) => {
      const b = await this.booking(tx, body.bookingId, true);
      if (!b) throw missing('Booking not found');
      if (b.userId !== userId) throw refuse('You can only pay for your own bookings');
      const paid = await tx.query(`SELECT "id","bookingId","status","amount"::text AS "amount","currency","paymentIntentId","idempotencyKey",${iso('"createdAt"')} FROM "Payment" WHERE "bookingId" = $1`, [b.id]);
      const existing = paid.rows[0] as Record<string, string> | undefined;
      if (existing && existing.idempotencyKey === body.idempotencyKey) return { status: 201, body: paymentView(existing, 'PAYMENT_PENDING') };
      const lateOk = this.faults.has('confirm-expired');
      if (!(lateOk && b.status === 'EXPIRED_HOLD')) {
        if (b.status === 'HOLD' && b.holdOverdue && !lateOk) throw refuse('Booking hold has expired');
        if (b.status !== 'HOLD') throw refuse(`Booking must be in HOLD state (current: ${b.status})`);
      }
      if (existing) throw refuse('Payment already exists for this booking');
      if (body.paymentMethodId === 'pm_card_chargeDeclined') throw refuse('Your card was declined.');
      const { rows } = await tx.query(
        `INSERT INTO "Payment" ("id","bookingId","status","amount","currency","paymentIntentId","idempotencyKey","createdAt")
         VALUES ($1,$2,'PRE_AUTHORIZED',$3,$4,$5,$6,${NOW}) RETURNING "id","bookingId","status","amount"::text AS "amount","currency","paymentIntentId",${iso('"createdAt"')}`,
        [cuid(), b.id, b.totalPrice, b.currency, `pi_stub${randomBytes(8).toString('hex')}`, body.idempotencyKey],
      );
      await tx.query(`UPDATE "Booking" SET "status" = 'PAYMENT_PENDING', "updatedAt" = ${NOW} WHERE "id" = $1`, [b.id]);
      return { status: 201, body: paymentView(rows[0], 'PAYMENT_PENDING') };
    });
  }

  async confirm(req: TodayRequest): Promise<TodayReply> {
    const userId = await this.auth.authenticate(req);
    return inTransaction(this.db, async (tx) => {
      const b = await this.booking(tx, req.params.id!, true);
      if (!b) throw missing('Booking not found');
      if (b.userId !== userId && !this.faults.has('idor-confirm')) throw refuse('You can only confirm your own bookings');
      const twice = b.status === 'CONFIRMED' && this.faults.has('confirm-twice');
      if (b.status !== 'PAYMENT_PENDING' && !twice) throw refuse(`Cannot confirm booking with status ${b.status}. Must be PAYMENT_PENDING.`);
      const provider = await this.providerOf(tx, b);
      await tx.query(`UPDATE "Booking" SET "status" = 'CONFIRMED', "confirmedAt" = ${NOW}, "updatedAt" = ${NOW} WHERE "id" = $1`, [b.id]);
      await tx.query(`UPDATE "Payment" SET "status" = 'CAPTURED' WHERE "bookingId" = $1`, [b.id]);
      const total = toCents(b.totalPrice);
      const share = Math.round(total * PROVIDER_SHARE);
      // ledger-unbalanced: 90 % to the provider and 15 % to revenue, so 105 % leaves an escrow 100 % entered.
      const unbalanced = this.faults.has('ledger-unbalanced');
      await this.ledger(tx, b.id, 'BOOKING_CONFIRMED', [
        [`traveler:${b.userId}`, 'platform:escrow', total],
        ['platform:escrow', `provider:${provider.profileId}`, unbalanced ? Math.round(total * 0.9) : share],
        ['platform:escrow', 'platform:revenue', unbalanced ? Math.round(total * 0.15) : total - share],
      ]);
      const after = (await this.booking(tx, b.id, false))!;
      return { status: 200, body: { id: after.id, status: 'CONFIRMED', confirmedAt: after.confirmedAt, totalPrice: num(after.totalPrice), currency: after.currency } };
    });
  }

  async cancelByGuest(req: TodayRequest): Promise<TodayReply> {
    const userId = await this.auth.authenticate(req);
    return inTransaction(this.db, async (tx) => {
      const b = await this.booking(tx, req.params.id!, true);
      if (!b) throw missing('Booking not found');
      if (b.userId !== userId && !this.faults.has('cancel-foreign-booking')) throw refuse('You can only cancel your own bookings');
      return this.cancel(tx, b, 'CANCELLED_BY_GUEST');
    });
  }

  async cancelByProvider(req: TodayRequest): Promise<TodayReply> {
    const userId = await this.auth.authenticate(req);
    return inTransaction(this.db, async (tx) => {
      const b = await this.booking(tx, req.params.id!, true);
      if (!b) throw missing('Booking not found');
      const provider = await this.providerOf(tx, b);
      if (provider.userId !== userId) throw refuse('You can only cancel bookings of your own packages');
      const reply = await this.cancel(tx, b, 'CANCELLED_BY_PROVIDER');
      const total = toCents(b.totalPrice);
      const share = Math.round(total * PROVIDER_SHARE);
      await this.ledger(tx, b.id, 'REFUND_PROCESSED', [
        [`provider:${provider.profileId}`, 'platform:escrow', share],
        ['platform:revenue', 'platform:escrow', total - share],
        ['platform:escrow', `traveler:${b.userId}`, total],
      ]);
      return reply;
    });
  }

  /** Only a CONFIRMED booking is cancelled: its units come back and its payment is refunded. */
  private async cancel(tx: pg.PoolClient, b: BookingRow, status: 'CANCELLED_BY_GUEST' | 'CANCELLED_BY_PROVIDER'): Promise<TodayReply> {
    if (b.status !== 'CONFIRMED') throw refuse(`Cannot cancel booking with status ${b.status}. Only CONFIRMED bookings can be cancelled.`);
    await this.returnUnits(tx, b);
    await tx.query(`UPDATE "Booking" SET "status" = $2, "cancelledAt" = ${NOW}, "updatedAt" = ${NOW} WHERE "id" = $1`, [b.id, status]);
    await tx.query(`UPDATE "Payment" SET "status" = 'REFUNDED' WHERE "bookingId" = $1`, [b.id]);
    const after = (await this.booking(tx, b.id, false))!;
    const total = num(b.totalPrice);
    return { status: 200, body: { id: b.id, status, cancelledAt: after.cancelledAt, refundAmount: total, totalPaid: total } };
  }

  /** The expiry worker: every overdue HOLD becomes EXPIRED_HOLD and gives its units back, in one transaction. */
  async sweep(): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const { rows } = await tx.query<BookingRow>(`${BOOKING} WHERE b."status" = 'HOLD' AND b."holdExpiresAt" <= ${NOW} ORDER BY b."id" FOR UPDATE OF b SKIP LOCKED`);
      for (const b of rows) {
        if (!this.faults.has('expiry-keeps-units')) await this.returnUnits(tx, b);
        await tx.query(`UPDATE "Booking" SET "status" = 'EXPIRED_HOLD', "updatedAt" = ${NOW} WHERE "id" = $1`, [b.id]);
      }
      return rows.length;
    });
  }

  private async booking(tx: pg.PoolClient, id: string, lock: boolean): Promise<BookingRow | undefined> {
    const { rows } = await tx.query<BookingRow>(`${BOOKING} WHERE b."id" = $1 ${lock ? 'FOR UPDATE OF b' : ''}`, [id]);
    return rows[0];
  }

  /** The package's provider: its profile id (the ledger's account) and the user who signs in as it. */
  private async providerOf(tx: pg.PoolClient, b: BookingRow): Promise<{ profileId: string; userId: string }> {
    const table = b.packageType === 'HOTEL_PACKAGE' ? '"HotelPackage"' : '"TourPackage"';
    const { rows } = await tx.query<{ profileId: string; userId: string }>(
      `SELECT pp."id" AS "profileId", pp."userId" FROM ${table} p JOIN "ProviderProfile" pp ON pp."id" = p."providerId" WHERE p."id" = $1`,
      [b.hotelPackageId ?? b.tourPackageId],
    );
    return rows[0] ?? { profileId: 'unknown', userId: '' };
  }

  private async ledger(tx: pg.PoolClient, bookingId: string, type: string, rows: [string, string, number][]): Promise<void> {
    for (const [debit, credit, cents] of rows) {
      await tx.query(`INSERT INTO "LedgerEntry" ("id","bookingId","type","debitAccount","creditAccount","amount","createdAt") VALUES ($1,$2,$3,$4,$5,$6,${NOW})`, [cuid(), bookingId, type, debit, credit, fromCents(cents)]);
    }
  }

  /** Runs same-key requests one after another (the sandbox is one process). */
  private async serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.inflight.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.then(() => undefined, () => undefined);
    this.inflight.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.inflight.get(key) === settled) this.inflight.delete(key);
    }
  }
}

function quoteView(b: BookingRow) {
  return {
    id: b.id,
    status: 'QUOTE',
    packageType: b.packageType,
    packageId: b.hotelPackageId ?? b.tourPackageId,
    checkInDate: b.checkInDate,
    checkOutDate: b.checkOutDate,
    departureDate: b.departureDate,
    numberOfGuests: b.numberOfGuests,
    numberOfRooms: b.numberOfRooms,
    priceSnapshot: b.priceSnapshot,
    totalPrice: num(b.totalPrice),
    currency: b.currency,
    cancellationPolicy: null,
    cancellationPolicyJson: null,
    quotedAt: b.quotedAt,
    expiresAt: b.expiresAt,
  };
}

function holdView(b: BookingRow) {
  return {
    id: b.id,
    status: 'HOLD',
    holdExpiresAt: b.holdExpiresAt,
    packageType: b.packageType,
    packageId: b.hotelPackageId ?? b.tourPackageId,
    numberOfGuests: b.numberOfGuests,
    totalPrice: num(b.totalPrice),
    currency: b.currency,
    priceSnapshot: b.priceSnapshot,
    heldAt: b.heldAt,
  };
}

function paymentView(p: Record<string, string>, bookingStatus: string) {
  return { id: p.id, bookingId: p.bookingId, status: 'PRE_AUTHORIZED', amount: num(p.amount ?? null), currency: p.currency, paymentIntentId: p.paymentIntentId, bookingStatus, createdAt: p.createdAt };
}
