// Runs the gate against a running sandbox dialect and returns the verdict with a readable context for failures.
import assert from 'node:assert/strict';
import type { Sandbox } from '../../sandbox/index.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from './run-cli.ts';

export async function gate(sandbox: Sandbox) {
  const { dialect } = sandbox;
  const faults = sandbox.faults.join(',') || 'healthy';
  const reportsDir = tempReportsDir(`${dialect}-${faults.replaceAll(',', '-')}`);
  const run = await runCli(['gate', '--target', sandbox.apiUrl, '--profile', dialect, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir]);
  const verdict = readVerdict(reportsDir);
  const context = `${dialect} ${faults}:\n${describeFailures(verdict)}\n--- output tail ---\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
  assert.deepEqual(secretsIn(reportsDir, [decodeURIComponent(new URL(sandbox.databaseUrl).password)]), [], `secrets in the reports (${dialect})`);
  return { run, verdict, context, status: (id: string) => verdict.checks.find((c) => c.id === id)?.status };
}
