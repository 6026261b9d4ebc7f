// The disclosed faults (../shared/faults.md) and the check that must catch each, shared by the fault matrices:
// as the sandbox answers, and stripped to the contract (--conformance minimal).
import type { FaultCase } from './fault-matrix.ts';

/** API-surface faults: the api project alone catches them. */
export const apiFaultCases: FaultCase[] = ([
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
  { fault: 'flaky-5xx', severity: 'P1', caughtBy: 'api.latency.booking-steps', narrow: true },
] as FaultCase[]).map((c) => ({ ...c, projects: ['api'] }));

/** Booking-integrity and web faults: each runs the project where it lives (integrity includes the database invariants). */
export const integrityFaultCases: FaultCase[] = [
  { fault: 'overbooking', severity: 'P0', caughtBy: 'integrity.overbooking-race', projects: ['integrity'] },
  { fault: 'hold-never-expires', severity: 'P1', caughtBy: 'integrity.expiry.swept', projects: ['integrity'] },
  { fault: 'expiry-keeps-units', severity: 'P0', caughtBy: 'integrity.expiry.units-returned', projects: ['integrity'] },
  { fault: 'idempotency-ignored', severity: 'P0', caughtBy: 'integrity.idempotency.replay', projects: ['integrity'] },
  { fault: 'confirm-expired', severity: 'P0', caughtBy: 'integrity.expiry.refused-after', projects: ['integrity'] },
  { fault: 'web-book-broken', severity: 'P0', caughtBy: 'web.booking.journey', web: true, projects: ['web'] },
];

/** Forged credentials (P0, any profile with "read myself") and OTP throttling (P1, runs that sign in with OTP). */
export const authFaultCases: FaultCase[] = [
  { fault: 'forged-token-accepted', severity: 'P0', caughtBy: 'api.auth.rejects-bad-tokens', projects: ['api'] },
  { fault: 'otp-unthrottled', severity: 'P1', caughtBy: 'api.auth.otp-throttle', projects: ['api'], env: { HOLDFAST_AUTH: 'otp' } },
];

/** Books that do not balance: only the ledger invariant sees them, over the run's own confirmed-then-cancelled bookings. */
export const databaseFaultCases: FaultCase[] = [
  { fault: 'ledger-unbalanced', severity: 'P0', caughtBy: 'db.confirmed-paid-and-balanced', projects: ['api', 'integrity'] },
];
