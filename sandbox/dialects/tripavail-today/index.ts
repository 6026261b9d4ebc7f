// TripAvail as its code answers today (../shared/contract/tripavail-today.md), over its own schema (real names, "Room",
// listing-level stock, timestamps without time zone, no booking read route): the sandbox creates that schema and seed
// instead of the contract's, serves these routes, and runs this expiry worker.
import type { Server } from 'node:http';
import type pg from 'pg';
import { TODAY_SCHEMA_SQL, TODAY_SEED_SQL } from '../../db/today-schema.ts';
import type { Faults } from '../../faults.ts';
import type { Control } from '../../http/control.ts';
import { TodayAuth } from './auth.ts';
import { TodayBooking } from './booking.ts';
import { TodayCatalog } from './catalog.ts';
import { createTodayServer } from './server.ts';

/**
 * Synthetic stock an operator provisions on top of the sheet's seed, stated rather than hidden: the listing's nights
 * run 120 days (the suite's stays reach ~102 days ahead; the sheet's seed has 90), a draft hotel package (what
 * `catalog-drafts` would list), and a race package on its own listing, 3 units a night (HOLDFAST_RACE_STOCK names it).
 */
export const TODAY_SYNTHETIC_STOCK_SQL = `
INSERT INTO "InventoryNight" ("roomId","date","totalUnits","availableUnits")
SELECT r."id", d::date, r."totalUnits", r."totalUnits" FROM "Room" r,
       generate_series((now() AT TIME ZONE 'UTC')::date + 90, (now() AT TIME ZONE 'UTC')::date + 119, interval '1 day') AS d
 WHERE r."listingId" = 'cseedlisting0000000000001a';
INSERT INTO "HotelPackage" ("id","providerId","listingId","templateId","name","description","status","pricePerPerson","inclusions","exclusions","createdAt","updatedAt") VALUES
 ('cseedpkgdraftretreat00001','cseedhotelprov000000000001','cseedlisting0000000000001a','custom','Draft Retreat','Not for sale yet.','DRAFT',150.00,'{"1 night"}','{Airfare}','2026-01-03','2026-01-03');
INSERT INTO "Listing" ("id","providerId","name") VALUES ('cseedlistingrace000000001','cseedhotelprov000000000001','Smoke Race Lodge');
INSERT INTO "Room" ("id","listingId","name","totalUnits") VALUES ('cseedroomrace000000000001','cseedlistingrace000000001','Race Cabin',3);
INSERT INTO "InventoryNight" ("roomId","date","totalUnits","availableUnits")
SELECT 'cseedroomrace000000000001', d::date, 3, 3
  FROM generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 119, interval '1 day') AS d;
INSERT INTO "HotelPackage" ("id","providerId","listingId","templateId","name","description","status","pricePerPerson","inclusions","exclusions","publishedAt","createdAt","updatedAt") VALUES
 ('cseedpkgsmokerace00000001','cseedhotelprov000000000001','cseedlistingrace000000001','custom','Smoke Race Cabin','Reserved for synthetic races.','PUBLISHED',99.00,'{"1 night in a cabin"}','{Airfare}','2026-01-05','2026-01-05','2026-01-05');
`;

export interface OwnSchemaEnv {
  pool: pg.Pool;
  faults: Faults;
  log: (line: string) => void;
  control: Control;
  tokenTtlSeconds: number;
  otpEcho: boolean;
  /** Read on every hold (the sandbox's TTL). */
  hold: { readonly holdTtlSeconds: number };
}

export interface OwnSchemaDialect {
  server: Server;
  /** The expiry worker's one pass: overdue holds expired (and their units returned); how many. */
  sweep(): Promise<number>;
}

export const todaySchema = {
  /** A table only this schema has: its absence means the database holds something else (or nothing) and is reset. */
  marker: '"Room"',
  sql: `${TODAY_SCHEMA_SQL}\n${TODAY_SEED_SQL}\n${TODAY_SYNTHETIC_STOCK_SQL}`,
};

export function startToday(env: OwnSchemaEnv): OwnSchemaDialect {
  const auth = new TodayAuth(env.pool, env.faults, { tokenTtlSeconds: env.tokenTtlSeconds, otpEcho: env.otpEcho });
  const catalog = new TodayCatalog(env.pool, env.faults);
  const booking = new TodayBooking(env.pool, auth, env.faults, env.hold);
  const started = Date.now();
  const server = createTodayServer(
    {
      health: async () => ({ status: 200, body: { status: 'ok', timestamp: new Date().toISOString(), uptime: (Date.now() - started) / 1000, service: 'TripAvail API', version: '1.0.0' } }),
      readiness: async () => {
        let database = 'ok';
        try {
          await Promise.race([env.pool.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 1000 ms')), 1000).unref())]);
        } catch (error) {
          database = `error: ${(error as Error).message || 'unreachable'}`;
        }
        const ready = database === 'ok';
        // TripAvail's code answers 200 even when not ready (ready-lies); the contract says 503.
        return { status: ready || env.faults.has('ready-lies') ? 200 : 503, body: { status: ready ? 'ready' : 'not_ready', timestamp: new Date().toISOString(), checks: { database, redis: 'ok', meilisearch: 'ok' } } };
      },
      otpStart: (req) => auth.start(req),
      otpVerify: (req) => auth.verify(req),
      me: (req) => auth.me(req),
      refresh: (req) => auth.refresh(req),
      listHotelPackages: (req) => catalog.list('hotel', req),
      getHotelPackage: (req) => catalog.get('hotel', req),
      listTourPackages: (req) => catalog.list('tour', req),
      getTourPackage: (req) => catalog.get('tour', req),
      quote: (req) => booking.quote(req),
      hold: (req) => booking.hold(req),
      preAuthorize: (req) => booking.preAuthorize(req),
      confirm: (req) => booking.confirm(req),
      cancel: (req) => booking.cancelByGuest(req),
      providerCancel: (req) => booking.cancelByProvider(req),
    },
    env.faults,
    env.log,
    env.control,
  );
  return { server, sweep: () => booking.sweep() };
}
