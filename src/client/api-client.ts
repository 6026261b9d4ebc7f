// How the suite talks to a target: routes from the profile, request id and synthetic tag on every call, timings, contract validation.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { fillPath, routes, type Route, type RouteName, type ResponseOf } from '../contract/routes.ts';
import type { Profile } from '../profiles/types.ts';
import { setTimeout as wait } from 'node:timers/promises';
import { SuiteError } from '../verdict/suite-error.ts';
import { ContractError, TransportError, UnexpectedStatusError } from './errors.ts';
import { poolFor } from './pools.ts';
import { Recorder, type Exchange } from './recorder.ts';
import { redactHeaders, redactUrl, redactValue } from './redact.ts';

export interface ClientOptions {
  baseUrl: string;
  profile: Profile;
  runId: string;
  timeoutMs: number;
  recorder?: Recorder;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** Name under which timings are recorded; defaults to the route name. */
  step?: string;
  /** `strict` throws on a contract violation; `record` keeps it on the response for the caller to judge. */
  validate?: 'strict' | 'record';
  /**
   * A setup step (signing up, signing in), not what the check tests: a 429 is the target's rate limit working as
   * designed, so the call waits as Retry-After says (bounded) and, if still refused, throws a SuiteError.
   */
  setup?: boolean;
}

/** How long setup steps may wait in total for a rate limit to pass, and how often they ask again. */
const SETUP_BACKOFF = { budgetMs: 20_000, attempts: 3 };

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string>;
  /** The id the target answered with, or the one sent when it answered none. */
  requestId: string;
  sentRequestId: string;
  exchange: Exchange;
  /** Set when the body does not match the contract for this status, or the status is undeclared. */
  contractViolation?: string;
  /** Set when a field the suite's steps read is missing or malformed (a subset of the contract: see Route.needs). */
  needsViolation?: string;
}

type SuccessStatus<N extends RouteName> = Extract<keyof (typeof routes)[N]['responses'], 200 | 201> & number;

export class RouteNotAvailable extends Error {
  override name = 'RouteNotAvailable';
}

export class ApiClient {
  readonly recorder: Recorder;
  readonly profile: Profile;
  private readonly origin: string;
  private readonly basePath: string;

  constructor(private readonly options: ClientOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.profile = options.profile;
    this.recorder = options.recorder ?? new Recorder();
  }

  /** Whether the target has this route at all (a profile can mark one absent). */
  has(name: RouteName): boolean {
    return this.profile.speaksContract && this.profile.routeOverrides[name] !== null;
  }

  route(name: RouteName): Route {
    const override = this.profile.routeOverrides[name];
    if (override === null || !this.profile.speaksContract) throw new RouteNotAvailable(`profile ${this.profile.name} has no route "${name}"`);
    return { ...routes[name], ...override };
  }

  /** Calls a route and validates what it declares; never throws for a status, only for transport failures. */
  async call(name: RouteName, opts: CallOptions = {}): Promise<ApiResponse> {
    const route = this.route(name);
    const res = await this.send(route.method, `${this.profile.apiPrefix}${fillPath(route.path, opts.params)}`, { ...opts, step: opts.step ?? name }, route);
    if (res.needsViolation && (opts.validate ?? 'strict') === 'strict' && route.responses[res.status]) {
      throw new ContractError(`${res.exchange.step}: ${res.status} body lacks what the contract requires: ${res.needsViolation}`, res.exchange);
    }
    return res;
  }

  /**
   * Calls a path outside the contract's route table (another system's dialect), with the same request id, synthetic tag,
   * timing, redaction and recording; `schema` validates a 2xx body, and a mismatch is kept on `contractViolation`.
   */
  async request(method: string, path: string, opts: CallOptions & { schema?: z.ZodType } = {}): Promise<ApiResponse> {
    const res = await this.send(method, path, { ...opts, step: opts.step ?? `${method} ${path}` });
    if (opts.schema && res.status < 300) {
      const parsed = opts.schema.safeParse(res.body);
      if (!parsed.success) res.contractViolation = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      else res.body = parsed.data;
    }
    return res;
  }

  /**
   * Calls a route of another system's table (src/systems/<name>/routes.ts): `params` fill its path, and the answer is
   * validated against the schema of the status it got (an undeclared status or a mismatch is kept on `contractViolation`
   * and counted for api.contract.drift). Never throws for a status.
   */
  async callRoute(route: Route, opts: CallOptions = {}): Promise<ApiResponse> {
    return this.send(route.method, fillPath(route.path, opts.params), { ...opts, step: opts.step ?? `${route.method} ${route.path}` }, route);
  }

  private async send(method: string, pathAndParams: string, opts: CallOptions & { step: string }, route?: Route): Promise<ApiResponse> {
    let res = await this.sendOnce(method, pathAndParams, opts, route);
    if (!opts.setup) return res;
    const deadline = Date.now() + SETUP_BACKOFF.budgetMs;
    for (let attempt = 1; res.status === 429; attempt += 1) {
      const retryAfterMs = retryAfter(res.headers['retry-after']);
      if (attempt >= SETUP_BACKOFF.attempts || retryAfterMs === undefined || Date.now() + retryAfterMs > deadline) {
        throw new SuiteError(
          `${opts.step}: the target's rate limit refused a setup step (429${res.headers['retry-after'] ? `, Retry-After ${res.headers['retry-after']}` : ''}, request id ${res.requestId})`,
          'give the run pre-provisioned users (HOLDFAST_USERS_FILE), run fewer checks at once, or raise the limit on staging',
        );
      }
      await wait(retryAfterMs);
      res = await this.sendOnce(method, pathAndParams, opts, route);
    }
    return res;
  }

