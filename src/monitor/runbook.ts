// What the runbook says about a page: what its severity means, and what the on-call engineer should do first.
import type { Severity } from '../verdict/schema.ts';
import { TARGET_DOWN } from './causes.ts';

export const severityMeaning: Record<Severity, string> = {
  P0: 'outage: bookings broken, oversold inventory or a security breach',
  P1: 'degraded: SLOs breached or holds not expiring',
  P2: 'minor',
};

const actions: [RegExp, string][] = [
  [new RegExp(`^${TARGET_DOWN}$|^target\\.reachable|^api\\.health\\.liveness`), 'the API is down or unreachable: check the deployment, load balancer and DNS; do not shift traffic'],
  [/^api\.health\.readiness/, 'check the database connection and the readiness probe\'s dependencies; do not shift traffic'],
  [/^api\.auth/, 'sign-in is broken: check the auth service, its secrets and rate limits'],
  [/^api\.catalog/, 'the catalog is empty or broken: check the package service and the last catalog import'],
  [/^api\.booking|^web\.booking|^api\.journey/, 'bookings are failing: check quote/hold/payment logs for the request id; consider rolling back'],
  [/^integrity\.overbooking|^db\.inventory/, 'inventory may be oversold: stop sales on the affected package, reconcile InventoryNight against bookings'],
  [/^integrity\.expiry|^db\.no-overdue-holds|^monitor\.hold-expired/, 'holds are not expiring: check the expiry worker (sweep) is running'],
  [/^db\.confirmed/, 'payments and ledger disagree: freeze payouts and reconcile the ledger for the listed bookings'],
];

/** The first thing to do, by cause ("target-down") or check id. */
export function runbookAction(causeOrCheckId: string): string {
  return actions.find(([pattern]) => pattern.test(causeOrCheckId))?.[1] ?? 'see the check\'s error and request id in the monitor output';
}
