// Does the gate fail every broken release of the API surface, at the runbook's severity? (API project only: the
// integrity project's answer to these faults adds nothing but minutes; the healthy and integrity matrices run it.)
import { test } from 'node:test';
import { gateAgainstFault, type FaultCase } from '../helpers/fault-matrix.ts';

const cases: FaultCase[] = [
  { fault: 'api-down', severity: 'P0', caughtBy: 'api.health.liveness' },
  { fault: 'ready-lies', severity: 'P0', caughtBy: 'api.health.readiness' },
  { fault: 'db-down', severity: 'P0', caughtBy: 'api.health.readiness' },
  { fault: 'login-500', severity: 'P0', caughtBy: 'api.auth.password-login' },
  { fault: 'token-no-expiry', severity: 'P1', caughtBy: 'api.auth.token-expiry' },
  { fault: 'catalog-empty', severity: 'P0', caughtBy: 'api.catalog.hotels-listed' },
  { fault: 'catalog-drafts', severity: 'P2', caughtBy: 'api.catalog.no-drafts' },
  { fault: 'schema-drift', severity: 'P1', caughtBy: 'api.catalog.schema' },
  { fault: 'quote-tax-wrong', severity: 'P0', caughtBy: 'api.booking.journey' },
  { fault: 'idor-confirm', severity: 'P0', caughtBy: 'api.booking.ownership' },
  { fault: 'no-request-id', severity: 'P2', caughtBy: 'api.cross.request-id' },
  { fault: 'slow-catalog', severity: 'P1', caughtBy: 'api.latency.catalog-p95' },
  { fault: 'no-login-lockout', severity: 'P1', caughtBy: 'api.auth.brute-force-lock' },
  { fault: 'flaky-5xx', severity: 'P1', caughtBy: 'api.latency.catalog-p95', failOnly: true },
];

for (const c of cases) {
  test(`${c.fault} fails the gate with ${c.failOnly ? 'a failure' : `${c.severity} from ${c.caughtBy}`}`, () => gateAgainstFault({ ...c, projects: ['api'] }));
}
