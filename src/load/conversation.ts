// How a system describes its load conversation (src/systems/<name>/load.ts): the same requests the k6 plan carries, but
// naming routes by their table entry (src/systems/<name>/routes.ts, or a TripAvail contract route by name, resolved with
// the profile's overrides), so no path or success status is spelled twice. src/load/plan.ts turns it into the plan.
import type { AuthStyle } from '../config/schema.ts';
import type { Route, RouteName } from '../contract/routes.ts';
import type { Profile } from '../profiles/types.ts';
import type { Party, PlanRejection, PlanRequest } from '../../load/lib/plan.ts';

export type RouteRef = Route | RouteName;

export interface LoadRequest extends Omit<PlanRequest, 'route' | 'refusals'> {
  route: RouteRef;
  /** The answer is the profile's "sold out" (`rejections.insufficientInventory`): a correct refusal, not an error. */
  soldOut?: boolean;
  /** Further answers that are a correct refusal. */
  refusals?: PlanRejection[];
}

/** A rate limit the book flow meets: the plan keeps the book rate below it, and records why. */
export interface BookLimit {
  perMinute: number;
  /** Counted per client address (every k6 VU shares one), or per signed-in user. */
  per: 'client' | 'user';
  /** Limited requests one booking makes (ServiceLink's accept and revoke are both quote operations). */
  requestsPerIteration: number;
  why: string;
}

export interface LoadConversation {
  signIn: {
    fresh: LoadRequest[];
    provisioned: LoadRequest[];
    /** A read that proves a given token (HOLDFAST_AUTH=token). */
    check?: LoadRequest;
    after?: Partial<Record<Party, LoadRequest[]>>;
    roles?: Partial<Record<Party, string>>;
    parties: Party[];
    sessions: 'per-vu' | 'shared';
  };
  readiness: LoadRequest;
  stock: LoadRequest[];
  teardown?: LoadRequest[];
  browse: LoadRequest[];
  book: {
    prepare?: LoadRequest[];
    reserve: LoadRequest;
    confirm?: LoadRequest[];
    sell?: 'always' | 'alternate';
    release: LoadRequest[];
    releaseNeedsConfirm?: boolean;
  };
  health: LoadRequest[];
  /** What the stock is, in words, for a setup failure's fix. */
  stockName: string;
  nights?: { fromDays: number; span: number };
  bookLimits?: BookLimit[];
  /**
   * Read-only requests the blue/green baseline times on both stacks, interleaved (src/baseline/). They may name only
   * `{{stock}}`, `{{night}}`, `{{nextNight}}`, `{{page}}` and `{{runId}}`; `as: 'customer'` signs a user in on each stack.
   */
  baseline: LoadRequest[];
}

/** What a description may depend on: the profile (its stock, its routes' overrides) and the run's sign-in style. */
export interface DescribeContext {
  profile: Profile;
  auth: AuthStyle;
}

export type DescribeLoad = (ctx: DescribeContext) => LoadConversation;

/** The body every password sign-up and log-in sends; values are filled in k6 from its own variables, never the plan. */
export const credentials = { email: '{{email}}', password: '{{password}}' } as const;