  private async sendOnce(method: string, pathAndParams: string, opts: CallOptions & { step: string }, route?: Route): Promise<ApiResponse> {
    const path = `${this.basePath}${pathAndParams}${queryString(opts.query)}`;
    const sentRequestId = randomUUID();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-request-id': sentRequestId,
      'x-synthetic': this.options.runId,
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...lowerKeys(opts.headers),
    };
    const exchange: Exchange = {
      step: opts.step,
      method,
      url: redactUrl(`${this.origin}${path}`),
      requestId: sentRequestId,
      request: { headers: redactHeaders(headers), body: redactValue(opts.body) },
    };
    const started = performance.now();
    let status: number;
    let responseHeaders: Record<string, string>;
    let text: string;
    let ttfbMs: number;
    try {
      const res = await poolFor(this.origin).request({
        method: method as 'GET',
        path,
        headers,
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      ttfbMs = performance.now() - started;
      status = res.statusCode;
      responseHeaders = flattenHeaders(res.headers);
      text = await res.body.text();
    } catch (error) {
      exchange.error = describeTransportError(error, this.options.timeoutMs);
      exchange.timings = { ttfbMs: performance.now() - started, totalMs: performance.now() - started };
      this.recorder.add(exchange);
      throw new TransportError(`${exchange.step}: ${exchange.error}`, exchange);
    }
    const totalMs = performance.now() - started;
    const requestId = responseHeaders['x-request-id'] || sentRequestId;
    exchange.requestId = requestId;
    exchange.status = status;
    exchange.timings = { ttfbMs, totalMs };

    const { body, violation, needsViolation, declared } = route
      ? validate(route, status, text, responseHeaders['content-type'])
      : { body: parseJson(text, responseHeaders['content-type']), violation: undefined, needsViolation: undefined, declared: false };
    exchange.response = { headers: redactHeaders(responseHeaders), body: redactValue(body) };
    this.recorder.add(exchange);
    if (route && declared) this.recorder.contractChecked(`${route.method} ${route.path}`, status, requestId, violation);
    return { status, body, headers: responseHeaders, requestId, sentRequestId, exchange, contractViolation: violation, needsViolation };
  }

  /** The full URL of a path on this target, for requests sent outside the client (the race barrier). */
  url(path: string): string {
    return `${this.origin}${this.basePath}${path}`;
  }

  /** The route's success status, from the route table (specs never spell a status). */
  successStatus(name: RouteName): number {
    const status = Object.keys(this.route(name).responses).map(Number).find((s) => s >= 200 && s < 300);
    if (status === undefined) throw new Error(`route ${name} declares no success status`);
    return status;
  }

  /** Calls a route and insists on its declared success status; returns the body typed by the contract. */
  succeed<N extends RouteName>(name: N, opts: CallOptions = {}): Promise<ResponseOf<N, SuccessStatus<N>>> {
    return this.expect(name, this.successStatus(name) as SuccessStatus<N>, opts) as Promise<ResponseOf<N, SuccessStatus<N>>>;
  }

  /** Calls a route and insists on one status; returns the body typed by the contract's schema for that status. */
  async expect<N extends RouteName, S extends keyof (typeof routes)[N]['responses'] & number>(
    name: N,
    status: S,
    opts: CallOptions = {},
  ): Promise<ResponseOf<N, S>> {
    const res = await this.call(name, opts);
    if (res.status !== status) {
      throw new UnexpectedStatusError(`${res.exchange.step}: expected ${status}, got ${res.status}${problemSummary(res.body)}`, res.exchange);
    }
    if (res.needsViolation) throw new ContractError(`${res.exchange.step}: ${res.needsViolation}`, res.exchange);
    return res.body as ResponseOf<N, S>;
  }
}

/** Retry-After as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfter(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function parseJson(text: string, contentType = ''): unknown {
  if (!text.length || !contentType.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

interface Validation {
  /** The body as received (parsed JSON): validation never strips or coerces what the target sent. */
  body: unknown;
  violation?: string;
  needsViolation?: string;
  /** The status is one the route declares (its body was judged against the contract). */
  declared: boolean;
}

function validate(route: Route, status: number, text: string, contentType = ''): Validation {
  let body: unknown = text;
  if (text.length > 0 && contentType.includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      return { body: text.slice(0, 500), violation: 'body is not valid JSON', needsViolation: 'body is not valid JSON', declared: true };
    }
  }
  const schema: z.ZodType | undefined = route.responses[status];
  if (!schema) {
    const undeclared = `status ${status} is not declared for ${route.method} ${route.path}`;
    return { body, violation: undeclared, needsViolation: undeclared, declared: false };
  }
  const violation = issuesOf(schema, body);
  const needs: z.ZodType | undefined = route.needs?.[status];
  return { body, violation, needsViolation: violation && needs ? issuesOf(needs, body) : violation, declared: true };
}

function issuesOf(schema: z.ZodType, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  return parsed.success ? undefined : parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

export function problemSummary(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const { message, code } = body as { message?: unknown; code?: unknown };
    return ` (${[code, message].filter(Boolean).join(': ')})`;
  }
  return '';
}

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const entries = Object.entries(query).filter((e): e is [string, string | number | boolean] => e[1] !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

function lowerKeys(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter((e): e is [string, string | string[]] => e[1] !== undefined)
      .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
  );
}

function describeTransportError(error: unknown, timeoutMs: number): string {
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (err.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `no answer within ${timeoutMs} ms`;
  }
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found (DNS)';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `TLS failure (${code})`;
  return `${code ?? err.name ?? 'error'}: ${err.message ?? String(error)}`;
}
