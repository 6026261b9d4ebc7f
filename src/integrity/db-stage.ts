// Do the database's books balance? The contract's four invariants, read-only, each its own check with the offending rows
// and how many rows it examined (examining nothing is never a pass). The mapping is checked first (db.mapping).
import { redactText, redactValue } from '../client/redact.ts';
import type { Config } from '../config/load.ts';
import type { Check, Severity } from '../verdict/schema.ts';
import { dbPreflight, mappingOf, MAPPING_CHECK_ID, readOnlyClient } from './db-preflight.ts';
import { checkInvariants, type InvariantId, type InvariantResult } from './invariants.ts';

/** A dead expiry worker degrades (P1); lost or phantom units and unbalanced money are P0. */
const severityOf: Record<InvariantId, Severity> = {
  'inventory-within-bounds': 'P0',
  'inventory-matches-bookings': 'P0',
  'no-overdue-holds': 'P1',
  'confirmed-paid-and-balanced': 'P0',
};

const titles: Record<InvariantId, string> = {
  'inventory-within-bounds': 'no night has fewer than 0 or more than its total units free',
  'inventory-matches-bookings': 'units taken on every night equal the units of live bookings covering it',
  'no-overdue-holds': 'no hold is overdue by more than one sweep interval plus grace',
  'confirmed-paid-and-balanced': 'every confirmed booking has its payment and a ledger that nets escrow to zero',
};

/**
 * `mapping`: the db.mapping check the CLI ran before the specs (it is then not repeated in the result); without it the
 * stage checks the mapping itself and returns that check too.
 */
export async function runInvariantStage(config: Config, options: { mapping?: Check } = {}): Promise<Check[]> {
  if (!config.databaseUrl) {
    return [{ id: 'db.invariants', title: 'database invariants', status: 'not-applicable', severity: 'P0', stage: 'db', durationMs: 0, reason: 'HOLDFAST_DATABASE_URL is not set' }];
  }
  const tables = config.profile.tables;
  if (!tables) {
    return [{ id: 'db.invariants', title: 'database invariants', status: 'not-applicable', severity: 'P0', stage: 'db', durationMs: 0, reason: `profile ${config.profile.name} names no tables for the invariants` }];
  }
  const mapping = options.mapping ?? (await dbPreflight(config));
  const own = options.mapping ? [] : mapping ? [mapping] : [];
  const ids = Object.keys(severityOf) as InvariantId[];
  if (mapping && mapping.status !== 'passed') {
    // The suite cannot read what it would check: every invariant is undecided, naming the mapping problem once.
    return [...own, ...ids.map((id): Check => ({
      id: `db.${id}`, title: titles[id], status: 'error', severity: severityOf[id], stage: 'db', durationMs: 0,
      error: `not checked: ${MAPPING_CHECK_ID} failed (${(mapping.error ?? '').slice(0, 300)})`,
      fix: mapping.fix ?? 'see the db.mapping check',
    }))];
  }
  const started = Date.now();
  const client = readOnlyClient(config.databaseUrl);
  try {
    await client.connect();
    const results = await checkInvariants(client, { tables, mapping: mappingOf(config.profile), sweepIntervalMs: config.sweepIntervalMs, graceMs: config.expiryGraceMs, limit: 20 });
    const durationMs = Date.now() - started;
    return [...own, ...results.map((r) => toCheck(r, durationMs))];
  } catch (error) {
    // The suite's own SQL, its table mapping or its connection: the invariants could not be decided, not broken.
    return [...own, {
      id: 'db.invariants',
      title: 'database invariants',
      status: 'error',
      severity: 'P0',
      stage: 'db',
      durationMs: Date.now() - started,
      error: `database check could not run: ${redactText((error as Error).message)}`,
      fix: `check HOLDFAST_DATABASE_URL (reachable, read access) and the table mapping of profile ${config.profile.name} (HOLDFAST_TABLES overrides it): ${Object.values(tables).join(', ')}`,
    }];
  } finally {
    await client.end().catch(() => {});
  }
}

export function toCheck(r: InvariantResult, durationMs: number): Check {
  const base = { id: `db.${r.id}`, title: r.title, severity: severityOf[r.id], stage: 'db', durationMs, evidence: { rows: r.examined } };
  if (!r.ok) {
    return {
      ...base,
      status: 'failed',
      error: `${r.rows.length}${r.rows.length >= 20 ? '+' : ''} offending row(s) of ${r.examined} ${r.examinedWhat}: ${redactText(r.findings.slice(0, 3).join('; '))}`,
      details: redactValue(r.rows),
    };
  }
  if (r.examined === 0) {
    return r.whenEmpty.status === 'error'
      ? { ...base, status: 'error', error: `examined 0 ${r.examinedWhat}: ${r.whenEmpty.reason}`, fix: 'point HOLDFAST_DATABASE_URL at the target\'s database, and check the profile\'s table mapping (db.mapping)' }
      : { ...base, status: 'not-applicable', reason: `examined 0 ${r.examinedWhat}: ${r.whenEmpty.reason}` };
  }
  return { ...base, status: 'passed' };
}
