// Do the books balance? The contract's four database invariants as read-only SQL; tables, joins and columns from the
// profile's mapping (the contract sandbox's schema, or TripAvail's real one with listing-level stock and UTC timestamps).
import type pg from 'pg';
import { contractDatabase, contractTables } from '../contract/database.ts';
import type { DatabaseMapping, TableNames } from '../profiles/types.ts';

export type { DatabaseMapping, TableNames };

export type InvariantId = 'inventory-within-bounds' | 'inventory-matches-bookings' | 'no-overdue-holds' | 'confirmed-paid-and-balanced';

export interface InvariantResult {
  id: InvariantId;
  title: string;
  /** No offending row (says nothing by itself: see `examined`). */
  ok: boolean;
  /** How many rows the invariant examined (inventory rows, stock groups × nights, held or confirmed bookings). */
  examined: number;
  /** What `examined` counts, in words. */
  examinedWhat: string;
  /**
   * When nothing was examined: `error` when the suite should have found something (it looks at the wrong database or
   * tables), `not-applicable` when the target simply has nothing of the kind yet; never a pass.
   */
  whenEmpty: { status: 'error' | 'not-applicable'; reason: string };
  /** Offending rows, at most `limit`. */
  rows: Record<string, unknown>[];
  /** One line per offending row, with the numbers. */
  findings: string[];
}

export interface InvariantOptions {
  tables?: Partial<TableNames>;
  mapping?: DatabaseMapping;
  sweepIntervalMs: number;
  graceMs?: number;
  limit?: number;
  statementTimeoutMs?: number;
}

/** Bookings whose units are taken: the contract's live states, plus a completed stay (its nights stay sold). */
const LIVE = `('HOLD','PAYMENT_PENDING','CONFIRMED','COMPLETED')`;
const CONFIRMED = `('CONFIRMED','COMPLETED')`;

const col = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface Query {
  title: string;
  examinedWhat: string;
  whenEmpty: InvariantResult['whenEmpty'];
  /** Counts what the invariant examines. */
  count: string;
  /** Offending rows. */
  sql: string;
  params?: unknown[];
  finding: (row: Record<string, unknown>) => string;
}

