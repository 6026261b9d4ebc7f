// `holdfast sandbox`: start the reference target from a shell, print where it is, stop cleanly on SIGINT/SIGTERM.
import { parseFlags } from '../src/cli/args.ts';
import { redactUrl } from '../src/client/redact.ts';
import { UsageError } from '../src/cli/usage-error.ts';
import { BinariesUnreachableError } from './db/reachable-binaries.ts';
import { listFaults, UnknownFaultError } from './faults.ts';
import { PortInUseError } from './http/ports.ts';
import { startSandbox } from './index.ts';

const usage = `usage: holdfast sandbox [--port 4100] [--web-port 4000] [--host 127.0.0.1] [--hold-ttl S] [--web-hold-ttl S] [--sweep-interval MS]
                        [--fault NAME]... [--database-url URL] [--reset] [--list-faults]
                        [--dialect travellr|soleil|servicelink|erp]

  --web-hold-ttl S     TTL of holds placed from the web app (default: --hold-ttl), so a short TTL for expiry checks
                       leaves a browser's booking the time it needs
  --fault NAME         start as a broken release (repeatable; also SANDBOX_FAULTS=a,b)
  --database-url URL   use an existing Postgres (also DATABASE_URL); default: embedded Postgres
  --reset              recreate schema and seed on that database
  --conformance minimal  answer only what the contract names (money as numbers, other snapshot keys, keys reordered):
                       how an independent implementation may answer; the healthy gate must pass against it
  --dialect NAME       serve another system's routes, shapes and status codes over the same core (no web app)`;

function int(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: expected a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export async function runSandboxCommand(argv: string[]): Promise<number> {
  const values = parseFlags(argv, {
    port: { type: 'string' },
    'web-port': { type: 'string' },
    host: { type: 'string' },
    'hold-ttl': { type: 'string' },
    'web-hold-ttl': { type: 'string' },
    'sweep-interval': { type: 'string' },
    fault: { type: 'string', multiple: true },
    'database-url': { type: 'string' },
    reset: { type: 'boolean' },
    'list-faults': { type: 'boolean' },
    conformance: { type: 'string' },
    dialect: { type: 'string' },
  }, usage);
  if (values.help) return (console.log(usage), 0);
  if (values['list-faults']) return (console.log(listFaults()), 0);

  const faults = [...(values.fault ?? []), ...(process.env.SANDBOX_FAULTS ? [process.env.SANDBOX_FAULTS] : [])];
  const started = Date.now();
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: int(values.port, '--port', 0),
      webPort: int(values['web-port'], '--web-port', 0),
      host: values.host,
      holdTtlSeconds: int(values['hold-ttl'], '--hold-ttl', 1),
      webHoldTtlSeconds: int(values['web-hold-ttl'], '--web-hold-ttl', 1),
      sweepIntervalMs: int(values['sweep-interval'], '--sweep-interval', 10),
      faults,
      conformance: conformanceOf(values.conformance),
      databaseUrl: values['database-url'] ?? process.env.DATABASE_URL,
      reset: values.reset,
      dialect: values.dialect,
      log: (line) => console.error(line),
    });
  } catch (error) {
    if (error instanceof UnknownFaultError || error instanceof PortInUseError || error instanceof BinariesUnreachableError) throw new UsageError(error.message);
    throw error;
  }
  console.log(`${sandbox.dialect === 'tripavail' ? 'TripAvail' : `${sandbox.dialect} dialect`} sandbox ready in ${Date.now() - started} ms`);
  console.log(`  API       ${sandbox.apiUrl}${sandbox.dialect === 'tripavail' ? '/v1' : ''}`);
  if (sandbox.webUrl) console.log(`  web       ${sandbox.webUrl}`);
  console.log(`  database  ${redactUrl(sandbox.databaseUrl)}`);
  console.log(`  faults    ${sandbox.faults.length ? sandbox.faults.join(', ') : 'none (healthy)'}`);
  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sandbox.stop();
  console.log('sandbox stopped');
  return 0;
}

function conformanceOf(value: string | undefined): 'off' | 'minimal' | undefined {
  if (value === undefined || value === 'off' || value === 'minimal') return value;
  throw new UsageError(`--conformance: expected minimal or off, got "${value}"`);
}
