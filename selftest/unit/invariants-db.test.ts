// The invariant runner and the mapping preflight on real Postgres: an empty database is never a pass; both schemas (the
// contract sandbox's and TripAvail's real one) are read through the profile's mapping; findings carry the numbers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../sandbox/db/embedded.ts';
import { SCHEMA_SQL, SEED_SQL } from '../../sandbox/db/schema.ts';
import { TODAY_SCHEMA_SQL, TODAY_SEED_SQL } from '../../sandbox/db/today-schema.ts';
import { toCheck } from '../../src/integrity/db-stage.ts';
import { checkMapping } from '../../src/integrity/db-preflight.ts';
import { checkInvariants } from '../../src/integrity/invariants.ts';
import { tripavail } from '../../src/systems/tripavail/profile.ts';
import { tripavailLegacy } from '../../src/systems/tripavail-today/profile.ts';

let database: EmbeddedDatabase;
const clients: pg.Client[] = [];

/** A client whose search_path is one schema; the session's time zone is deliberately not UTC. */
async function clientIn(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url, options: `-c search_path=${schema} -c TimeZone=America/New_York` });
  await client.connect();
  clients.push(client);
  return client;
}

before(async () => {
  database = await startEmbeddedPostgres();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    for (const [schema, ddl] of [['contract_empty', SCHEMA_SQL], ['today_empty', TODAY_SCHEMA_SQL], ['contract_seeded', `${SCHEMA_SQL}\n${SEED_SQL}`], ['today_seeded', `${TODAY_SCHEMA_SQL}\n${TODAY_SEED_SQL}`]] as const) {
      await admin.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${ddl}`);
    }
  } finally {
    await admin.end();
  }
});
after(async () => {
  for (const c of clients) await c.end().catch(() => {});
  await database?.stop();
});

const run = (client: pg.Client, profile = tripavail) =>
  checkInvariants(client, { tables: profile.tables, mapping: profile.database, sweepIntervalMs: 60_000, graceMs: 1_000 });

describe('an empty database', () => {
  for (const [schema, profile] of [['contract_empty', tripavail], ['today_empty', tripavailLegacy]] as const) {
    test(`${profile.name}: no invariant passes on nothing; stock is an error, holds and ledgers not applicable`, async () => {
      const results = await run(await clientIn(schema), profile);
      assert.equal(results.length, 4);
      const checks = results.map((r) => toCheck(r, 0));
      assert.deepEqual(checks.filter((c) => c.status === 'passed').map((c) => c.id), [], 'a vacuous pass');
      assert.deepEqual(Object.fromEntries(checks.map((c) => [c.id, c.status])), {
        'db.inventory-within-bounds': 'error',
        'db.inventory-matches-bookings': 'error',
        'db.no-overdue-holds': 'not-applicable',
        'db.confirmed-paid-and-balanced': 'not-applicable',
      });
      for (const c of checks) assert.deepEqual(c.evidence, { rows: 0 }, c.id);
      assert.match(checks[0]!.error ?? '', /examined 0 inventory rows/);
    });
  }
});

describe('the mapping preflight', () => {
  test('each profile matches its own schema and names what is missing in the other', async () => {
    const contract = await clientIn('contract_empty');
    const today = await clientIn('today_empty');
    assert.deepEqual((await checkMapping(contract, tripavail.tables!, tripavail.database!)).problems, []);
    const own = await checkMapping(today, tripavailLegacy.tables!, tripavailLegacy.database!);
    assert.deepEqual(own.problems, []);
    assert.ok(own.tables >= 8 && own.columns >= 30, JSON.stringify(own));
    const contractOnToday = (await checkMapping(today, tripavail.tables!, tripavail.database!)).problems.join('\n');
    assert.match(contractOnToday, /column "HotelPackage"\."roomId" does not exist/);
    assert.match(contractOnToday, /"holdExpiresAt" is timestamp without time zone/);
    const todayOnContract = (await checkMapping(contract, tripavailLegacy.tables!, tripavailLegacy.database!)).problems.join('\n');
    assert.match(todayOnContract, /table "Room" \(room\) does not exist/);
    const renamed = (await checkMapping(contract, { ...tripavail.tables!, booking: '"Nope"' }, tripavail.database!)).problems.join('\n');
    assert.match(renamed, /table "Nope" \(booking\) does not exist/);
  });
});

describe("TripAvail's real schema", () => {
  test('listing stock, UTC timestamps, tours and a confirmed-then-cancelled ledger are all examined; findings carry the numbers', async () => {
    const db = await clientIn('today_seeded');
    const healthy = await run(db, tripavailLegacy);
    for (const r of healthy) {
      if (r.id === 'inventory-within-bounds' || r.id === 'inventory-matches-bookings') assert.ok(r.ok && r.examined > 90, `${r.id}: ${JSON.stringify(r)}`);
    }
    // A hold of 1 room (numberOfRooms null means 1) whose transaction took 2 units of a room on each of its 2 nights.
    await db.query(`INSERT INTO "User" ("id","email") VALUES ('cuser0000000000000000001a','synthetic+t@example.test')`);
    await db.query(`
      INSERT INTO "Booking" ("id","userId","status","packageType","hotelPackageId","checkInDate","checkOutDate","numberOfGuests","numberOfRooms",
        "priceSnapshot","totalPrice","quotedAt","expiresAt","heldAt","holdExpiresAt")
      VALUES ('cbookhold0000000000000001','cuser0000000000000000001a','HOLD','HOTEL_PACKAGE','cseedpkgromantic00000001a',
        ((now() AT TIME ZONE 'UTC')::date + 10)::timestamp, ((now() AT TIME ZONE 'UTC')::date + 12)::timestamp, 2, NULL,
        '{}', 1319.98, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + interval '2 minutes')`);
    await db.query(`UPDATE "InventoryNight" SET "availableUnits" = "availableUnits" - 2
                     WHERE "roomId" = 'cseedroomdeluxe000000001a' AND "date" >= (now() AT TIME ZONE 'UTC')::date + 10 AND "date" < (now() AT TIME ZONE 'UTC')::date + 12`);
    // A hold whose expiry (UTC, 5 minutes ago) is overdue; read in New York time it would look hours away.
    await db.query(`
      INSERT INTO "Booking" ("id","userId","status","packageType","tourPackageId","checkInDate","departureDate","numberOfGuests",
        "priceSnapshot","totalPrice","quotedAt","expiresAt","heldAt","holdExpiresAt")
      SELECT 'cbookoverdue000000000001a','cuser0000000000000000001a','HOLD','TOUR_PACKAGE',d."packageId",d."departureDate",d."departureDate",3,
        '{}', 3899.97, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') - interval '5 minutes'
        FROM "TourDeparture" d WHERE d."departureDate" > now() AT TIME ZONE 'UTC' ORDER BY d."departureDate" LIMIT 1`);
    await db.query(`UPDATE "TourDeparture" SET "availableSeats" = "availableSeats" - 3 WHERE "id" = (SELECT "id" FROM "TourDeparture" WHERE "departureDate" > now() AT TIME ZONE 'UTC' ORDER BY "departureDate" LIMIT 1)`);
    // Confirmed, then cancelled by the provider: balanced confirm rows plus refund rows (fine), and one whose confirm sent 105 % out.
    for (const [id, provider] of [['cbookbalanced00000000001a', '1121.98'], ['cbookunbalanced000000001a', '1187.98']] as const) {
      await db.query(`
        INSERT INTO "Booking" ("id","userId","status","packageType","hotelPackageId","checkInDate","checkOutDate","numberOfGuests","numberOfRooms",
          "priceSnapshot","totalPrice","quotedAt","expiresAt")
        VALUES ($1,'cuser0000000000000000001a','CANCELLED_BY_PROVIDER','HOTEL_PACKAGE','cseedpkgromantic00000001a',
          ((now() AT TIME ZONE 'UTC')::date + 20)::timestamp, ((now() AT TIME ZONE 'UTC')::date + 22)::timestamp, 2, 1, '{}', 1319.98,
          now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`, [id]);
      const rows = [
        ['BOOKING_CONFIRMED', 'traveler:u', 'platform:escrow', '1319.98'],
        ['BOOKING_CONFIRMED', 'platform:escrow', 'provider:p', provider],
        ['BOOKING_CONFIRMED', 'platform:escrow', 'platform:revenue', '198.00'],
        ['REFUND_PROCESSED', 'provider:p', 'platform:escrow', provider],
        ['REFUND_PROCESSED', 'platform:revenue', 'platform:escrow', '198.00'],
        ['REFUND_PROCESSED', 'platform:escrow', 'traveler:u', '1319.98'],
      ];
      for (const [i, [type, debit, credit, amount]] of rows.entries()) {
        await db.query(`INSERT INTO "LedgerEntry" ("id","bookingId","type","debitAccount","creditAccount","amount") VALUES ($1,$2,$3,$4,$5,$6)`, [`${id.slice(0, 20)}led0${i}`, id, type, debit, credit, amount]);
      }
    }
    const results = Object.fromEntries((await run(db, tripavailLegacy)).map((r) => [r.id, r]));
    const stock = results['inventory-matches-bookings']!;
    assert.equal(stock.ok, false);
    assert.equal(stock.findings.length, 2, stock.findings.join('\n'));
    assert.match(stock.findings[0]!, /^listing cseedlisting0000000000001a on \d{4}-\d\d-\d\d: 2 units taken, 1 booked by live bookings: 1 more taken than live bookings hold/);
    assert.equal(toCheck(stock, 0).status, 'failed');
    assert.equal(toCheck(stock, 0).severity, 'P0');
    // Accounted per listing and night (90), not per room (180), plus the tour's departures.
    const departures = Number((await db.query(`SELECT count(*)::int AS n FROM "TourDeparture"`)).rows[0].n);
    assert.equal(stock.examined, 90 + departures, 'listing nights and departures examined');
    assert.equal(results['inventory-within-bounds']!.examined, 180 + departures, 'room nights and departures examined');
    const overdue = results['no-overdue-holds']!;
    assert.deepEqual(overdue.rows.map((r) => r.id), ['cbookoverdue000000000001a']);
    assert.equal(overdue.examined, 2);
    const ledger = results['confirmed-paid-and-balanced']!;
    assert.equal(ledger.examined, 2, 'both confirmed-then-cancelled bookings are examined');
    assert.deepEqual(ledger.rows.map((r) => r.id), ['cbookunbalanced000000001a']);
    assert.match(ledger.findings[0]!, /entered escrow, escrow balance -66\.00 \(must be 0\)/);
    assert.equal(toCheck(ledger, 0).status, 'failed');
    assert.equal(toCheck(ledger, 0).evidence?.rows, 2);
  });
});

describe('synthetic bookings left behind', () => {
  test('what is still live after the run is a P1 cleanup.left-behind finding with its units; a 5xx cancel is its own finding', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { cleanupChecks, recordRelease } = await import('../../src/integrity/leftovers.ts');
    const db = await clientIn('today_seeded');
    await db.query(`INSERT INTO "User" ("id","email") VALUES ('cuser0000000000000000002b','synthetic+l@example.test') ON CONFLICT DO NOTHING`);
    for (const [id, status] of [['cleftheld000000000000001a', 'HOLD'], ['cleftgone000000000000001a', 'EXPIRED_HOLD']] as const) {
      await db.query(`
        INSERT INTO "Booking" ("id","userId","status","packageType","hotelPackageId","checkInDate","checkOutDate","numberOfGuests","numberOfRooms","priceSnapshot","totalPrice","quotedAt","expiresAt")
        VALUES ($1,'cuser0000000000000000002b',$2,'HOTEL_PACKAGE','cseedpkgromantic00000001a',((now() AT TIME ZONE 'UTC')::date + 30)::timestamp,
          ((now() AT TIME ZONE 'UTC')::date + 33)::timestamp, 2, 2, '{}', 100, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`, [id, status]);
    }
    const reportsDir = mkdtempSync(join(tmpdir(), 'holdfast-leftovers-'));
    recordRelease(reportsDir, { kind: 'release', id: 'cleftheld000000000000001a', check: 'api.booking.journey', outcome: 'left-behind' });
    recordRelease(reportsDir, { kind: 'release', id: 'cleftgone000000000000001a', outcome: 'left-behind' });
    recordRelease(reportsDir, { kind: 'release', id: 'creleased00000000000001a', outcome: 'cancelled' });
    recordRelease(reportsDir, { kind: 'cancel-5xx', id: 'cleftheld000000000000001a', route: 'guest cancel', status: 500, requestId: '5a1e0000-0000-4000-8000-000000000001' });
    const url = `${database.url}?options=${encodeURIComponent('-c search_path=today_seeded')}`;
    const config = { reportsDir, databaseUrl: url, profile: tripavailLegacy } as unknown as Parameters<typeof cleanupChecks>[0];
    const [left, fiveHundred] = await cleanupChecks(config);
    assert.equal(left?.id, 'cleanup.left-behind');
    assert.equal(left?.status, 'failed');
    assert.equal(left?.severity, 'P1');
    assert.deepEqual(left?.evidence, { bookings: 3 });
    assert.match(left?.error ?? '', /^1 synthetic booking\(s\) left behind: cleftheld000000000000001a \(HOLD, 2 unit\(s\) × 3 night\(s\) held\)/);
    assert.doesNotMatch(left?.error ?? '', /cleftgone/, 'expired since: no longer left behind');
    assert.equal(fiveHundred?.id, 'cleanup.cancel-5xx');
    assert.equal(fiveHundred?.requestId, '5a1e0000-0000-4000-8000-000000000001');
    // Without a database the state cannot be read back: still reported, saying why.
    const blind = await cleanupChecks({ ...config, databaseUrl: undefined } as typeof config);
    assert.match(blind[0]?.error ?? '', /2 synthetic booking\(s\) left behind: .*state unknown: no read route and no HOLDFAST_DATABASE_URL/);
  });
});
