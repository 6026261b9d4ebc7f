// Does the gate fail every broken release of booking integrity and the web journey, at the runbook's severity?
import { test } from 'node:test';
import { gateAgainstFault, type FaultCase } from '../helpers/fault-matrix.ts';

const cases: FaultCase[] = [
  { fault: 'overbooking', severity: 'P0', caughtBy: 'integrity.overbooking-race' },
  { fault: 'hold-never-expires', severity: 'P1', caughtBy: 'integrity.expiry.swept' },
  { fault: 'expiry-keeps-units', severity: 'P0', caughtBy: 'integrity.expiry.units-returned' },
  { fault: 'idempotency-ignored', severity: 'P0', caughtBy: 'integrity.idempotency.replay' },
  { fault: 'confirm-expired', severity: 'P0', caughtBy: 'integrity.expiry.refused-after' },
  { fault: 'web-book-broken', severity: 'P0', caughtBy: 'web.booking.journey', web: true },
];

for (const c of cases) {
  test(`${c.fault} fails the gate with ${c.severity} from ${c.caughtBy}`, () => gateAgainstFault(c));
}
