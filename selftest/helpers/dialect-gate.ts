// Runs the gate against a sandbox dialect (optionally broken) and returns the verdict with a readable context for failures.
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/index.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from './run-cli.ts';

export async function gate(dialect: string, faults: string[] = []) {
  const sandbox = await startSandbox({ port: 0, dialect, faults });
  try {
    const reportsDir = tempReportsDir(`${dialect}-${faults.join('-') || 'healthy'}`);
    const run = await runCli(['gate', '--target', sandbox.apiUrl, '--profile', dialect, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir]);
    const verdict = readVerdict(reportsDir);
    const context = `${dialect} ${faults.join(',') || 'healthy'}:\n${describeFailures(verdict)}\n--- output tail ---\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
    assert.deepEqual(secretsIn(reportsDir, [decodeURIComponent(new URL(sandbox.databaseUrl).password)]), [], `secrets in the reports (${dialect})`);
    return { run, verdict, context, status: (id: string) => verdict.checks.find((c) => c.id === id)?.status };
  } finally {
    await sandbox.stop();
  }
}

