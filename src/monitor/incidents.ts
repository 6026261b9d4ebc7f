// When to page: one incident per cause, opened once, reminded at most every reminder window, resolved once it has
// stayed green for a few cycles in a row (so a target that flaps back for one cycle keeps its incident and pages no more).
import { severityRank, type Check, type Severity } from '../verdict/schema.ts';
import { causeTitle, groupFailures, isFailing, rootIdsOf, type CauseGroup } from './causes.ts';

export type NoticeKind = 'open' | 'remind' | 'resolve';

export interface Incident {
  /** Stable for the incident's life: the cause and when it was first seen. */
  id: string;
  cause: string;
  title: string;
  severity: Severity;
  /** The root check as it first failed, and when its cycle started. */
  firstFailure: Check;
  since: number;
  /** Dependent checks seen failing during the incident, latest state of each. */
  affected: Check[];
  /** Request ids of the latest failing cycle's checks, root first. */
  requestIds: string[];
  failedCycles: number;
  /** Times the cause came back for fewer than the resolve threshold and failed again. */
  flaps: number;
  /** Report of the latest failing cycle that was sent. */
  reportPath?: string;
  /** Start of the green run that resolved it. */
  recoveredAt?: number;
}

export interface Notice {
  kind: NoticeKind;
  incident: Incident;
  at: number;
}

export interface IncidentPolicy {
  /** At most one reminder per incident per this many ms. */
  reminderMs: number;
  /** Consecutive passing cycles before an incident resolves (1: the first green cycle resolves it). */
  resolveAfterCycles: number;
}

export interface CycleOutcome {
  checks: readonly Check[];
  /** When the cycle's first run started (before any re-check). */
  startedAt: number;
  now: number;
  /** Where this cycle's report was written, when it failed. */
  reportPath?: string;
}

interface OpenIncident extends Incident {
  lastSentAt: number;
  greenCycles: number;
}

export class IncidentBook {
  private readonly incidents = new Map<string, OpenIncident>();

  constructor(private readonly policy: IncidentPolicy) {}

  /** Takes a cycle's checks (after its immediate re-check) and returns what to send. */
  update(cycle: CycleOutcome): Notice[] {
    const notices: Notice[] = [];
    const groups = new Map(groupFailures(cycle.checks).map((g) => [g.key, g]));
    for (const group of groups.values()) {
      const incident = this.incidents.get(group.key);
      if (!incident) {
        const opened = this.openIncident(group, cycle);
        notices.push({ kind: 'open', incident: snapshot(opened), at: cycle.now });
        continue;
      }
      this.stillFailing(incident, cycle, group);
      if (cycle.now - incident.lastSentAt >= this.policy.reminderMs) {
        incident.lastSentAt = cycle.now;
        incident.reportPath = cycle.reportPath ?? incident.reportPath;
        notices.push({ kind: 'remind', incident: snapshot(incident), at: cycle.now });
      }
    }
    for (const incident of this.incidents.values()) {
      if (groups.has(incident.cause)) continue;
      const roots = cycle.checks.filter((c) => rootIdsOf(incident.cause).includes(c.id));
      if (roots.some(isFailing)) {
        // Its root is failing under a more fundamental cause (e.g. catalog while the target is down): still open, quietly.
        this.stillFailing(incident, cycle);
      } else if (roots.some((c) => c.status === 'passed')) {
        if (incident.greenCycles === 0) incident.recoveredAt = cycle.startedAt;
        incident.greenCycles += 1;
        if (incident.greenCycles >= this.policy.resolveAfterCycles) {
          this.incidents.delete(incident.cause);
          notices.push({ kind: 'resolve', incident: snapshot(incident), at: cycle.now });
        }
      }
    }
    return notices;
  }

  /** Causes with an open incident. */
  get open(): string[] {
    return [...this.incidents.keys()];
  }

  private openIncident(group: CauseGroup, cycle: CycleOutcome): OpenIncident {
    const incident: OpenIncident = {
      id: `${group.key}@${new Date(cycle.startedAt).toISOString().replace(/[-:]|\.\d+/g, '')}`,
      cause: group.key,
      title: causeTitle(group.key),
      severity: group.severity,
      firstFailure: group.root,
      since: cycle.startedAt,
      affected: group.affected,
      requestIds: requestIdsOf(group),
      failedCycles: 1,
      flaps: 0,
      ...(cycle.reportPath ? { reportPath: cycle.reportPath } : {}),
      lastSentAt: cycle.now,
      greenCycles: 0,
    };
    this.incidents.set(group.key, incident);
    return incident;
  }

  private stillFailing(incident: OpenIncident, cycle: CycleOutcome, group?: CauseGroup): void {
    incident.failedCycles += 1;
    if (incident.greenCycles > 0) incident.flaps += 1;
    incident.greenCycles = 0;
    delete incident.recoveredAt;
    if (!group) return;
    const affected = new Map(incident.affected.map((c) => [c.id, c]));
    for (const check of group.affected) affected.set(check.id, check);
    incident.affected = [...affected.values()];
    if (severityRank[group.severity] < severityRank[incident.severity]) incident.severity = group.severity;
    incident.requestIds = requestIdsOf(group);
  }
}

function requestIdsOf(group: CauseGroup): string[] {
  return [group.root, ...group.affected].flatMap((c) => (c.requestId ? [c.requestId] : [])).slice(0, 5);
}

function snapshot(incident: OpenIncident): Incident {
  const { lastSentAt: _sent, greenCycles: _green, ...view } = incident;
  return { ...view, affected: [...view.affected], requestIds: [...view.requestIds] };
}
