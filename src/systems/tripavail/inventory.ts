// How many units of a room are free on a night: read from the database when allowed, else measured by holding until refused.
import type pg from 'pg';
import type { ApiClient } from '../../client/api-client.ts';
import type { HotelPackage } from '../../contract/schemas.ts';
import { contractDatabase } from '../../contract/database.ts';
import type { Profile, TableNames } from '../../profiles/types.ts';
import type { Session } from '../../flows/auth.ts';
import { releaseBooking } from '../../flows/booking.ts';
import { daysFromToday } from '../../flows/dates.ts';
import { SuiteError, suiteQuery } from '../../verdict/suite-error.ts';

export interface Night {
  checkInDate: string;
  checkOutDate: string;
}

export function nightAt(daysAhead: number): Night {
  return { checkInDate: daysFromToday(daysAhead), checkOutDate: daysFromToday(daysAhead + 1) };
}

export interface InventoryReader {
  readonly via: 'database' | 'probe';
  freeUnits(night: Night): Promise<number>;
}

/** What reading stock needs from a profile: its tables and, for schemas other than the contract sandbox's, its mapping. */
export type StockSource = Pick<Profile, 'name' | 'tables' | 'database'>;

/**
 * Free units of a package's night from the database, read-only. `package-room`: the package's room's row; `listing-rooms`:
 * the sum over the rooms of the package's listing (packages on one listing share that stock).
 */
export function databaseInventory(db: pg.Pool, source: StockSource | TableNames | undefined, pkg: HotelPackage): InventoryReader {
  const profile: Partial<StockSource> | undefined = source && 'booking' in source ? { tables: source } : source;
  const tables = profile?.tables;
  if (!tables) throw new SuiteError('the profile names no tables: database inventory is not available', 'map the tables in the profile, or unset HOLDFAST_DATABASE_URL');
  const m = profile?.database ?? contractDatabase;
  const q = (c: string) => `"${c.replaceAll('"', '""')}"`;
  const sql = m.hotelStock.via === 'package-room'
    ? `SELECT sum(n."availableUnits")::int AS available, count(*)::int AS rows FROM ${tables.inventoryNight} n
         JOIN ${tables.hotelPackage} p ON p.${q(m.hotelStock.packageRoom)} = n."roomId"
        WHERE p."id" = $1 AND n."date" = $2::date`
    : `SELECT sum(n."availableUnits")::int AS available, count(*)::int AS rows FROM ${tables.inventoryNight} n
         JOIN ${tables.room ?? '"Room"'} r ON r."id" = n."roomId"
         JOIN ${tables.hotelPackage} p ON p.${q(m.hotelStock.packageListing)} = r.${q(m.hotelStock.roomListing)}
        WHERE p."id" = $1 AND n."date" = $2::date`;
  const mapping = `the table mapping (${[tables.inventoryNight, tables.hotelPackage, ...(m.hotelStock.via === 'listing-rooms' ? [tables.room ?? '"Room"'] : [])].join(', ')}; HOLDFAST_TABLES overrides it)`;
  return {
    via: 'database',
    async freeUnits(night) {
      const { rows } = await suiteQuery(`reading free units of ${pkg.name} on ${night.checkInDate}`, `check ${mapping}`, () =>
        db.query<{ available: number | null; rows: number }>(sql, [pkg.id, night.checkInDate]),
      );
      if (!rows[0] || rows[0].rows === 0 || rows[0].available === null) {
        throw new SuiteError(`no inventory row for package ${pkg.id} on ${night.checkInDate}`, `check ${mapping}, and that the target has stock on that night`);
      }
      return Number(rows[0].available);
    },
  };
}

/**
 * Without database access the API has no availability route for hotels, so free units are measured by holding one
 * unit at a time until the target refuses, then releasing every probe hold. Bounded by `max`.
 */
export function probeInventory(api: ApiClient, session: Session, pkg: HotelPackage, max = 50): InventoryReader {
  return {
    via: 'probe',
    async freeUnits(night) {
      const held: string[] = [];
      try {
        for (let i = 0; i < max; i += 1) {
          const quote = await api.expect('quote', 201, {
            token: session.token,
            step: 'integrity.probe-quote',
            body: { packageType: 'HOTEL_PACKAGE', packageId: pkg.id, ...night, numberOfGuests: 1, numberOfRooms: 1 },
          });
          const res = await api.call('hold', { token: session.token, body: { quoteId: quote.id }, step: 'integrity.probe-hold', validate: 'record' });
          if (res.status === 201) {
            held.push((res.body as { id: string }).id);
            continue;
          }
          if (res.status === api.profile.rejections.insufficientInventory.status) return held.length;
          throw new Error(`probe hold answered ${res.status} (request id ${res.requestId})`);
        }
        throw new SuiteError(`more than ${max} units free: the probe stopped`, 'set HOLDFAST_DATABASE_URL so free units are read, or give the race stock fewer units');
      } finally {
        for (const id of held) await releaseBooking(api, session.token, id);
      }
    },
  };
}