/** SQL for the mapping; every date is read as a UTC calendar day, every instant as UTC (the session runs in UTC too). */
export function invariantQueries(t: TableNames, m: DatabaseMapping, options: { limit: number; overdueMs: number }): Record<InvariantId, Query> {
  const { limit } = options;
  const instant = (expr: string) => (m.timestamps === 'utc' ? `(${expr} AT TIME ZONE 'UTC')` : expr);
  const day = (expr: string) => `(${expr})::date`;
  const tour = m.tourStock && t.tourDeparture && (m.tourStock.capacity.table === 'tourDeparture' || t.tourPackage) ? m.tourStock : undefined;
  const capacity = tour ? (tour.capacity.table === 'tourDeparture' ? `d.${col(tour.capacity.column)}` : `tp.${col(tour.capacity.column)}`) : '';
  const departures = tour
    ? `${t.tourDeparture} d${tour.capacity.table === 'tourPackage' ? ` JOIN ${t.tourPackage} tp ON tp."id" = d.${col(tour.departurePackage)}` : ''}`
    : '';

  // Units taken per stock group and night: a room (a package sells one room), or a listing (bookings record no room).
  const hotel = m.hotelStock.via === 'package-room'
    ? {
        kind: 'room',
        taken: `SELECT n."roomId" AS grp, n."date"::date AS date, (n."totalUnits" - n."availableUnits")::int AS taken FROM ${t.inventoryNight} n`,
        packageGroup: `p.${col(m.hotelStock.packageRoom)}`,
      }
    : {
        kind: 'listing',
        taken: `SELECT r.${col(m.hotelStock.roomListing)} AS grp, n."date"::date AS date, sum(n."totalUnits" - n."availableUnits")::int AS taken
                  FROM ${t.inventoryNight} n JOIN ${t.room} r ON r."id" = n."roomId" GROUP BY 1, 2`,
        packageGroup: `p.${col(m.hotelStock.packageListing)}`,
      };
  const hotelBooked = `SELECT ${hotel.packageGroup} AS grp, d::date AS date, sum(coalesce(b."numberOfRooms", 1))::int AS units
      FROM ${t.booking} b
      JOIN ${t.hotelPackage} p ON p."id" = b."hotelPackageId"
      CROSS JOIN LATERAL generate_series(${day('b."checkInDate"')}::timestamp, (${day('b."checkOutDate"')} - 1)::timestamp, interval '1 day') AS d
     WHERE b."status"::text IN ${LIVE} AND b."checkOutDate" IS NOT NULL
     GROUP BY 1, 2`;
  const stock = [
    `SELECT '${hotel.kind}'::text AS kind, h.grp::text AS stock, h.date, h.taken, coalesce(k.units, 0)::int AS booked
       FROM (${hotel.taken}) h LEFT JOIN (${hotelBooked}) k ON k.grp = h.grp AND k.date = h.date`,
    ...(tour
      ? [`SELECT 'departure'::text AS kind, s.grp::text AS stock, s.date, s.taken, coalesce(k.units, 0)::int AS booked
            FROM (SELECT d.${col(tour.departurePackage)} AS grp, ${day(`d.${col(tour.departureDate)}`)} AS date, (${capacity} - d."availableSeats")::int AS taken FROM ${departures}) s
            LEFT JOIN (SELECT b."tourPackageId" AS grp, ${day(`b.${col(tour.bookingDate)}`)} AS date, sum(b."numberOfGuests")::int AS units
                         FROM ${t.booking} b WHERE b."status"::text IN ${LIVE} AND b."tourPackageId" IS NOT NULL GROUP BY 1, 2) k
              ON k.grp = s.grp AND k.date = s.date`]
      : []),
  ].join('\nUNION ALL\n');

  const bounds = [
    `SELECT 'room'::text AS kind, n."roomId"::text AS stock, n."date"::date::text AS date, n."totalUnits" AS total, n."availableUnits" AS available FROM ${t.inventoryNight} n`,
    ...(tour ? [`SELECT 'departure'::text, d.${col(tour.departurePackage)}::text, ${day(`d.${col(tour.departureDate)}`)}::text, ${capacity}, d."availableSeats" FROM ${departures}`] : []),
  ].join('\nUNION ALL\n');

  // Bookings that were ever confirmed: confirmed now, or confirmed then cancelled (their ledger rows, or a confirmedAt).
  const refundTypes = (m.refundTypes ?? []).map((r) => `'${r.replaceAll("'", "''")}'`);
  const ledgerTypes = `('BOOKING_CONFIRMED'${refundTypes.length ? `, ${refundTypes.join(', ')}` : ''})`;
  const everConfirmed = `b."status"::text IN ${CONFIRMED}
      OR EXISTS (SELECT 1 FROM ${t.ledgerEntry} l WHERE l."bookingId" = b."id" AND l."type"::text = 'BOOKING_CONFIRMED')
      ${m.confirmedAt ? `OR b.${col(m.confirmedAt)} IS NOT NULL` : ''}`;

  return {
    'inventory-within-bounds': {
      title: 'no night (or departure) has fewer than 0 or more than its total units free',
      examinedWhat: 'inventory rows (room nights and tour departures)',
      whenEmpty: { status: 'error', reason: 'no inventory row at all: the database URL or the table mapping points at something other than the target\'s stock' },
      count: `SELECT count(*)::int AS n FROM (${bounds}) x`,
      sql: `SELECT * FROM (${bounds}) x WHERE x.available < 0 OR x.available > x.total ORDER BY x.date LIMIT ${limit}`,
      finding: (r) => `${r.kind} ${r.stock} on ${r.date}: ${r.available} free of ${r.total}`,
    },
    'inventory-matches-bookings': {
      title: `units taken on every night equal the units of live bookings covering it (per ${hotel.kind}${tour ? ' and departure' : ''})`,
      examinedWhat: `${hotel.kind} nights${tour ? ' and departures' : ''}`,
      whenEmpty: { status: 'error', reason: 'no stock to account for: the database URL or the table mapping points at something other than the target\'s stock' },
      count: `SELECT count(*)::int AS n FROM (${stock}) x`,
      sql: `SELECT x.kind, x.stock, x.date::text AS date, x.taken AS "unitsTaken", x.booked AS "unitsBooked" FROM (${stock}) x
             WHERE x.taken <> x.booked ORDER BY x.date, x.stock LIMIT ${limit}`,
      finding: (r) => {
        const taken = Number(r.unitsTaken);
        const booked = Number(r.unitsBooked);
        const why = taken > booked ? `${taken - booked} more taken than live bookings hold (a hold took more than it booked, or units were never given back)` : `${booked - taken} more booked than taken (units given back twice, or oversold)`;
        return `${r.kind} ${r.stock} on ${r.date}: ${taken} units taken, ${booked} booked by live bookings: ${why}`;
      },
    },
    'no-overdue-holds': {
      title: 'no hold is overdue by more than one sweep interval plus grace',
      examinedWhat: 'bookings that were ever held',
      whenEmpty: { status: 'not-applicable', reason: 'no booking in the database was ever held, so none can be overdue' },
      count: `SELECT count(*)::int AS n FROM ${t.booking} WHERE "holdExpiresAt" IS NOT NULL`,
      sql: `SELECT "id", ${instant('"holdExpiresAt"')} AS "holdExpiresAt" FROM ${t.booking}
             WHERE "status"::text = 'HOLD' AND ${instant('"holdExpiresAt"')} < now() - make_interval(secs => $1::double precision / 1000)
             ORDER BY "holdExpiresAt" LIMIT ${limit}`,
      params: [options.overdueMs],
      finding: (r) => `hold ${r.id} still HOLD, expired at ${r.holdExpiresAt instanceof Date ? r.holdExpiresAt.toISOString() : String(r.holdExpiresAt)}`,
    },
    'confirmed-paid-and-balanced': {
      title: 'every confirmed booking (also one cancelled since) has its payment, and its confirm rows (and refund rows, each on their own) net escrow to zero',
      examinedWhat: 'bookings ever confirmed (confirmed now, or confirmed then cancelled)',
      whenEmpty: { status: 'not-applicable', reason: 'no booking in the database was ever confirmed (none confirmed now, no confirm ledger rows), so there are no books to balance' },
      count: `SELECT count(*)::int AS n FROM ${t.booking} b WHERE ${everConfirmed}`,
      sql: `WITH pay AS (
              SELECT "bookingId", count(*) AS n, sum("amount") AS amount FROM ${t.payment}
               WHERE "status"::text IN ('CAPTURED','PRE_AUTHORIZED') GROUP BY 1),
            led AS (
              SELECT "bookingId",
                     sum(CASE WHEN "type"::text <> 'BOOKING_CONFIRMED' THEN 0 WHEN "creditAccount" = 'platform:escrow' THEN "amount" WHEN "debitAccount" = 'platform:escrow' THEN -"amount" ELSE 0 END) AS escrow,
                     sum(CASE WHEN "type"::text = 'BOOKING_CONFIRMED' THEN 0 WHEN "creditAccount" = 'platform:escrow' THEN "amount" WHEN "debitAccount" = 'platform:escrow' THEN -"amount" ELSE 0 END) AS refund,
                     sum(CASE WHEN "type"::text = 'BOOKING_CONFIRMED' AND "creditAccount" = 'platform:escrow' THEN "amount" ELSE 0 END) AS entered
                FROM ${t.ledgerEntry} WHERE "type"::text IN ${ledgerTypes} GROUP BY 1)
            SELECT b."id", b."status"::text AS status, b."totalPrice"::text AS "totalPrice", coalesce(pay.n, 0)::int AS payments, pay.amount::text AS "paid",
                   led.entered::text AS "enteredEscrow", led.escrow::text AS "escrowBalance", led.refund::text AS "refundEscrowBalance"
              FROM ${t.booking} b LEFT JOIN pay ON pay."bookingId" = b."id" LEFT JOIN led ON led."bookingId" = b."id"
             WHERE (${everConfirmed})
               AND ((b."status"::text IN ${CONFIRMED} AND (coalesce(pay.n, 0) <> 1 OR pay.amount <> b."totalPrice"))
                    OR led.entered IS DISTINCT FROM b."totalPrice" OR led.escrow <> 0 OR led.refund <> 0)
             LIMIT ${limit}`,
      finding: (r) => {
        const parts = [`booking ${r.id} (${r.status}, total ${r.totalPrice})`];
        if (r.status === 'CONFIRMED' || r.status === 'COMPLETED') parts.push(`${r.payments} live payment(s)${r.paid ? ` of ${r.paid}` : ''}`);
        parts.push(r.enteredEscrow == null ? 'no confirm ledger rows' : `${r.enteredEscrow} entered escrow, escrow balance ${r.escrowBalance} (must be 0)`);
        if (r.refundEscrowBalance != null && Number(r.refundEscrowBalance) !== 0) parts.push(`refund rows leave escrow at ${r.refundEscrowBalance} (must be 0)`);
        return parts.join(': ');
      },
    },
  };
}

