// What one load run is told: the target, the paths (from the contract, via the profile), the SLOs and the scenario knobs.
// Shared by the k6 script and the Node side; plain data, no Node or k6 APIs.
export const FLOWS = ['browse', 'book', 'health'] as const;
export type Flow = (typeof FLOWS)[number];
/** The steps of the `book` flow, each with latency thresholds of its own (a slow hold must not hide behind fast quotes). */
export const BOOK_STEPS = ['quote', 'hold', 'pay', 'confirm', 'cancel'] as const;
export type BookStep = (typeof BOOK_STEPS)[number];

export interface LoadSlo {
  p95Ms: number;
  p99Ms: number;
  errorRate: number;
}

export interface LoadPlan {
  runId: string;
  baseUrl: string;
  /** Full paths with `:id` placeholders, built from the contract's routes and the profile's prefix. */
  paths: {
    health: string;
    readiness: string;
    register: string;
    listHotelPackages: string;
    getHotelPackage: string;
    quote: string;
    hold: string;
    preAuthorize: string;
    confirm: string;
    cancel: string;
  };
  slo: LoadSlo;
  /** `constant` holds each flow's rate; `ramping` steps browse up to twice its rate (a step test). */
  shape: 'constant' | 'ramping';
  durationSec: number;
  /** Iterations per second per flow. */
  rates: Record<Flow, number>;
  hotelName: string;
  /** The test payment method the `book` flow pre-authorizes with. */
  paymentMethod: string;
  emailDomain: string;
  /** A provisioned token for targets that do not allow registration; otherwise each VU registers a synthetic user. */
  token?: string;
  summaryPath: string;
}

export class PlanError extends Error {
  override name = 'PlanError';
}

/** Parses the plan handed to k6 through --env HOLDFAST_LOAD_PLAN; a missing or broken plan is a named error. */
export function parsePlan(raw: string | undefined): LoadPlan {
  if (!raw) throw new PlanError('HOLDFAST_LOAD_PLAN is not set: run this script through `holdfast load`');
  let plan: LoadPlan;
  try {
    plan = JSON.parse(raw) as LoadPlan;
  } catch {
    throw new PlanError('HOLDFAST_LOAD_PLAN is not valid JSON');
  }
  for (const key of ['baseUrl', 'paths', 'slo', 'rates', 'durationSec', 'summaryPath'] as const) {
    if (plan[key] === undefined) throw new PlanError(`HOLDFAST_LOAD_PLAN.${key} is missing`);
  }
  return plan;
}
