// The words of a page: what failed first and since when, the checks affected, request ids, severity, report; and on
// resolve, how long it lasted and how many cycles failed.
import { redactText } from '../client/redact.ts';
import type { Check } from '../verdict/schema.ts';
import { isSuiteError } from './causes.ts';
import type { Notice } from './incidents.ts';
import { runbookAction, severityMeaning } from './runbook.ts';

export function pageMessage({ kind, incident, at }: Notice, target: string): { text: string } {
  const first = incident.firstFailure;
  const title = isSuiteError(first) ? `${incident.title} (suite error)` : incident.title;
  const failing = `for ${formatDuration(at - incident.since)}, ${plural(incident.failedCycles, 'failed cycle')}${incident.flaps ? `, flapped ${plural(incident.flaps, 'time')}` : ''}`;
  const report = incident.reportPath ? [`report: ${incident.reportPath}`] : [];
  if (kind === 'resolve') {
    const back = incident.recoveredAt ?? at;
    return {
      text: [
        `:white_check_mark: RESOLVED: ${title} on ${target} after ${formatDuration(back - incident.since)}, ${plural(incident.failedCycles, 'failed cycle')}${incident.flaps ? `, flapped ${plural(incident.flaps, 'time')}` : ''}`,
        `first failure ${iso(incident.since)}, passing again since ${iso(back)}`,
        ...report,
        `incident: ${incident.id}`,
      ].join('\n'),
    };
  }
  const head = kind === 'open' ? `:rotating_light: ${incident.severity} FAILING` : `:repeat: ${incident.severity} STILL FAILING (${failing})`;
  return {
    text: [
      `${head}: ${title} on ${target}`,
      `first failure: ${describe(first)} since ${iso(incident.since)}`,
      `checks affected (${incident.affected.length}): ${incident.affected.map(label).join(', ') || 'none besides the first'}`,
      ...(incident.requestIds.length ? [`last request ids: ${incident.requestIds.join(', ')}`] : []),
      `severity: ${incident.severity} (${severityMeaning[incident.severity]})`,
      `action: ${runbookAction(incident.cause)}`,
      ...report,
      `incident: ${incident.id}`,
    ].join('\n'),
  };
}

function describe(check: Check): string {
  return `${label(check)}: ${redactText(check.error ?? 'failed').split('\n')[0]}`;
}

function label(check: Check): string {
  return isSuiteError(check) ? `${check.id} (suite error)` : check.id;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7_200) return `${Math.round(s / 60)} min`;
  return `${(s / 3_600).toFixed(1)} h`;
}
