// What one load run is told: the target, the profile's conversation as data (sign-in, setup, browse, book, health: each a
// list of templated requests with the values to keep from their answers), the SLOs and the rates. Shared by the k6 script
// and the Node side; plain data, no Node or k6 APIs. Secrets never travel in the plan: a token or pre-provisioned users'
// credentials reach k6 only as environment variables (HOLDFAST_TOKEN, HOLDFAST_LOAD_USERS), and templates name them
// (`{{password}}`), never hold them.
export const FLOWS = ['browse', 'book', 'health'] as const;
export type Flow = (typeof FLOWS)[number];
/** What setup is: the target is up, a synthetic user can sign in, the stock is there. None of it counts against an SLO. */
export const SETUP_STEPS = ['readiness', 'sign-in', 'stock'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];
/** Who a request speaks for: the buyer, or the other side where the system has one (a marketplace's provider). */
export type Party = 'customer' | 'counterpart';

export interface LoadSlo {
  p95Ms: number;
  p99Ms: number;
  errorRate: number;
}

export interface StepSlo {
  p95Ms: number;
  p99Ms: number;
  /** Where this step's SLO comes from, for the threshold's reason. */
  source: string;
}

/** One route of the system: method, full path (base path and prefix included, `:name` placeholders), the success status. */
export interface PlanRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  ok: number;
}

/** A refusal the profile says the target answers with (status, and the sentence that tells it apart where statuses are shared). */
export interface PlanRejection {
  status: number;
  /** The body's `code` (or `error`) that tells this refusal apart. */
  code?: string;
  /** RegExp source (case-insensitive) the body's `message` must match. */
  message?: string;
}

/**
 * One request of the conversation. Strings in `params`, `query`, `headers`, `body` and `extract` are templates: `{{name}}`
 * is replaced by a variable (a string that is exactly `{{name}}` keeps the variable's type, so a number stays a number).
 */
export interface PlanRequest {
  /** Tags the request `step:<step>`: a book step's latency threshold, a setup failure's name. */
  step: string;
  route: PlanRoute;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Whose Bearer token the request carries; none without. */
  as?: Party;
  /** Variables to keep from the JSON answer: name → k6 JSON selector (gjson syntax). Each must be there, or the step failed. */
  extract?: Record<string, string>;
  /** Fields the answer must carry: selector → the value it must equal (a template), or `true` for "present". */
  expect?: Record<string, string | true>;
  /** Answers that are a correct refusal, not an error (the profile's "sold out"): the conversation stops there. */
  refusals?: PlanRejection[];
  /** Answers that mean the run's setup is wrong, not the target (an unverified e-mail): the run ends as `error`. */
  setupRefusals?: (PlanRejection & { why: string })[];
  /** In setup: what is missing when the step fails, in words (`a published package named "X"`). */
  what?: string;
}

/**
 * How a synthetic user signs in, in the profile's style. `fresh`: sign-up (and log-in) of a new synthetic user; `provisioned`:
 * log-in of a pre-provisioned user (HOLDFAST_LOAD_USERS, environment only); `given`: HOLDFAST_TOKEN (environment only), proven
 * by `check`. Each list ends with the variable `token`. `after`: what a party does once signed in (a provider's profile).
 */
export interface SignInPlan {
  style: 'password' | 'otp' | 'token';
  fresh: PlanRequest[];
  provisioned: PlanRequest[];
  check?: PlanRequest;
  after?: Partial<Record<Party, PlanRequest[]>>;
  /** The role a fresh user of each party asks for (`{{role}}` in the sign-up body). */
  roles?: Partial<Record<Party, string>>;
  /** The parties the conversation needs (a marketplace: customer and counterpart). */
  parties: Party[];
  /**
   * `per-vu`: each book VU signs its own user in on its first iteration. `shared`: setup signs one user per party in and every
   * VU uses it (systems that limit sign-ups, or revoke older tokens at each log-in).
   */
  sessions: 'per-vu' | 'shared';
  /** How many pre-provisioned users the run has (their credentials are in HOLDFAST_LOAD_USERS only). */
  users?: number;
}

/** The booking scenario: prepare → reserve (may be refused as sold out) → confirm (where the system has it) → release. */
export interface BookPlan {
  prepare: PlanRequest[];
  /** The request that takes capacity. */
  reserve: PlanRequest;
  /** Turns the reservation into a sale (pay → confirm), where the system has such steps. */
  confirm: PlanRequest[];
  /** `always`: every reservation is confirmed; `alternate`: every other one (both paths carry samples). */
  sell: 'always' | 'alternate';
  /** Gives the capacity back. */
  release: PlanRequest[];
  /** Only a confirmed reservation can be released: one whose confirm failed is left behind (counted, never hidden). */
  releaseNeedsConfirm: boolean;
}

export interface Conversation {
  /** Proves the target is up before anything else. */
  readiness: PlanRequest;
  /** Finds (or creates) the stock the book flow uses; extracts the variables the other steps name. */
  stock: PlanRequest[];
  /** Undoes what `stock` created (an inventory item), where the system allows it. */
  teardown: PlanRequest[];
  browse: PlanRequest[];
  book: BookPlan;
  health: PlanRequest[];
}

/** A flow's rate planned below what was asked, because a rate limit of the system would otherwise decide the run. */
export interface RateBound {
  flow: Flow;
  asked: number;
  planned: number;
  reason: string;
}

