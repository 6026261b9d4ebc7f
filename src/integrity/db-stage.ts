// Do the database's books balance? The contract's four invariants, read-only, each its own check with the offending rows.
import pg from 'pg';
import { redactText, redactValue, registerUrlPassword } from '../client/redact.ts';
import type { Config } from '../config/load.ts';
import type { Check, Severity } from '../verdict/schema.ts';
import { checkInvariants, type InvariantResult } from './invariants.ts';

/** A dead expiry worker degrades (P1); lost or phantom units and unbalanced money are P0. */
const severityOf: Record<InvariantResult['id'], Severity> = {
  'inventory-within-bounds': 'P0',
  'inventory-matches-bookings': 'P0',
  'no-overdue-holds': 'P1',
  'confirmed-paid-and-balanced': 'P0',
};

export async function runInvariantStage(config: Config): Promise<Check[]> {
  if (!config.databaseUrl) {
    return [{ id: 'db.invariants', title: 'database invariants', status: 'not-applicable', severity: 'P0', stage: 'db', durationMs: 0, reason: 'HOLDFAST_DATABASE_URL is not set' }];
  }
  const tables = config.profile.tables;
  if (!tables) {
    return [{ id: 'db.invariants', title: 'database invariants', status: 'not-applicable', severity: 'P0', stage: 'db', durationMs: 0, reason: `profile ${config.profile.name} names no tables for the invariants` }];
  }
  registerUrlPassword(config.databaseUrl);
  const started = Date.now();
  const client = new pg.Client({
    connectionString: config.databaseUrl,
    connectionTimeoutMillis: 5_000,
    options: '-c default_transaction_read_only=on -c statement_timeout=10000',
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const results = await checkInvariants(client, { tables, sweepIntervalMs: config.sweepIntervalMs, graceMs: config.expiryGraceMs, limit: 20 });
    const durationMs = Date.now() - started;
    return results.map((r) => ({
      id: `db.${r.id}`,
      title: r.title,
      status: r.ok ? 'passed' : 'failed',
      severity: severityOf[r.id],
      stage: 'db',
      durationMs,
      ...(r.ok ? {} : { error: `${r.rows.length} offending row(s): ${JSON.stringify(redactValue(r.rows[0]))}`, details: redactValue(r.rows) }),
    }));
  } catch (error) {
    // The suite's own SQL, its table mapping or its connection: the invariants could not be decided, not broken.
    return [{
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

