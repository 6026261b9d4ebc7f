// How many units of a room are free on a night: read from the database when allowed, else measured by holding until refused.
import type pg from 'pg';
import type { ApiClient } from '../client/api-client.ts';
import type { HotelPackage } from '../contract/schemas.ts';
import type { TableNames } from '../profiles/types.ts';
import type { Session } from '../flows/auth.ts';
import { releaseBooking } from '../flows/booking.ts';
import { daysFromToday } from '../flows/dates.ts';
import { SuiteError, suiteQuery } from '../verdict/suite-error.ts';

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

export function databaseInventory(db: pg.Pool, tables: TableNames | undefined, pkg: HotelPackage): InventoryReader {
  if (!tables) throw new SuiteError('the profile names no tables: database inventory is not available', 'map the tables in the profile, or unset HOLDFAST_DATABASE_URL');
  const mapping = `the table mapping (${tables.inventoryNight}, ${tables.hotelPackage}; HOLDFAST_TABLES overrides it)`;
  return {
    via: 'database',
    async freeUnits(night) {
      const { rows } = await suiteQuery(`reading free units of ${pkg.name} on ${night.checkInDate}`, `check ${mapping}`, () =>
        db.query<{ available: number }>(
          `SELECT n."availableUnits" AS available FROM ${tables.inventoryNight} n
             JOIN ${tables.hotelPackage} p ON p."roomId" = n."roomId"
            WHERE p."id" = $1 AND n."date" = $2::date`,
          [pkg.id, night.checkInDate],
        ),
      );
      if (!rows[0]) throw new SuiteError(`no inventory row for package ${pkg.id} on ${night.checkInDate}`, `check ${mapping}, and that the target has stock on that night`);
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
