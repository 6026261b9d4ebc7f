// The reference target for code: startSandbox() brings up Postgres, the API and the web app, and stop() takes them all down.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { redactUrl } from '../src/client/redact.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { routedPool } from './db/routed-pool.ts';
import { SCHEMA_SQL, SEED_SQL } from './db/schema.ts';
import { Faults, parseFaults, type Conformance, type FaultName } from './faults.ts';
import { HoldTtl } from './hold-ttl.ts';
import type { Control, SandboxState } from './http/control.ts';
import { freePort, PortInUseError } from './http/ports.ts';
import { createApiServer, type Handlers } from './http/server.ts';
import { AuthService } from './services/auth.ts';
import { BookingService } from './services/booking.ts';
import { CatalogService } from './services/catalog.ts';
import { HealthService } from './services/health.ts';
import { startWebServer } from './web/server.ts';
import { Core } from './dialects/core.ts';
import { dialects, isDialectName, type DialectName } from './dialects/index.ts';
import { createDialectServer } from './dialects/router.ts';
import { UnknownFaultError } from './faults.ts';

export interface SandboxOptions {
  /** API port; 0 picks a free one. Default 4100. */
  port?: number;
  /** Web port; 0 picks a free one. Default 4000. */
  webPort?: number;
  host?: string;
  holdTtlSeconds?: number;
  /** TTL of holds placed from the sandbox's own web app; default: holdTtlSeconds. */
  webHoldTtlSeconds?: number;
  sweepIntervalMs?: number;
  tokenTtlSeconds?: number;
  faults?: readonly string[];
  /** `minimal`: answer only what the contract names, money as numbers, other snapshot keys, keys reordered. */
  conformance?: Conformance;
  /** An existing Postgres; otherwise an embedded one is started. */
  databaseUrl?: string;
  /** Recreate schema and seed even on an existing database that already has them. */
  reset?: boolean;
  /** Echo OTP codes (test mode). Default true. */
  otpEcho?: boolean;
  log?: (line: string) => void;
  /** Serve another system's routes and shapes over the same core (travellr, soleil, servicelink, erp); default: the TripAvail contract. */
  dialect?: string;
}

