// Does the gate fail a release whose books do not balance, through the database invariants, at P0? The run's own
// bookings are confirmed and then cancelled by its cleanup, so the ledger invariant must examine those too.
import { databaseFaultCases } from '../helpers/fault-cases.ts';
import { faultMatrix } from '../helpers/fault-matrix.ts';

faultMatrix(databaseFaultCases);
