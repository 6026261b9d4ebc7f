// Synthetic bookings the run could not release are reported, never silent: every release is recorded by the worker that
// made it, and after the specs the CLI turns what is still live (read back from the database when it can) into a P1
// `cleanup.left-behind` finding; a 5xx from any cancel is a finding of its own (`cleanup.cancel-5xx`) with its request id.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { Config } from '../config/load.ts';
import type { Profile } from '../profiles/types.ts';
import type { Check } from '../verdict/schema.ts';
import { mappingOf, readOnlyClient } from './db-preflight.ts';
import { pollUntil } from './poll.ts';

const FILE = 'cleanup-releases.jsonl';

export type ReleaseRecord =
  | { kind: 'release'; id: string; check?: string; outcome: string; via?: 'guest' | 'provider'; detail?: string }
  | { kind: 'cancel-5xx'; id: string; route: string; status: number; requestId: string };

export function recordRelease(reportsDir: string, record: ReleaseRecord): void {
  try {
    appendFileSync(join(reportsDir, FILE), `${JSON.stringify(record)}\n`);
  } catch {
    /* no reports folder: nothing to report into */
  }
}

export function readReleases(reportsDir: string): ReleaseRecord[] {
  const path = join(reportsDir, FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ReleaseRecord);
}

/** States in which a booking holds no unit any more (a quote never held one). */
export const FINAL_STATES = new Set(['CANCELLED_BY_GUEST', 'CANCELLED_BY_PROVIDER', 'EXPIRED_HOLD', 'COMPLETED', 'QUOTE']);

export interface BookingState {
  status: string;
  /** Rooms per night for a stay, seats for a tour. */
  units: number;
  nights: number;
}

/** A booking's state and the units it holds, read-only, through the profile's tables; undefined when it is not there. */
export async function bookingState(db: pg.Pool | pg.ClientBase, profile: Pick<Profile, 'tables'>, id: string): Promise<BookingState | undefined> {
  if (!profile.tables) return undefined;
  const { rows } = await db.query<{ status: string; units: number; nights: number }>(
    `SELECT "status"::text AS status,
            CASE WHEN "tourPackageId" IS NOT NULL THEN "numberOfGuests" ELSE coalesce("numberOfRooms", 1) END::int AS units,
            CASE WHEN "checkOutDate" IS NULL THEN 1 ELSE ("checkOutDate"::date - "checkInDate"::date) END::int AS nights
       FROM ${profile.tables.booking} WHERE "id" = $1`,
    [id],
  );
  return rows[0];
}

/** Holds the target expires by itself within this long are waited out (and verified) rather than reported. */
const MAX_EXPIRY_WAIT_MS = 30_000;

/**
 * A hold no route can release is released by the target's own TTL and sweep (TripAvail today has no release route for a
 * HOLD). When the last of them is due within MAX_EXPIRY_WAIT_MS (a short sandbox or staging TTL), wait until the sweep
 * has moved them (read back, read-only), bounded by holdExpiresAt + sweep interval + grace; what is still HOLD then is
 * reported as left behind. Longer TTLs are not waited out: those holds are reported (see the check's error).
 */
async function awaitOwnExpiry(client: pg.Client, config: Config, ids: string[]): Promise<void> {
  const booking = config.profile.tables?.booking;
  if (!booking || !ids.length) return;
  const expiresAt = mappingOf(config.profile).timestamps === 'utc' ? `("holdExpiresAt" AT TIME ZONE 'UTC')` : '"holdExpiresAt"';
  const held = async () => (await client.query<{ n: number; last: Date | null }>(
    `SELECT count(*)::int AS n, max(${expiresAt}) AS last FROM ${booking} WHERE "id" = ANY($1) AND "status"::text = 'HOLD'`, [ids],
  )).rows[0];
  const first = await held().catch(() => undefined);
  if (!first?.n || !first.last) return;
  const deadline = first.last.getTime() + config.sweepIntervalMs + config.expiryGraceMs;
  if (deadline - Date.now() > MAX_EXPIRY_WAIT_MS) return;
  const step = Math.min(250, Math.max(50, config.sweepIntervalMs / 4));
  await pollUntil(() => held().then((h) => h?.n ?? 0, () => 0), (n) => n === 0, deadline, step);
}

/** The cleanup findings of a run, from what its workers recorded; nothing recorded, no check. */
export async function cleanupChecks(config: Config): Promise<Check[]> {
  const records = readReleases(config.reportsDir);
  if (!records.length) return [];
  const releases = records.filter((r): r is Extract<ReleaseRecord, { kind: 'release' }> => r.kind === 'release');
  const errors = records.filter((r): r is Extract<ReleaseRecord, { kind: 'cancel-5xx' }> => r.kind === 'cancel-5xx');
  const checks: Check[] = [];
  const base = { severity: 'P1' as const, stage: 'cleanup', durationMs: 0 };

  const open = releases.filter((r) => r.outcome !== 'cancelled' && r.outcome !== 'already-final');
  // Read back what is still live now: a hold that could not be cancelled may have expired since.
  const remaining: { id: string; check?: string; status: string; units?: number; nights?: number; detail?: string }[] = [];
  let client: pg.Client | undefined;
  try {
    if (open.length && config.databaseUrl && config.profile.tables) {
      client = readOnlyClient(config.databaseUrl);
      await client.connect();
      await awaitOwnExpiry(client, config, open.map((r) => r.id));
    }
    for (const r of open) {
      const state = client ? await bookingState(client, config.profile, r.id).catch(() => undefined) : undefined;
      if (state && FINAL_STATES.has(state.status)) continue;
      remaining.push(state ? { id: r.id, check: r.check, ...state } : { id: r.id, check: r.check, status: 'unknown', detail: r.detail });
    }
  } finally {
    await client?.end().catch(() => {});
  }
  const unknownWhy = config.databaseUrl ? 'not found in the database' : 'no read route and no HOLDFAST_DATABASE_URL to read it back';
  checks.push(remaining.length
    ? {
        ...base,
        id: 'cleanup.left-behind',
        title: 'every synthetic booking the run made is released',
        status: 'failed',
        evidence: { bookings: releases.length },
        error: `${remaining.length} synthetic booking(s) left behind: ${remaining.slice(0, 5).map((b) => `${b.id} ${b.status === 'unknown' ? `(state unknown: ${unknownWhy})` : `(${b.status}, ${b.units} unit(s) × ${b.nights} night(s) held)`}`).join('; ')}${remaining.length > 5 ? ' …' : ''}${config.cleanupToken ? '' : ' — the target offers no release for them; with HOLDFAST_CLEANUP_TOKEN a provider-side cancel is tried for confirmed ones'}`,
        details: remaining,
      }
    : { ...base, id: 'cleanup.left-behind', title: 'every synthetic booking the run made is released', status: 'passed', evidence: { bookings: releases.length } });
  if (errors.length) {
    checks.push({
      ...base,
      id: 'cleanup.cancel-5xx',
      title: 'cancelling a synthetic booking never answers 5xx',
      status: 'failed',
      evidence: { requests: errors.length },
      requestId: errors[0]!.requestId,
      error: `${errors.length} cancel(s) answered 5xx: ${errors.slice(0, 3).map((e) => `${e.route} for ${e.id} answered ${e.status} (request id ${e.requestId})`).join('; ')}`,
      details: errors,
    });
  }
  return checks;
}