export interface LoadPlan {
  runId: string;
  /** Which profile the plan speaks (e.g. `soleil`), and where its SLOs come from, for the thresholds' reasons. */
  profile: string;
  sloSource: string;
  baseUrl: string;
  auth: SignInPlan;
  conversation: Conversation;
  /** Constants the templates name (stock names, the test payment method); never a secret. */
  vars: Record<string, string | number>;
  /** The book flow's nights: `fromDays` ahead, one of `span` consecutive nights per iteration. */
  nights: { fromDays: number; span: number };
  /** What the stock is, in words, for a setup failure's fix. */
  stockName: string;
  slo: LoadSlo;
  /** Latency SLO per step: every book step, and any other step the profile names one for. */
  stepSlo: Record<string, StepSlo>;
  /** `constant` holds each flow's rate; `ramping` steps browse up to twice its rate (a step test). */
  shape: 'constant' | 'ramping';
  durationSec: number;
  /** Iterations per second per flow (below 1: the scenario runs per minute). */
  rates: Record<Flow, number>;
  bounds: RateBound[];
  emailDomain: string;
  summaryPath: string;
}

/** A setup step the script could not perform: the stage ends as `error` with it, never as an SLO breach. */
export interface SetupFailure {
  step: SetupStep;
  /** `METHOD /path` of the failing request. */
  request: string;
  status: number;
  requestId?: string;
  message: string;
  /** Who failed: `setup()` or a VU's own sign-in. */
  where: 'setup' | 'vu';
}

/** The book steps in the order a booking takes them. */
export function bookSteps(book: BookPlan): string[] {
  return [...book.prepare, book.reserve, ...book.confirm, ...book.release].map((r) => r.step);
}

/** The line the script logs for a setup failure, and the Node side reads when no summary carries it. */
export const SETUP_FAILURE_MARKER = 'holdfast-setup-failure:';
/** The counter every setup failure adds to; its presence in a summary means the run measured nothing trustworthy. */
export const SETUP_FAILURE_METRIC = 'holdfast_setup_failures';
/** The counter of bookings the book flow could not give back (reported, never an SLO breach). */
export const LEFT_BEHIND_METRIC = 'holdfast_left_behind';
/** The counter of run requests a rate limiter refused (429): the plan's rate, not the target's SLO, decided those. */
export const RATE_LIMITED_METRIC = 'holdfast_rate_limited';
/** The tag that tells a working script's requests (`run`) from setup's (`setup`). Only `run` counts against the error budget. */
export const PHASE_TAG = 'phase';

/** Encodes a setup failure on one log line without spaces or quotes, so k6's logfmt leaves it intact. */
export function encodeSetupFailure(failure: SetupFailure): string {
  return `${SETUP_FAILURE_MARKER}${encodeURIComponent(JSON.stringify(failure))}`;
}

/** Finds the first setup failure marker in k6's output. */
export function decodeSetupFailure(text: string): SetupFailure | undefined {
  const at = text.indexOf(SETUP_FAILURE_MARKER);
  if (at < 0) return undefined;
  const encoded = /^[A-Za-z0-9%._~!*'()-]+/.exec(text.slice(at + SETUP_FAILURE_MARKER.length))?.[0];
  if (!encoded) return undefined;
  try {
    const value = JSON.parse(decodeURIComponent(encoded)) as SetupFailure;
    return typeof value.step === 'string' && typeof value.status === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

export type Vars = Record<string, unknown>;

/** Fills one template string: `{{name}}` alone keeps the variable's type; inside text it is spelled out. */
export function fillString(template: string, vars: Vars): unknown {
  const whole = /^\{\{([\w.-]+)\}\}$/.exec(template);
  if (whole) return vars[whole[1]!];
  return template.replace(/\{\{([\w.-]+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Fills every string of a JSON template. */
export function fill(template: unknown, vars: Vars): unknown {
  if (typeof template === 'string') return fillString(template, vars);
  if (Array.isArray(template)) return template.map((t) => fill(t, vars));
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(template)) out[key] = fill((template as Record<string, unknown>)[key], vars);
    return out;
  }
  return template;
}

/** The variables a template names, to tell a plan that names a value nobody provides. */
export function namesIn(template: unknown): string[] {
  const text = JSON.stringify(template ?? null);
  const names: string[] = [];
  const pattern = /\{\{([\w.-]+)\}\}/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) names.push(m[1]!);
  return names;
}

/** `METHOD /path?query` with the variables filled: the URL below the base. */
export function pathOf(request: PlanRequest, vars: Vars): string {
  let path = request.route.path;
  for (const key of Object.keys(request.params ?? {})) path = path.replace(`:${key}`, encodeURIComponent(String(fillString(request.params![key]!, vars) ?? '')));
  const query = Object.keys(request.query ?? {})
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(fillString(request.query![key]!, vars) ?? ''))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

export class PlanError extends Error {
  override name = 'PlanError';
}

/** Parses the plan handed to k6 through HOLDFAST_LOAD_PLAN; a missing or broken plan is a named error. */
export function parsePlan(raw: string | undefined): LoadPlan {
  if (!raw) throw new PlanError('HOLDFAST_LOAD_PLAN is not set: run this script through `holdfast load`');
  let plan: LoadPlan;
  try {
    plan = JSON.parse(raw) as LoadPlan;
  } catch {
    throw new PlanError('HOLDFAST_LOAD_PLAN is not valid JSON');
  }
  for (const key of ['baseUrl', 'auth', 'conversation', 'slo', 'stepSlo', 'rates', 'durationSec', 'summaryPath'] as const) {
    if (plan[key] === undefined) throw new PlanError(`HOLDFAST_LOAD_PLAN.${key} is missing`);
  }
  return plan;
}
