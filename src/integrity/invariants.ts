// Do the books balance? The contract's four database invariants as read-only SQL, table names from the profile.
import type pg from 'pg';
import type { TableNames } from '../profiles/types.ts';

export type { TableNames };

export const defaultTableNames: TableNames = {
  booking: '"Booking"',
  inventoryNight: '"InventoryNight"',
  hotelPackage: '"HotelPackage"',
  payment: '"Payment"',
  ledgerEntry: '"LedgerEntry"',
};

export interface InvariantResult {
  id: 'inventory-within-bounds' | 'inventory-matches-bookings' | 'no-overdue-holds' | 'confirmed-paid-and-balanced';
  title: string;
  ok: boolean;
  /** Offending rows, at most `limit`. */
  rows: Record<string, unknown>[];
}

export interface InvariantOptions {
  tables?: Partial<TableNames>;
  sweepIntervalMs: number;
  graceMs?: number;
  limit?: number;
  statementTimeoutMs?: number;
}

const ACTIVE = `('HOLD','PAYMENT_PENDING','CONFIRMED')`;

function queries(t: TableNames, limit: number): Record<InvariantResult['id'], { title: string; sql: string }> {
  return {
    'inventory-within-bounds': {
      title: 'no night has fewer than 0 or more than its total units free',
      sql: `SELECT "roomId", "date"::text AS date, "totalUnits", "availableUnits" FROM ${t.inventoryNight}
             WHERE "availableUnits" < 0 OR "availableUnits" > "totalUnits" ORDER BY "date" LIMIT ${limit}`,
    },
    'inventory-matches-bookings': {
      title: 'units taken on every night equal the rooms of active bookings covering it',
      sql: `WITH taken AS (
              SELECT p."roomId", d::date AS date, sum(b."numberOfRooms")::int AS units
                FROM ${t.booking} b
                JOIN ${t.hotelPackage} p ON p."id" = b."hotelPackageId"
                CROSS JOIN LATERAL generate_series(b."checkInDate", b."checkOutDate" - 1, interval '1 day') AS d
               WHERE b."status" IN ${ACTIVE} AND b."checkOutDate" IS NOT NULL
               GROUP BY 1, 2)
            SELECT n."roomId", n."date"::text AS date, n."totalUnits" - n."availableUnits" AS "unitsTaken", coalesce(taken.units, 0) AS "unitsBooked"
              FROM ${t.inventoryNight} n LEFT JOIN taken ON taken."roomId" = n."roomId" AND taken.date = n."date"
             WHERE n."totalUnits" - n."availableUnits" <> coalesce(taken.units, 0)
             ORDER BY n."date" LIMIT ${limit}`,
    },
    'no-overdue-holds': {
      title: 'no hold is overdue by more than one sweep interval plus grace',
      sql: `SELECT "id", "holdExpiresAt" FROM ${t.booking}
             WHERE "status" = 'HOLD' AND "holdExpiresAt" < now() - make_interval(secs => $1::double precision / 1000)
             ORDER BY "holdExpiresAt" LIMIT ${limit}`,
    },
    'confirmed-paid-and-balanced': {
      title: 'every confirmed booking has exactly one payment of its total and a ledger that nets escrow to zero',
      sql: `WITH pay AS (
              SELECT "bookingId", count(*) AS n, sum("amount") AS amount FROM ${t.payment}
               WHERE "status" IN ('CAPTURED','PRE_AUTHORIZED') GROUP BY 1),
            led AS (
              SELECT "bookingId",
                     sum(CASE WHEN "creditAccount" = 'platform:escrow' THEN "amount" ELSE 0 END)
                   - sum(CASE WHEN "debitAccount" = 'platform:escrow' THEN "amount" ELSE 0 END) AS escrow,
                     sum(CASE WHEN "creditAccount" = 'platform:escrow' THEN "amount" ELSE 0 END) AS entered
                FROM ${t.ledgerEntry} WHERE "type" = 'BOOKING_CONFIRMED' GROUP BY 1)
            SELECT b."id", b."totalPrice", coalesce(pay.n, 0)::int AS payments, pay.amount AS "paid", led.entered AS "enteredEscrow", led.escrow AS "escrowBalance"
              FROM ${t.booking} b LEFT JOIN pay ON pay."bookingId" = b."id" LEFT JOIN led ON led."bookingId" = b."id"
             WHERE b."status" = 'CONFIRMED'
               AND (coalesce(pay.n, 0) <> 1 OR pay.amount <> b."totalPrice" OR led.entered IS DISTINCT FROM b."totalPrice" OR led.escrow <> 0)
             LIMIT ${limit}`,
    },
  };
}

/** Runs the four invariants in one read-only transaction with a statement timeout. */
export async function checkInvariants(db: pg.Pool | pg.ClientBase, options: InvariantOptions): Promise<InvariantResult[]> {
  const tables = { ...defaultTableNames, ...options.tables };
  const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
  const client = 'connect' in db && 'totalCount' in db ? await (db as pg.Pool).connect() : (db as pg.ClientBase);
  const release = client !== db ? () => (client as pg.PoolClient).release() : () => {};
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.round(options.statementTimeoutMs ?? 10_000)}`);
    const results: InvariantResult[] = [];
    for (const [id, { title, sql }] of Object.entries(queries(tables, limit)) as [InvariantResult['id'], { title: string; sql: string }][]) {
      const params = id === 'no-overdue-holds' ? [options.sweepIntervalMs + (options.graceMs ?? 1_000)] : [];
      const { rows } = await client.query(sql, params);
      results.push({ id, title, ok: rows.length === 0, rows });
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
