// Does the gate fail every broken release of the API surface, at the runbook's severity? (API project only: the
// integrity project's answer to these faults adds nothing but minutes; the healthy and integrity matrices run it.)
// One sandbox for the file: each case resets it and switches its fault on, then runs the gate.
import { apiFaultCases } from '../helpers/fault-cases.ts';
import { faultMatrix } from '../helpers/fault-matrix.ts';

faultMatrix(apiFaultCases);
