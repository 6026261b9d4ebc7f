// `holdfast demo`: the README's first command. Starts the sandbox (optionally as a broken release), gates it, shows the verdict, stops it.
import { parseFlags } from './args.ts';
import { runSuite } from './suite.ts';
import { UsageError } from './usage-error.ts';

// API holds live 1 s so the expiry checks wait little (the sweep runs every 100 ms); holds placed from the web app live
// 120 s, long enough for a browser's hold → pay → confirm on a busy machine.
const DEMO_HOLD_TTL_SECONDS = 1;
const DEMO_SWEEP_INTERVAL_MS = 100;

const usage = [
  'usage: holdfast demo [--fault NAME]... [--reports-dir DIR] [--load on|off|auto]',
  '',
  '  Starts the TripAvail sandbox on free ports with embedded Postgres and short hold TTLs, runs the gate',
  '  against it (destructive checks allowed: it is a sandbox), prints the verdict and stops the sandbox.',
  '  --fault NAME   start the sandbox as a broken release (see `holdfast sandbox --list-faults`)',
].join('\n');

export async function runDemoCommand(argv: string[]): Promise<number> {
  const values = parseFlags(argv, {
    fault: { type: 'string', multiple: true },
    'reports-dir': { type: 'string' },
    load: { type: 'string' },
    project: { type: 'string', multiple: true },
  }, usage);
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const { startSandbox } = await import('../../sandbox/index.ts');
  const { parseFaults, UnknownFaultError } = await import('../../sandbox/faults.ts');
  const faults = values.fault ?? [];
  try {
    parseFaults(faults);
  } catch (error) {
    if (error instanceof UnknownFaultError) throw new UsageError(error.message);
    throw error;
  }
  console.log(`Starting the sandbox${faults.length ? ` with fault ${faults.join(', ')}` : ''} …`);
  const { BinariesUnreachableError } = await import('../../sandbox/db/reachable-binaries.ts');
  const sandbox = await startSandbox({ port: 0, webPort: 0, holdTtlSeconds: DEMO_HOLD_TTL_SECONDS, webHoldTtlSeconds: 120, sweepIntervalMs: DEMO_SWEEP_INTERVAL_MS, faults }).catch((error: unknown) => {
    throw error instanceof BinariesUnreachableError ? new UsageError(error.message) : error;
  });
  const stop = () => void sandbox.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    console.log(`Sandbox API ${sandbox.apiUrl} · web ${sandbox.webUrl}`);
    const { code } = await runSuite('gate', [
      '--target', sandbox.apiUrl,
      '--web-url', sandbox.webUrl,
      '--environment', 'sandbox',
      '--load', values.load ?? 'auto',
      '--reports-dir', values['reports-dir'] ?? 'reports',
      ...(values.project ?? []).flatMap((p) => ['--project', p]),
    ], { HOLDFAST_DATABASE_URL: sandbox.databaseUrl, HOLDFAST_HOLD_TTL_SECONDS: String(DEMO_HOLD_TTL_SECONDS), HOLDFAST_SWEEP_INTERVAL_MS: String(DEMO_SWEEP_INTERVAL_MS) }, { withoutBrowser: 'skip' });
    console.log(code === 0
      ? '\nThe healthy sandbox passed the gate. Try `npm run demo -- --fault overbooking` to see a broken release caught.'
      : code === 3 ? '\nInconclusive: nothing failed, but the suite could not decide some checks (see each "fix" above).'
      : '\nThe gate failed: this release would not receive traffic. Reports: reports/verdict.json, reports/junit.xml; `npm run report` builds the Allure HTML report.');
    return code;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await sandbox.stop();
  }
}
