// Which failure a cycle's other failures follow from: failing checks grouped by cause, the dependent ones listed inside.
import { severityRank, type Check, type Severity } from '../verdict/schema.ts';

export const TARGET_DOWN = 'target-down';

const reachability = ['target.reachable', 'api.health.liveness'];
const readiness = 'api.health.readiness';

/** Each check's prerequisites, most fundamental first. A check not listed needs the target up and ready. */
const prerequisites: [RegExp, string[]][] = [
  [/^target\.reachable$/, []],
  [/^api\.health\.liveness$/, ['target.reachable']],
  [/^api\.health\.readiness$/, reachability],
  [/^db\./, []],
  [/^api\.auth\./, [...reachability, readiness]],
  [/^api\.catalog\./, [...reachability, readiness]],
  [/^(api|web)\.booking\.|^api\.journey\./, [...reachability, readiness, 'api.auth.sign-in', 'api.catalog.hotels-listed']],
];
const defaultPrerequisites = [...reachability, readiness];

export function prerequisitesOf(checkId: string): string[] {
  return prerequisites.find(([pattern]) => pattern.test(checkId))?.[1] ?? defaultPrerequisites;
}

/** A check the suite itself could not run (status `error`) pages like a failure: the monitor cannot vouch for the target. */
export function isSuiteError(check: Check): boolean {
  return (check.status as string) === 'error';
}

export function isFailing(check: Check): boolean {
  return check.status === 'failed' || isSuiteError(check);
}

/** The checks whose failure is the cause itself: liveness and reachability for "target down", else the check. */
export function rootIdsOf(causeKey: string): string[] {
  return causeKey === TARGET_DOWN ? reachability : [causeKey];
}

export function causeTitle(causeKey: string): string {
  return causeKey === TARGET_DOWN ? 'target down' : causeKey;
}

export interface CauseGroup {
  /** "target-down", or the id of the failing check nothing else explains. */
  key: string;
  /** What failed first: the most fundamental failing check. */
  root: Check;
  /** Failing checks that follow from the root, in cycle order. */
  affected: Check[];
  /** The worst severity among the root and the affected checks. */
  severity: Severity;
}

/** Groups a cycle's failing P0/P1 checks by cause; P2 findings never page and are left out. */
export function groupFailures(checks: readonly Check[]): CauseGroup[] {
  const failing = new Map(checks.filter((c) => isFailing(c) && c.severity !== 'P2').map((c) => [c.id, c]));
  const rootOf = (id: string, depth = 0): string => {
    const prerequisite = depth < 10 ? prerequisitesOf(id).find((p) => failing.has(p)) : undefined;
    return prerequisite ? rootOf(prerequisite, depth + 1) : id;
  };
  const groups = new Map<string, CauseGroup>();
  for (const check of failing.values()) {
    const rootId = rootOf(check.id);
    const key = reachability.includes(rootId) ? TARGET_DOWN : rootId;
    const root = failing.get(rootId)!;
    const group = groups.get(key) ?? { key, root, affected: [], severity: root.severity };
    if (check.id !== rootId) group.affected.push(check);
    if (severityRank[check.severity] < severityRank[group.severity]) group.severity = check.severity;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}
