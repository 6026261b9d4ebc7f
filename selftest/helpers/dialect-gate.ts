// Runs the gate against a running sandbox dialect and returns the verdict with a readable context for failures.
// The dialects enforce their systems' rate limits, so the gate meets them as it would a real deployment: Soleil's users
// are pre-provisioned (as its sheet says they must be: verified once by an operator, HOLDFAST_USERS_FILE); ServiceLink's
// (sign-up 5 a minute per client) are signed up once and shared by the run's workers.
import assert from 'node:assert/strict';
import type { Sandbox } from '../../sandbox/index.ts';
import { routes as soleilRoutes } from '../../src/systems/soleil/routes.ts';
import { FAULT_CASE_WORKERS, grepCheck } from './fault-matrix.ts';
import { provisionUsers } from './provision-users.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from './run-cli.ts';

/** `only`: run just this check (a P0 fault's catcher; see fault-matrix.ts for why that loses nothing). */
export async function gate(sandbox: Sandbox, only?: string) {
  const { dialect } = sandbox;
  const faults = sandbox.faults.join(',') || 'healthy';
  const reportsDir = tempReportsDir(`${dialect}-${faults.replaceAll(',', '-')}`);
  const env: Record<string, string> = {};
  const secrets = [decodeURIComponent(new URL(sandbox.databaseUrl).password)];
  // A sandbox whose fault refuses sign-ups (api-down) gets no users: the gate meets the fault itself.
  if (dialect === 'soleil' && !sandbox.faults.includes('api-down')) {
    const { file, users } = await provisionUsers(`${sandbox.apiUrl}${soleilRoutes.register.path}`, 8, (u) => ({ name: 'Provisioned Guest', email: u.email, password: u.password, password_confirmation: u.password }));
    env.HOLDFAST_USERS_FILE = file;
    secrets.push(...users.map((u) => u.password));
  }
  const run = await runCli(['gate', '--target', sandbox.apiUrl, '--profile', dialect, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, ...(only ? grepCheck(only) : []), ...(sandbox.faults.length ? FAULT_CASE_WORKERS : [])], env);
  const verdict = readVerdict(reportsDir);
  const context = `${dialect} ${faults}:\n${describeFailures(verdict)}\n--- output tail ---\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
  assert.deepEqual(secretsIn(reportsDir, secrets), [], `secrets in the reports (${dialect})`);
  return { run, verdict, context, status: (id: string) => verdict.checks.find((c) => c.id === id)?.status };
}
