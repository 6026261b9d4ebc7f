// Does the gate fail a release whose books do not balance, through the database invariants, at P0? The run's own
// bookings are confirmed and then cancelled by its cleanup, so the ledger invariant must examine those too.
import { faultMatrix, type FaultCase } from '../helpers/fault-matrix.ts';

const cases: FaultCase[] = [
  { fault: 'ledger-unbalanced', severity: 'P0', caughtBy: 'db.confirmed-paid-and-balanced', projects: ['api', 'integrity'] },
];

faultMatrix(cases);
