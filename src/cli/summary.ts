// What an on-call engineer reads at the end of a run: one screen, worst first.
import { severityRank, worstFailure, type Verdict } from '../verdict/schema.ts';

const mark = { passed: '✓', failed: '✗', error: '!', skipped: '-', 'not-applicable': '·' } as const;

export function formatSummary(verdict: Verdict, verdictPath: string): string {
  const counts = { passed: 0, failed: 0, error: 0, skipped: 0, 'not-applicable': 0 };
  for (const c of verdict.checks) counts[c.status] += 1;
  const failed = verdict.checks.filter((c) => c.status === 'failed').sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  const errored = verdict.checks.filter((c) => c.status === 'error');
  const skipped = verdict.checks.filter((c) => c.status === 'skipped' || c.status === 'not-applicable');
  const worst = worstFailure(verdict.checks);
  const lines = [
    '',
    `Holdfast verdict: ${verdict.verdict.toUpperCase()}${worst ? ` (worst ${worst})` : ''} · ${verdict.target} · profile ${verdict.profile} · ${verdict.environment} · run ${verdict.runId}`,
    `  ${counts.passed} passed, ${counts.failed} failed, ${counts.error} could not decide (error), ${counts.skipped} skipped, ${counts['not-applicable']} not applicable · ${(verdict.durationMs / 1000).toFixed(1)} s`,
    ...failed.slice(0, 12).map((c) => `  ${mark.failed} ${c.severity} ${c.id}: ${(c.error ?? '').split('\n')[0]?.slice(0, 160)}${c.requestId ? ` [request id ${c.requestId}]` : ''}`),
    ...(failed.length > 12 ? [`  … and ${failed.length - 12} more failed checks`] : []),
    ...errored.slice(0, 8).map((c) => `  ${mark.error} error ${c.id}: ${(c.error ?? '').split('\n')[0]?.slice(0, 140)}${c.fix ? ` → fix: ${c.fix}` : ''}`),
    ...(errored.length > 8 ? [`  … and ${errored.length - 8} more checks the suite could not decide`] : []),
  ];
  const destructive = skipped.filter((c) => /destructive/i.test(c.reason ?? ''));
  if (destructive.length) lines.push(`  ${mark.skipped} ${destructive.length} destructive checks skipped: ${destructive[0]!.reason}`);
  for (const c of skipped.filter((s) => !destructive.includes(s)).slice(0, 6)) lines.push(`  ${mark[c.status]} ${c.id} ${c.status}: ${c.reason ?? ''}`);
  lines.push(`  verdict: ${verdictPath}`);
  return lines.join('\n');
}
