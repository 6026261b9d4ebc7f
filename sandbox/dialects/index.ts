// Which dialects the sandbox speaks besides the TripAvail contract, and their defaults (ports and token lifetimes from each system).
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import { erpDialect } from './erp.ts';
import type { Dialect } from './router.ts';
import { servicelinkDialect } from './servicelink.ts';
import { soleilDialect } from './soleil.ts';
import { travellrDialect } from './travellr.ts';
import { startToday, todaySchema, type OwnSchemaDialect, type OwnSchemaEnv } from './tripavail-today/index.ts';

export interface DialectSpec {
  title: string;
  port: number;
  tokenTtlSeconds: number;
  holdTtlSeconds?: number;
  lockAfter?: number;
  build: (core: Core, faults: Faults) => Dialect;
  /** A dialect over its own schema instead of the core's: the sandbox creates (and resets) `schema.sql`, serves `start`'s server and runs its sweep. */
  own?: { schema: { marker: string; sql: string }; start: (env: OwnSchemaEnv) => OwnSchemaDialect };
}

export type DialectName = 'travellr' | 'soleil' | 'servicelink' | 'erp' | 'tripavail-today';

export const dialects: Record<DialectName, DialectSpec> = {
  travellr: { title: 'Travellr', port: 5000, tokenTtlSeconds: 7 * 24 * 3600, build: travellrDialect },
  soleil: { title: 'Soleil Hostel', port: 8000, tokenTtlSeconds: 3600, holdTtlSeconds: 1800, build: soleilDialect },
  servicelink: { title: 'ServiceLink', port: 3001, tokenTtlSeconds: 3600, lockAfter: 10, build: servicelinkDialect },
  erp: { title: 'ERP', port: 3000, tokenTtlSeconds: 900, build: erpDialect },
  'tripavail-today': {
    title: 'TripAvail (current code)',
    port: 4100,
    tokenTtlSeconds: 900,
    own: { schema: todaySchema, start: startToday },
    build: () => {
      throw new Error('tripavail-today serves its own schema, not the core (see `own`)');
    },
  },
};

export function isDialectName(name: string): name is DialectName {
  return Object.hasOwn(dialects, name);
}
