// Before any spec runs: does the profile's table and column mapping exist in the target's database? A missing table or
// column is an `error` check naming it (db.mapping), and the database checks then say so instead of failing on SQL.
import pg from 'pg';
import { redactText, registerUrlPassword } from '../client/redact.ts';
import type { Config } from '../config/load.ts';
import { contractDatabase } from '../contract/database.ts';
import type { DatabaseMapping, TableNames } from '../profiles/types.ts';
import type { Check } from '../verdict/schema.ts';

export const MAPPING_CHECK_ID = 'db.mapping';

type TableKey = keyof TableNames;

/** Every table and column the database checks read under this mapping. */
export function requiredColumns(tables: TableNames, m: DatabaseMapping): { table: TableKey; columns: string[] }[] {
  const needed: { table: TableKey; columns: string[] }[] = [
    {
      table: 'booking',
      columns: ['id', 'userId', 'status', 'hotelPackageId', 'tourPackageId', 'checkInDate', 'checkOutDate', 'numberOfRooms', 'numberOfGuests', 'totalPrice', 'holdExpiresAt',
        ...(m.confirmedAt ? [m.confirmedAt] : []), ...(m.tourStock ? [m.tourStock.bookingDate] : [])],
    },
    { table: 'inventoryNight', columns: ['roomId', 'date', 'totalUnits', 'availableUnits'] },
    { table: 'hotelPackage', columns: ['id', m.hotelStock.via === 'package-room' ? m.hotelStock.packageRoom : m.hotelStock.packageListing] },
    { table: 'payment', columns: ['bookingId', 'status', 'amount'] },
    { table: 'ledgerEntry', columns: ['bookingId', 'type', 'debitAccount', 'creditAccount', 'amount'] },
  ];
  if (m.hotelStock.via === 'listing-rooms') needed.push({ table: 'room', columns: ['id', m.hotelStock.roomListing] });
  if (m.tourStock) {
    const t = m.tourStock;
    needed.push({ table: 'tourDeparture', columns: [t.departurePackage, t.departureDate, 'availableSeats', ...(t.capacity.table === 'tourDeparture' ? [t.capacity.column] : [])] });
    if (t.capacity.table === 'tourPackage') needed.push({ table: 'tourPackage', columns: ['id', t.capacity.column] });
  }
  return needed.map((n) => ({ table: n.table, columns: [...new Set(n.columns)] }));
}

export interface MappingReport {
  /** Human-readable problems: a missing table (or one not mapped), a missing column, a timestamp type the mapping does not expect. */
  problems: string[];
  tables: number;
  columns: number;
}

/** Checks the mapping against the catalog (information_schema.columns, as the connecting role sees it). */
export async function checkMapping(client: pg.ClientBase, tables: TableNames, m: DatabaseMapping): Promise<MappingReport> {
  const problems: string[] = [];
  let tableCount = 0;
  let columnCount = 0;
  for (const { table, columns } of requiredColumns(tables, m)) {
    const name = tables[table];
    if (!name) {
      problems.push(`the profile maps no table for ${table} (the mapping needs it: set it in the profile or HOLDFAST_TABLES)`);
      continue;
    }
    let resolved: { schema: string; table: string } | undefined;
    try {
      const { rows } = await client.query<{ schema: string; table: string }>(
        `SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
        [name],
      );
      resolved = rows[0];
    } catch (error) {
      problems.push(`table ${name} (${table}): not a valid table name (${(error as Error).message})`);
      continue;
    }
    if (!resolved) {
      problems.push(`table ${name} (${table}) does not exist (or is not visible to this role)`);
      continue;
    }
    tableCount += 1;
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
      [resolved.schema, resolved.table],
    );
    const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
    for (const column of columns) {
      if (!types.has(column)) problems.push(`column ${name}."${column}" does not exist (or is not readable by this role)`);
      else columnCount += 1;
    }
    if (table === 'booking' && types.has('holdExpiresAt')) {
      const expected = m.timestamps === 'utc' ? 'timestamp without time zone' : 'timestamp with time zone';
      const actual = types.get('holdExpiresAt');
      if (actual !== expected) problems.push(`column ${name}."holdExpiresAt" is ${actual}, but the mapping reads timestamps as ${m.timestamps === 'utc' ? '"utc" (timestamp without time zone)' : 'timestamptz'}`);
    }
  }
  return { problems, tables: tableCount, columns: columnCount };
}

/** A read-only client on the target's database, in UTC. */
export function readOnlyClient(url: string): pg.Client {
  registerUrlPassword(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    options: '-c default_transaction_read_only=on -c statement_timeout=10000 -c TimeZone=UTC',
  });
  client.on('error', () => {});
  return client;
}

export function mappingOf(profile: Pick<Config['profile'], 'database'>): DatabaseMapping {
  return profile.database ?? contractDatabase;
}

/** The db.mapping check, or undefined when there is no database to check (no URL, or a profile without tables). */
export async function dbPreflight(config: Config): Promise<Check | undefined> {
  const tables = config.profile.tables;
  if (!config.databaseUrl || !tables) return undefined;
  const started = Date.now();
  const base = { id: MAPPING_CHECK_ID, title: "the profile's table and column mapping exists in the target's database", severity: 'P0' as const, stage: 'db', durationMs: 0 };
  const fix = `correct the mapping of profile ${config.profile.name} (its profile.ts under src/systems/, or HOLDFAST_TABLES for table names), or point HOLDFAST_DATABASE_URL at the target's database`;
  const client = readOnlyClient(config.databaseUrl);
  try {
    await client.connect();
    const report = await checkMapping(client, tables, mappingOf(config.profile));
    const evidence = { tables: report.tables, columns: report.columns };
    if (report.problems.length) {
      return { ...base, status: 'error', durationMs: Date.now() - started, error: `the mapping does not match the database: ${report.problems.join('; ')}`, fix, evidence, details: report.problems };
    }
    return { ...base, status: 'passed', durationMs: Date.now() - started, evidence };
  } catch (error) {
    return { ...base, status: 'error', durationMs: Date.now() - started, error: `the database could not be read: ${redactText((error as Error).message)}`, fix: 'check HOLDFAST_DATABASE_URL (reachable, a role with read access)' };
  } finally {
    await client.end().catch(() => {});
  }
}
