// A test's view of a sandbox: an API client, sign-up, booking shortcuts, and the four invariants checked by SQL.
import assert from 'node:assert/strict';
import pg from 'pg';
import { ApiClient } from '../../src/client/api-client.ts';
import { Recorder } from '../../src/client/recorder.ts';
import { tripavail } from '../../src/systems/tripavail/profile.ts';
import { signIn, type Session } from '../../src/flows/auth.ts';
import { syntheticUser } from '../../src/flows/identity.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { checkInvariants } from '../../src/integrity/invariants.ts';
import { releaseAtBarrier } from '../../src/integrity/barrier.ts';
import type { Night } from '../../src/systems/tripavail/inventory.ts';
import type { Sandbox } from '../../sandbox/index.ts';

export function clientFor(sandbox: Sandbox): ApiClient {
  return new ApiClient({ baseUrl: sandbox.apiUrl, profile: tripavail, runId: 'selftest', timeoutMs: 10_000, recorder: new Recorder(50) });
}

export function newUser(api: ApiClient): Promise<Session> {
  return signIn(api, 'password', syntheticUser('selftest', 'example.test', 'sandbox'));
}

export async function quoteNight(api: ApiClient, session: Session, packageName: string, night: Night, rooms = 1) {
  const pkg = await findPackage(api, 'hotel', packageName);
  return api.expect('quote', 201, { token: session.token, body: { packageType: 'HOTEL_PACKAGE', packageId: pkg.id, ...night, numberOfGuests: 1, numberOfRooms: rooms } });
}

/** `count` distinct users hold one room each on `night`, released at one barrier; returns the statuses. */
export async function raceHolds(sandbox: Sandbox, api: ApiClient, packageName: string, night: Night, count: number): Promise<number[]> {
  const users = await Promise.all(Array.from({ length: count }, () => newUser(api)));
  const quotes = await Promise.all(users.map((u) => quoteNight(api, u, packageName, night)));
  const answers = await releaseAtBarrier(
    quotes.map((q, i) => ({ method: 'POST' as const, url: `${sandbox.apiUrl}/v1/bookings/hold`, headers: { authorization: `Bearer ${users[i]!.token}` }, body: { quoteId: q.id } })),
    10_000,
  );
  return answers.map((a) => a.status ?? 0);
}

export async function assertInvariants(sandbox: Sandbox, sweepIntervalMs: number): Promise<void> {
  const db = new pg.Client({ connectionString: sandbox.databaseUrl });
  await db.connect();
  try {
    const broken = (await checkInvariants(db, { sweepIntervalMs, graceMs: 1_000 })).filter((r) => !r.ok);
    assert.deepEqual(broken.map((r) => ({ id: r.id, rows: r.rows.slice(0, 3) })), [], 'database invariants');
  } finally {
    await db.end();
  }
}

export async function freeUnits(sandbox: Sandbox, room: string, night: Night): Promise<number> {
  const db = new pg.Client({ connectionString: sandbox.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT "availableUnits" FROM "InventoryNight" WHERE "roomId" = $1 AND "date" = $2`, [room, night.checkInDate]);
    return rows[0].availableUnits;
  } finally {
    await db.end();
  }
}