export interface Sandbox {
  /** The dialect served, or "tripavail". */
  dialect: string;
  /** API origin, without /v1. */
  apiUrl: string;
  /** Empty for dialects: only TripAvail has a web app. */
  webUrl: string;
  /** Includes the password: for tests and tools, never for logs. */
  databaseUrl: string;
  /** The faults active now. */
  readonly faults: readonly string[];
  /** Switches faults (and conformance) on the running sandbox, as PUT /__sandbox/state does. */
  setState(state: { faults: string[]; conformance?: Conformance }): Promise<void>;
  /** Recreates schema and seed, as POST /__sandbox/reset does. */
  reset(): Promise<void>;
  /** Runs the expiry sweep now (tests use it instead of waiting for the timer). */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

// DATE columns come back as YYYY-MM-DD strings, not Dates in the process's timezone.
const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? (() => {});
  if (options.dialect !== undefined && !isDialectName(options.dialect)) {
    throw new UnknownFaultError(`unknown dialect "${options.dialect}" (known: ${Object.keys(dialects).join(', ')})`);
  }
  const dialect = options.dialect ? dialects[options.dialect as DialectName] : undefined;
  const faults = new Faults(faultsFor([...(options.faults ?? [])], Boolean(dialect)));
  faults.conformance = options.conformance ?? 'off';
  const host = options.host ?? '127.0.0.1';
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    let embedded: EmbeddedDatabase | undefined;
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres(log);
      cleanups.push(() => embedded!.stop());
      databaseUrl = embedded.url;
    }
    const live = newPool(databaseUrl);
    cleanups.push(() => live.end());
    // A dialect over its own schema (tripavail-today) creates and resets that schema instead of the contract's.
    const own = dialect?.own;
    const { rows } = await live.query(`SELECT to_regclass('${own ? own.schema.marker : '"Booking"'}') IS NOT NULL AS present`);
    // A dialect's in-memory state (rate-limit windows, jobs, items) goes with the data, as a restarted process's would.
    const forget: (() => void)[] = [];
    const reset = () => live.query(own ? own.schema.sql : `${SCHEMA_SQL}\n${SEED_SQL}`).then(() => forget.forEach((f) => f()));
    if (embedded || options.reset || !rows[0].present) await reset();

    // db-down and ready-lies cut the service off from its database; the database itself stays up for inspection.
    const dead = newPool(await unreachableUrl(databaseUrl));
    cleanups.push(() => dead.end());
    const pool = routedPool(live, dead, () => faults.databaseUnreachable);

    const auth = new AuthService(pool, faults, {
      tokenTtlSeconds: options.tokenTtlSeconds ?? dialect?.tokenTtlSeconds ?? 900,
      otpEcho: options.otpEcho ?? true,
      lockAfter: dialect?.lockAfter ?? 5,
    });
    const catalog = new CatalogService(pool, faults);
    const holdTtlSeconds = options.holdTtlSeconds ?? dialect?.holdTtlSeconds ?? 600;
    const holdTtl = new HoldTtl(holdTtlSeconds, options.webHoldTtlSeconds ?? holdTtlSeconds);
    const booking = new BookingService(pool, auth, faults, holdTtl.options());
    let webOrigin: string | undefined;
    const health = new HealthService(pool, faults);
    const handlers: Handlers = {
      health: () => health.liveness(),
      readiness: () => health.readiness(),
      register: (ctx) => auth.register(ctx),
      login: (ctx) => auth.login(ctx),
      otpStart: (ctx) => auth.otpStart(ctx),
      otpVerify: (ctx) => auth.otpVerify(ctx),
      me: (ctx) => auth.me(ctx),
      listHotelPackages: (ctx) => catalog.list('hotel', ctx),
      getHotelPackage: (ctx) => catalog.get('hotel', ctx),
      listTourPackages: (ctx) => catalog.list('tour', ctx),
      getTourPackage: (ctx) => catalog.get('tour', ctx),
      quote: (ctx) => booking.quote(ctx),
      hold: holdTtl.wrap((ctx) => booking.hold(ctx), (ctx) => webOrigin !== undefined && ctx.headers.origin === webOrigin),
      preAuthorize: (ctx) => booking.preAuthorize(ctx),
      confirm: (ctx) => booking.confirm(ctx),
      getBooking: (ctx) => booking.read(ctx),
      cancel: (ctx) => booking.cancel(ctx),
    };

    const control: Control = {
      state: (): SandboxState => ({ faults: [...faults.active], conformance: faults.conformance }),
      setState: async (state) => {
        faults.set(faultsFor(state.faults, Boolean(dialect)));
        if (state.conformance) faults.conformance = state.conformance;
      },
      reset,
    };
    const ownServed = own?.start({ pool, faults, log, control, tokenTtlSeconds: options.tokenTtlSeconds ?? dialect!.tokenTtlSeconds, otpEcho: options.otpEcho ?? true, hold: holdTtl.options() });
    const sweep = ownServed ? () => ownServed.sweep() : () => booking.sweep();
    const api = ownServed ? ownServed.server : dialect ? createDialectServer(remembered(dialect.build(new Core(handlers, pool), faults), forget), faults, log, control) : createApiServer(handlers, faults, log, control);
    await listen(api, options.port ?? dialect?.port ?? 4100, host, '--port');
    cleanups.push(() => closeServer(api));
    const apiUrl = `http://${host}:${(api.address() as AddressInfo).port}`;

    let webUrl = '';
    if (!dialect) {
      const webPort = options.webPort ?? 4000;
      const web = await startWebServer({ port: webPort, host, apiUrl, faults }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE' ? new PortInUseError(webPort, '--web-port') : error;
      });
      cleanups.push(() => web.close());
      webUrl = web.url;
      webOrigin = new URL(web.url).origin;
    }

    // hold-never-expires is read on every tick, so it can be switched on a running sandbox.
    let running = false;
    const timer = setInterval(() => {
      if (running || faults.has('hold-never-expires')) return;
      running = true;
      sweep().catch((e) => log(`expiry sweep failed: ${(e as Error).message}`)).finally(() => (running = false));
    }, options.sweepIntervalMs ?? 60_000);
    cleanups.push(async () => clearInterval(timer));

    log(`sandbox up${dialect ? ` (${options.dialect} dialect)` : ''}: api ${apiUrl}${webUrl ? ` · web ${webUrl}` : ''} · database ${redactUrl(databaseUrl)}`);
    return {
      dialect: options.dialect ?? 'tripavail',
      apiUrl,
      webUrl,
      databaseUrl,
      get faults() {
        return [...faults.active];
      },
      setState: control.setState,
      reset,
      sweep,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Fault names checked as at start: unknown names and dialect-only faults on the TripAvail contract are errors. */
function faultsFor(names: string[], isDialect: boolean): ReadonlySet<FaultName> {
  const parsed = parseFaults(names);
  if (!isDialect && parsed.has('health-drift')) throw new UnknownFaultError('fault health-drift applies to dialects only (add --dialect NAME)');
  if (!isDialect && parsed.has('password-in-user')) throw new UnknownFaultError('fault password-in-user applies to dialects only (add --dialect tripavail-today)');
  return parsed;
}

function remembered<D extends { reset?(): void }>(built: D, forget: (() => void)[]): D {
  if (built.reset) forget.push(() => built.reset!());
  return built;
}

function newPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 20, connectionTimeoutMillis: 2_000, types });
  pool.on('error', () => {});
  return pool;
}

async function unreachableUrl(url: string): Promise<string> {
  const dead = new URL(url);
  dead.port = String(await freePort());
  return dead.toString();
}

function listen(server: Server, port: number, host: string, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, flag) : error));
    server.listen(port, host, () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
