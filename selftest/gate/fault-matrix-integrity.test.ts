// Does the gate fail every broken release of booking integrity and the web journey, at the runbook's severity?
// Each runs the project where its fault lives (integrity runs include the database invariants stage).
// One sandbox for the file: each case resets it and switches its fault on, then runs the gate.
import { integrityFaultCases } from '../helpers/fault-cases.ts';
import { faultMatrix } from '../helpers/fault-matrix.ts';

faultMatrix(integrityFaultCases);
