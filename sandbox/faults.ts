// Which broken releases the sandbox can impersonate: every fault's name and what it does, in one place.
export const faultCatalog = {
  'api-down': 'every route answers 503',
  'ready-lies': 'readiness answers 200 not_ready while the database is unreachable',
  'db-down': 'database unreachable; liveness still 200',
  'login-500': 'login (both styles) answers 500',
  'token-no-expiry': 'tokens carry no exp and are accepted forever',
  'catalog-empty': 'package lists answer items: []',
  'catalog-drafts': 'drafts are listed with status=PUBLISHED',
  'schema-drift': 'pricePerPerson renamed to price in list items',
  'quote-tax-wrong': 'tax computed at 1 % instead of 10 %',
  overbooking: 'hold reads availability, waits, then writes, with no lock',
  'hold-never-expires': 'the expiry sweep never runs',
  'expiry-keeps-units': 'expiry sets EXPIRED_HOLD but does not return units',
  'idempotency-ignored': 'a replayed Idempotency-Key makes a second hold',
  'confirm-expired': 'paying for and confirming an expired hold succeed',
  'idor-confirm': "any user can read and confirm another user's booking",
  'hold-foreign-quote': "a user can hold another user's quote",
  'cancel-foreign-booking': "a user can cancel another user's booking",
  'confirm-twice': 'a second confirm answers 200 and writes the ledger again',
  'ledger-unbalanced': 'confirm sends 90 % of escrow to the provider and 15 % to revenue',
  'slow-hold': 'one hold in ten waits 400 ms',
  'slow-catalog': 'one request in ten to the package list waits 400 ms',
  'slow-reserve': 'dialects only: every other reservation (Travellr booking, Soleil booking, ServiceLink accept, ERP order) waits 600 ms',
  'flaky-5xx': 'one request in fifty answers 500',
  'no-request-id': 'error bodies and headers carry no request id',
  'web-book-broken': 'the web\'s "Get Quote" button does nothing',
  'no-login-lockout': 'failed logins never lock the e-mail or throttle',
  'forged-token-accepted': 'an unsigned (alg:none) token naming an existing user id is accepted',
  'otp-unthrottled': 'OTP start and verify are never throttled',
  'health-drift': 'dialects only: the health endpoint breaks its runbook\'s promise (a path answers 404, or promised fields are missing)',
  'signup-grants-admin': 'dialects only (travellr, servicelink, erp): sign-up grants the role it asks for, admin included',
  'password-in-user': 'dialects only (tripavail-today): the user object carries its password column, as TripAvail\'s code answers',
} as const;

export type FaultName = keyof typeof faultCatalog;

export class UnknownFaultError extends Error {
  override name = 'UnknownFaultError';
}

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(faultCatalog, name);
}

/** Parses fault names (from flags or SANDBOX_FAULTS=a,b); an unknown name is an error listing the valid ones. */
export function parseFaults(names: readonly string[]): ReadonlySet<FaultName> {
  const out = new Set<FaultName>();
  for (const raw of names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean)) {
    if (!isFaultName(raw)) throw new UnknownFaultError(`unknown fault "${raw}" (known: ${Object.keys(faultCatalog).join(', ')})`);
    out.add(raw);
  }
  return out;
}

export function listFaults(): string {
  const width = Math.max(...Object.keys(faultCatalog).map((n) => n.length));
  return Object.entries(faultCatalog).map(([name, what]) => `${name.padEnd(width)}  ${what}`).join('\n');
}

export type Conformance = 'off' | 'minimal';

/** The active faults, switchable at run time, with the counters the periodic ones need (deterministic, so tests can rely on them). */
export class Faults {
  private current: ReadonlySet<FaultName>;
  private catalogRequests = 0;
  private holdRequests = 0;
  private reserveRequests = 0;
  private allRequests = 0;
  conformance: Conformance = 'off';

  constructor(active: Iterable<FaultName> = []) {
    this.current = new Set(active);
  }

  get active(): ReadonlySet<FaultName> {
    return this.current;
  }

  /** Switches to exactly these faults; the periodic counters start over. */
  set(names: Iterable<FaultName>): void {
    this.current = new Set(names);
    this.catalogRequests = 0;
    this.holdRequests = 0;
    this.reserveRequests = 0;
    this.allRequests = 0;
  }

  has(name: FaultName): boolean {
    return this.current.has(name);
  }

  /** flaky-5xx: true for every 50th request. */
  nextRequestFails(): boolean {
    if (!this.has('flaky-5xx')) return false;
    this.allRequests += 1;
    return this.allRequests % 50 === 0;
  }

  /** slow-catalog: 400 ms for every 10th package-list request. */
  nextCatalogDelayMs(): number {
    if (!this.has('slow-catalog')) return 0;
    this.catalogRequests += 1;
    return this.catalogRequests % 10 === 0 ? 400 : 0;
  }

  /** slow-hold: 400 ms for every 10th hold request. */
  nextHoldDelayMs(): number {
    if (!this.has('slow-hold')) return 0;
    this.holdRequests += 1;
    return this.holdRequests % 10 === 0 ? 400 : 0;
  }

  /**
   * slow-reserve: 600 ms for every other reservation of a dialect, the first one included. Rate-limited systems book a few
   * times a minute under load, too few for a one-in-ten fault to reach their p95.
   */
  nextReserveDelayMs(): number {
    if (!this.has('slow-reserve')) return 0;
    this.reserveRequests += 1;
    return this.reserveRequests % 2 === 1 ? 600 : 0;
  }

  /** ready-lies and db-down both cut the database off. */
  get databaseUnreachable(): boolean {
    return this.has('db-down') || this.has('ready-lies');
  }
}
