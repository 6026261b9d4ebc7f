// What happened on the wire during one test: every exchange with its step name, status, request id and timings.
export interface Timings {
  /** Time to first byte (response headers), ms. */
  ttfbMs: number;
  /** Until the body was read, ms. */
  totalMs: number;
}

export interface Exchange {
  step: string;
  method: string;
  url: string;
  status?: number;
  requestId: string;
  timings?: Timings;
  error?: string;
  /** Redacted request and response, kept for reports. */
  request: { headers: Record<string, string>; body?: unknown };
  response?: { headers: Record<string, string>; body?: unknown };
}

/** A contracted answer whose body breaks the contract in some field: route, status, field paths, request id. */
export interface Drift {
  route: string;
  status: number;
  issues: string;
  requestId: string;
}

export class Recorder {
  readonly exchanges: Exchange[] = [];
  /** Answers judged against the contract, and those that broke it (see the api.contract.drift check). */
  readonly contract = { checked: 0, drift: [] as Drift[] };
  private readonly limit: number;

  constructor(limit = 500) {
    this.limit = limit;
  }

  add(exchange: Exchange): void {
    if (this.exchanges.length >= this.limit) this.exchanges.shift();
    this.exchanges.push(exchange);
  }

  /** Per-step durations, for latency percentiles across a run. */
  timings(): { step: string; ms: number }[] {
    return this.exchanges.flatMap((e) => (e.timings ? [{ step: e.step, ms: e.timings.totalMs }] : []));
  }

  contractChecked(route: string, status: number, requestId: string, issues: string | undefined): void {
    this.contract.checked += 1;
    if (issues && this.contract.drift.length < 50) this.contract.drift.push({ route, status, issues, requestId });
  }

  last(): Exchange | undefined {
    return this.exchanges.at(-1);
  }
}
