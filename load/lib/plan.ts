// What one load run is told: the target, each step's route (contract + the profile's overrides), how to sign in, the SLOs.
// Shared by the k6 script and the Node side; plain data, no Node or k6 APIs. Secrets never travel in the plan: a token or
// pre-provisioned users' credentials reach k6 only as environment variables (HOLDFAST_TOKEN, HOLDFAST_LOAD_USERS).
export const FLOWS = ['browse', 'book', 'health'] as const;
export type Flow = (typeof FLOWS)[number];
/** The steps of the `book` flow, each with latency thresholds of its own (a slow hold must not hide behind fast quotes). */
export const BOOK_STEPS = ['quote', 'hold', 'pay', 'confirm', 'cancel'] as const;
export type BookStep = (typeof BOOK_STEPS)[number];
/** What setup is: the target is up, a synthetic user can sign in, the stock is there. None of it counts against an SLO. */
export const SETUP_STEPS = ['readiness', 'sign-in', 'stock'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface LoadSlo {
  p95Ms: number;
  p99Ms: number;
  errorRate: number;
}

/** One request of the conversation: method, full path (prefix included, `:id` placeholders) and the status that means success. */
export interface PlanRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  ok: number;
}

/**
 * How a synthetic user signs in, in the profile's style. `token`: every VU uses HOLDFAST_TOKEN (environment only); `me`
 * proves it in setup. With `users`, VUs sign in as pre-provisioned users (HOLDFAST_LOAD_USERS, environment only) instead
 * of signing up, for targets that rate-limit sign-ups.
 */
export type AuthPlan =
  | { style: 'password'; register: PlanRoute; login?: PlanRoute; users?: number }
  | { style: 'otp'; start: PlanRoute; verify: PlanRoute; users?: number }
  | { style: 'token'; me?: PlanRoute };

/** A refusal the profile says the target answers with (status, and the sentence that tells it apart where statuses are shared). */
export interface PlanRejection {
  status: number;
  /** RegExp source (case-insensitive) the body's `message` must match. */
  message?: string;
}

export interface StepSlo {
  p95Ms: number;
  p99Ms: number;
}

export interface LoadPlan {
  runId: string;
  /** Which profile the plan speaks (e.g. `tripavail-legacy`), and where its SLOs come from, for the thresholds' reasons. */
  profile: string;
  sloSource: string;
  baseUrl: string;
  routes: {
    health: PlanRoute;
    readiness: PlanRoute;
    listHotelPackages: PlanRoute;
    getHotelPackage: PlanRoute;
    quote: PlanRoute;
    hold: PlanRoute;
    pay: PlanRoute;
    confirm: PlanRoute;
    cancel: PlanRoute;
  };
  auth: AuthPlan;
  /** Refusals the book flow expects and does not count as errors: a hold on sold-out stock. */
  rejections: { insufficientInventory: PlanRejection };
  /**
   * `HOLD`: a hold can be cancelled, so every other iteration is sold (pay → confirm) and every one cancelled.
   * `CONFIRMED`: only a confirmed booking can be cancelled (TripAvail today), so every iteration is sold, then cancelled.
   */
  cancelFrom: 'HOLD' | 'CONFIRMED';
  slo: LoadSlo;
  /** Latency SLO per book step (the runbook's, or the run's HOLDFAST_SLO_* for every step). */
  stepSlo: Record<BookStep, StepSlo>;
  /** `constant` holds each flow's rate; `ramping` steps browse up to twice its rate (a step test). */
  shape: 'constant' | 'ramping';
  durationSec: number;
  /** Iterations per second per flow. */
  rates: Record<Flow, number>;
  hotelName: string;
  /** The pre-authorize body: the test payment method; its idempotency key is made per booking. */
  payment: { method: string };
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

/** The line the script logs for a setup failure, and the Node side reads when no summary carries it. */
export const SETUP_FAILURE_MARKER = 'holdfast-setup-failure:';
/** The counter every setup failure adds to; its presence in a summary means the run measured nothing trustworthy. */
export const SETUP_FAILURE_METRIC = 'holdfast_setup_failures';
/** The counter of bookings the book flow could not give back (reported, never an SLO breach). */
export const LEFT_BEHIND_METRIC = 'holdfast_left_behind';
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
  for (const key of ['baseUrl', 'routes', 'auth', 'slo', 'stepSlo', 'rates', 'durationSec', 'summaryPath'] as const) {
    if (plan[key] === undefined) throw new PlanError(`HOLDFAST_LOAD_PLAN.${key} is missing`);
  }
  return plan;
}