/** Runs the four invariants in one read-only transaction, in UTC, with a statement timeout. */
export async function checkInvariants(db: pg.Pool | pg.ClientBase, options: InvariantOptions): Promise<InvariantResult[]> {
  const tables = { ...contractTables, ...options.tables } as TableNames;
  const mapping = options.mapping ?? contractDatabase;
  const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
  const client = 'connect' in db && 'totalCount' in db ? await (db as pg.Pool).connect() : (db as pg.ClientBase);
  const release = client !== db ? () => (client as pg.PoolClient).release() : () => {};
  const queries = invariantQueries(tables, mapping, { limit, overdueMs: options.sweepIntervalMs + (options.graceMs ?? 1_000) });
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.round(options.statementTimeoutMs ?? 10_000)}`);
    await client.query(`SET LOCAL TIME ZONE 'UTC'`);
    const results: InvariantResult[] = [];
    for (const [id, q] of Object.entries(queries) as [InvariantId, Query][]) {
      const counted = await client.query<{ n: number }>(q.count);
      const { rows } = await client.query(q.sql, q.params ?? []);
      results.push({
        id,
        title: q.title,
        ok: rows.length === 0,
        examined: Number(counted.rows[0]?.n ?? 0),
        examinedWhat: q.examinedWhat,
        whenEmpty: q.whenEmpty,
        rows,
        findings: rows.map(q.finding),
      });
    }
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    release();
  }
}
