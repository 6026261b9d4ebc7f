// When to page: an incident opens only after a failure repeats on an immediate re-check, reminds at most every interval, and resolves once.
import type { Check } from '../verdict/schema.ts';

export type AlertKind = 'open' | 'remind' | 'resolve';

export interface Alert {
  kind: AlertKind;
  check: Check;
  openedAt: number;
}

interface Incident {
  openedAt: number;
  lastSentAt: number;
  check: Check;
}

export class AlertBook {
  private readonly incidents = new Map<string, Incident>();

  constructor(private readonly reminderMs: number) {}

  /**
   * Takes a cycle's checks (after its immediate re-check, so a failure here has been seen twice in a row) and the
   * clock; returns what to send. Only P0 and P1 page.
   */
  update(checks: readonly Check[], now: number): Alert[] {
    const out: Alert[] = [];
    const seen = new Set<string>();
    for (const check of checks) {
      if (check.severity === 'P2') continue;
      seen.add(check.id);
      const incident = this.incidents.get(check.id);
      if (check.status === 'failed') {
        if (!incident) {
          this.incidents.set(check.id, { openedAt: now, lastSentAt: now, check });
          out.push({ kind: 'open', check, openedAt: now });
        } else if (now - incident.lastSentAt >= this.reminderMs) {
          incident.lastSentAt = now;
          incident.check = check;
          out.push({ kind: 'remind', check, openedAt: incident.openedAt });
        }
      } else if (incident && check.status === 'passed') {
        this.incidents.delete(check.id);
        out.push({ kind: 'resolve', check, openedAt: incident.openedAt });
      }
    }
    return out;
  }

  get open(): string[] {
    return [...this.incidents.keys()];
  }
}

/** What the on-call engineer should do first, by check. */
const runbook: [RegExp, string][] = [
  [/^target\.reachable|^api\.health\.liveness/, 'the API is down or unreachable: check the deployment, load balancer and DNS; do not shift traffic'],
  [/^api\.health\.readiness/, 'check the database connection and the readiness probe\'s dependencies; do not shift traffic'],
  [/^api\.auth/, 'sign-in is broken: check the auth service, its secrets and rate limits'],
  [/^api\.catalog/, 'the catalog is empty or broken: check the package service and the last catalog import'],
  [/^api\.booking|^web\.booking/, 'bookings are failing: check quote/hold/payment logs for the request id; consider rolling back'],
  [/^integrity\.overbooking|^db\.inventory/, 'inventory may be oversold: stop sales on the affected package, reconcile InventoryNight against bookings'],
  [/^integrity\.expiry|^db\.no-overdue-holds/, 'holds are not expiring: check the expiry worker (sweep) is running'],
  [/^db\.confirmed/, 'payments and ledger disagree: freeze payouts and reconcile the ledger for the listed bookings'],
];

export function runbookAction(checkId: string): string {
  return runbook.find(([pattern]) => pattern.test(checkId))?.[1] ?? 'see the check\'s error and request id in the monitor output';
}
