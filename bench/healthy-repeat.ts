// Does a healthy target pass the gate run after run? N gates (api + integrity, with the database) against one sandbox,
// reset between runs, in a chosen mode: as the sandbox answers, stripped to the contract, TripAvail as it runs today, or
// one of the other systems' dialects (their whole gate, rate limits on, as selftest/gate/dialects.test.ts runs it).
// Usage: node --import tsx bench/healthy-repeat.ts [runs=10] [contract|conformance|today|travellr|soleil|servicelink|erp]
import { startSandbox } from '../sandbox/index.ts';
import { percentile } from '../src/stats/percentile.ts';
import { gate } from '../selftest/helpers/dialect-gate.ts';
import { describeFailures, readVerdict, runCli, tempReportsDir } from '../selftest/helpers/run-cli.ts';

const runs = Number(process.argv[2] ?? 10);
const mode = (process.argv[3] ?? 'conformance') as 'contract' | 'conformance' | 'today' | 'travellr' | 'soleil' | 'servicelink' | 'erp';
const foreign = ['travellr', 'soleil', 'servicelink', 'erp'].includes(mode);
const sandbox = await startSandbox({
  port: 0, webPort: 0, holdTtlSeconds: 2, sweepIntervalMs: 250,
  ...(mode === 'conformance' ? { conformance: 'minimal' as const } : {}),
  ...(mode === 'today' ? { dialect: 'tripavail-today' } : {}),
  ...(foreign ? { dialect: mode } : {}),
});
const env: Record<string, string> = {
  HOLDFAST_DATABASE_URL: sandbox.databaseUrl, HOLDFAST_HOLD_TTL_SECONDS: '2', HOLDFAST_SWEEP_INTERVAL_MS: '250',
  ...(mode === 'today' ? { HOLDFAST_PROFILE: 'tripavail-legacy', HOLDFAST_RACE_STOCK: 'Smoke Race Cabin' } : {}),
};
const walls: number[] = [];
/** What the last foreign gate did not apply, with the reasons (each must be a gap the system truly has). */
let lastNotApplicable: string | undefined;
let passed = 0;
try {
  for (let run = 1; run <= runs; run += 1) {
    await sandbox.reset();
    const { result, verdict } = foreign ? await foreignGate() : await contractGate();
    const errors = verdict.checks.filter((c) => c.status === 'error').map((c) => c.id);
    const ok = result.code === 0 && verdict.verdict === 'pass' && errors.length === 0;
    if (ok) passed += 1;
    walls.push(result.ms);
    const ran = verdict.checks.filter((c) => c.status === 'passed').length;
    const notApplicable = verdict.checks.filter((c) => c.status === 'not-applicable').length;
    console.log(`run ${run}: ${ok ? 'pass' : `FAIL (exit ${result.code}, ${verdict.verdict})`} · ${ran} checks passed, ${notApplicable} not applicable · ${(result.ms / 1000).toFixed(1)} s${ok ? '' : `\n${describeFailures(verdict)}\nerrors: ${errors.join(', ')}`}`);
  }
} finally {
  await sandbox.stop();
}
if (lastNotApplicable) console.log(`not applicable in the last run: ${lastNotApplicable}`);
console.log(`\nhealthy gate (${mode}, ${foreign ? 'the whole gate' : 'api + integrity + database'}): ${passed}/${runs} passed; wall median ${(percentile(walls, 50) / 1000).toFixed(1)} s, max ${(Math.max(...walls) / 1000).toFixed(1)} s`);
process.exit(passed === runs ? 0 : 1);

async function contractGate() {
  const reportsDir = tempReportsDir(`healthy-${mode}`);
  const result = await runCli(['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', '--reports-dir', reportsDir, '--project', 'api', '--project', 'integrity'], env, 300_000);
  return { result, verdict: readVerdict(reportsDir) };
}

async function foreignGate() {
  const { run: result, verdict } = await gate(sandbox);
  lastNotApplicable = verdict.checks.filter((c) => c.status === 'not-applicable').map((c) => `${c.id} (${c.reason})`).join('; ');
  return { result, verdict };
}
