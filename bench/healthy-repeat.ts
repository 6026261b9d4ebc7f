// Does a healthy target pass the gate run after run? N gates (api + integrity, with the database) against one sandbox,
// reset between runs, in a chosen mode: as the sandbox answers, stripped to the contract, or TripAvail as it runs today.
// Usage: node --import tsx bench/healthy-repeat.ts [runs=10] [contract|conformance|today]
import { startSandbox } from '../sandbox/index.ts';
import { percentile } from '../src/stats/percentile.ts';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../selftest/helpers/run-cli.ts';

const runs = Number(process.argv[2] ?? 10);
const mode = (process.argv[3] ?? 'conformance') as 'contract' | 'conformance' | 'today';
const sandbox = await startSandbox({
  port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250,
  ...(mode === 'conformance' ? { conformance: 'minimal' as const } : {}),
  ...(mode === 'today' ? { dialect: 'tripavail-today' } : {}),
});
const env: Record<string, string> = {
  HOLDFAST_DATABASE_URL: sandbox.databaseUrl, HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250',
  ...(mode === 'today' ? { HOLDFAST_PROFILE: 'tripavail-legacy', HOLDFAST_RACE_STOCK: 'Smoke Race Cabin' } : {}),
};
const walls: number[] = [];
let passed = 0;
try {
  for (let run = 1; run <= runs; run += 1) {
    await sandbox.reset();
    const reportsDir = tempReportsDir(`healthy-${mode}`);
    const result = await runCli(['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity'], env, 300_000);
    const verdict = readVerdict(reportsDir);
    const errors = verdict.checks.filter((c) => c.status === 'error').map((c) => c.id);
    const ok = result.code === 0 && verdict.verdict === 'pass' && errors.length === 0;
    if (ok) passed += 1;
    walls.push(result.ms);
    const ran = verdict.checks.filter((c) => c.status === 'passed').length;
    console.log(`run ${run}: ${ok ? 'pass' : `FAIL (exit ${result.code}, ${verdict.verdict})`} · ${ran} checks passed · ${(result.ms / 1000).toFixed(1)} s${ok ? '' : `\n${describeFailures(verdict)}\nerrors: ${errors.join(', ')}`}`);
  }
} finally {
  await sandbox.stop();
}
console.log(`\nhealthy gate (${mode}, api + integrity + database): ${passed}/${runs} passed; wall median ${(percentile(walls, 50) / 1000).toFixed(1)} s, max ${(Math.max(...walls) / 1000).toFixed(1)} s`);
process.exit(passed === runs ? 0 : 1);
