// Which dialects the sandbox speaks besides the TripAvail contract, and their defaults (ports and token lifetimes from each system).
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import { erpDialect } from './erp.ts';
import type { Dialect } from './router.ts';
import { servicelinkDialect } from './servicelink.ts';
import { soleilDialect } from './soleil.ts';
import { travellrDialect } from './travellr.ts';

export interface DialectSpec {
  title: string;
  port: number;
  tokenTtlSeconds: number;
  holdTtlSeconds?: number;
  lockAfter?: number;
  build: (core: Core, faults: Faults) => Dialect;
}

export type DialectName = 'travellr' | 'soleil' | 'servicelink' | 'erp';

export const dialects: Record<DialectName, DialectSpec> = {
  travellr: { title: 'Travellr', port: 5000, tokenTtlSeconds: 7 * 24 * 3600, build: travellrDialect },
  soleil: { title: 'Soleil Hostel', port: 8000, tokenTtlSeconds: 3600, holdTtlSeconds: 1800, build: soleilDialect },
  servicelink: { title: 'ServiceLink', port: 3001, tokenTtlSeconds: 3600, lockAfter: 10, build: servicelinkDialect },
  erp: { title: 'ERP', port: 3000, tokenTtlSeconds: 900, build: erpDialect },
};

export function isDialectName(name: string): name is DialectName {
  return Object.hasOwn(dialects, name);
}
