// Does the gate fail every broken release of booking integrity and the web journey, at the runbook's severity?
// Each runs the project where its fault lives (integrity runs include the database invariants stage).
import { test } from 'node:test';
import { gateAgainstFault, type FaultCase } from '../helpers/fault-matrix.ts';

const cases: FaultCase[] = [
  { fault: 'overbooking', severity: 'P0', caughtBy: 'integrity.overbooking-race', projects: ['integrity'] },
  { fault: 'hold-never-expires', severity: 'P1', caughtBy: 'integrity.expiry.swept', projects: ['integrity'] },
  { fault: 'expiry-keeps-units', severity: 'P0', caughtBy: 'integrity.expiry.units-returned', projects: ['integrity'] },
  { fault: 'idempotency-ignored', severity: 'P0', caughtBy: 'integrity.idempotency.replay', projects: ['integrity'] },
  { fault: 'confirm-expired', severity: 'P0', caughtBy: 'integrity.expiry.refused-after', projects: ['integrity'] },
  { fault: 'web-book-broken', severity: 'P0', caughtBy: 'web.booking.journey', web: true, projects: ['web'] },
];

for (const c of cases) {
  test(`${c.fault} fails the gate with ${c.severity} from ${c.caughtBy}`, () => gateAgainstFault(c));
}
