// How the validated config becomes the plan k6 runs: the system's load conversation (src/systems/<name>/load.ts) with its
// routes resolved (the system's table, or the contract's with the profile's overrides), the profile's sign-in style and
// refusals, SLOs per step, and rates planned below the system's limits. Secrets stay out (see loadSecrets).
import { routes as contractRoutes, type Route, type RouteName } from '../contract/routes.ts';
import type { Config } from '../config/load.ts';
import type { Rejection } from '../profiles/index.ts';
import { readUsersFile } from '../systems/users.ts';
import { SuiteError } from '../verdict/suite-error.ts';
import { bookSteps, type Conversation, type LoadPlan, type PlanRejection, type PlanRequest, type PlanRoute, type RateBound, type SignInPlan, type StepSlo } from '../../load/lib/plan.ts';
import { describeLoad } from './conversations.ts';
import type { BookLimit, LoadConversation, LoadRequest, RouteRef } from './conversation.ts';

export interface PlanOptions {
  durationSec?: number;
  /** Browse iterations per second; book and health scale from it. */
  rate?: number;
  shape?: LoadPlan['shape'];
  summaryPath: string;
}

export const DEFAULT_DURATION_SEC = 120;
export const DEFAULT_BROWSE_RATE = 10;

type RouteConfig = Pick<Config, 'baseUrl' | 'profile'>;

function prefixOf(config: RouteConfig): string {
  return `${new URL(config.baseUrl).pathname.replace(/\/+$/, '')}${config.profile.apiPrefix}`;
}

function okOf(route: Route): number {
  return Object.keys(route.responses).map(Number).filter((s) => s >= 200 && s < 300).sort((a, b) => a - b)[0] ?? 200;
}

/** A contract route as the profile's system serves it: the contract's, or the profile's override; undefined where it has none. */
export function profileRoute(config: RouteConfig, name: RouteName): PlanRoute | undefined {
  const override = config.profile.routeOverrides[name];
  if (override === null) return undefined;
  const contract = contractRoutes[name];
  return { method: override?.method ?? contract.method, path: `${prefixOf(config)}${override?.path ?? contract.path}`, ok: okOf(contract) };
}

/** Resolves a description's route: a system's table entry as it is, a contract name through the profile's overrides. */
function resolveRoute(config: Pick<Config, 'baseUrl' | 'profile' | 'auth'>, ref: RouteRef, why: string): PlanRoute {
  if (typeof ref !== 'string') return { method: ref.method, path: `${prefixOf(config)}${ref.path}`, ok: okOf(ref) };
  const route = profileRoute(config, ref);
  if (!route) {
    const profile = config.profile;
    throw new SuiteError(
      `profile ${profile.name} has no ${ref} route, which the k6 ${why} needs`,
      why.includes('sign-in') ? `sign in another way: HOLDFAST_AUTH=${profile.auth.style === config.auth ? 'token with HOLDFAST_TOKEN' : profile.auth.style} (the profile's style is ${profile.auth.style})` : `add the ${ref} route to profile ${profile.name}'s routeOverrides`,
    );
  }
  return route;
}

function planRejection(rule: Rejection): PlanRejection {
  return { status: rule.status, ...(rule.code ? { code: rule.code } : {}), ...(rule.message ? { message: rule.message.source } : {}) };
}

function toPlan(config: Config, request: LoadRequest, why: string): PlanRequest {
  const { route, soldOut, refusals, ...rest } = request;
  const all = [...(soldOut ? [planRejection(config.profile.rejections.insufficientInventory)] : []), ...(refusals ?? [])];
  return { ...rest, route: resolveRoute(config, route, why), ...(all.length ? { refusals: all } : {}) };
}

export interface ProvisionedUser {
  email: string;
  password: string;
}
export type ProvisionedLoadUsers = { customer: ProvisionedUser[]; counterpart?: ProvisionedUser[] };

/** Pre-provisioned users (HOLDFAST_USERS_FILE, read as the functional checks read it); undefined without the file. */
export function provisionedUsers(config: Config): ProvisionedLoadUsers | undefined {
  if (!config.usersFile) return undefined;
  const users = readUsersFile(config.usersFile);
  const customer = users.customer.map((u) => ({ email: u.email, password: u.password }));
  if (!customer.length) throw new SuiteError(`HOLDFAST_USERS_FILE ${config.usersFile} lists no customer`, 'list the load run\'s users under "customer": [{"email", "password"}]');
  const counterpart = users.counterpart === users.customer ? undefined : users.counterpart.map((u) => ({ email: u.email, password: u.password }));
  return { customer, ...(counterpart?.length ? { counterpart } : {}) };
}

function authPlan(config: Config, described: LoadConversation['signIn'], users: ProvisionedLoadUsers | undefined): SignInPlan {
  const why = `${config.auth} sign-in`;
  const parties = described.parties;
  if (config.auth === 'otp' && config.profile.auth.style !== 'otp' && !config.profile.speaksContract) {
    throw new SuiteError(`profile ${config.profile.name} has no OTP sign-in`, `use HOLDFAST_AUTH=password (the profile's style) or token with HOLDFAST_TOKEN`);
  }
  if (config.auth === 'token' && parties.includes('counterpart')) {
    throw new SuiteError(
      `profile ${config.profile.name}'s book flow needs a customer and a counterpart, and HOLDFAST_AUTH=token gives one user`,
      'give the run pre-provisioned users of both kinds (HOLDFAST_USERS_FILE with "customer" and "counterpart") and HOLDFAST_AUTH=password',
    );
  }
  if (users && parties.includes('counterpart') && !users.counterpart) {
    throw new SuiteError(`HOLDFAST_USERS_FILE ${config.usersFile} lists no counterpart, which profile ${config.profile.name}'s book flow needs`, 'list a provider under "counterpart": [{"email", "password"}]');
  }
  const token = config.auth === 'token';
  const resolve = (list: LoadRequest[]) => (token ? [] : list.map((r) => toPlan(config, r, why)));
  const check = described.check ? resolveOptional(config, described.check, why) : undefined;
  const after = Object.fromEntries(Object.entries(described.after ?? {}).map(([party, list]) => [party, resolve(list ?? [])]));
  return {
    style: config.auth,
    // With provisioned users the run never signs up; without, it never logs in someone it did not sign up.
    fresh: users ? [] : resolve(described.fresh),
    provisioned: users ? resolve(described.provisioned) : [],
    ...(check ? { check } : {}),
    ...(Object.keys(after).length && !token ? { after } : {}),
    ...(described.roles ? { roles: described.roles } : {}),
    parties,
    sessions: described.sessions,
    ...(users ? { users: users.customer.length } : {}),
  };
}

/** A request whose route the profile may lack (a "me" route): undefined then, not an error. */
function resolveOptional(config: Config, request: LoadRequest, why: string): PlanRequest | undefined {
  if (typeof request.route === 'string' && !profileRoute(config, request.route)) return undefined;
  return toPlan(config, request, why);
}

/** Where the SLOs come from, for each threshold's reason. */
export function sloSource(config: Pick<Config, 'slo' | 'profile'>): string {
  const p = config.profile.slo;
  const same = p.p95Ms === config.slo.p95Ms && p.p99Ms === config.slo.p99Ms && p.errorRate === config.slo.errorRate;
  return same ? `${config.profile.name} runbook SLO` : 'HOLDFAST_SLO_*';
}

/**
 * The SLO per step: a step the profile's runbook names (Soleil: rooms, booking create) gets its own; every other book step
 * the run's. HOLDFAST_SLO_* overrides them all (one number for every step).
 */
export function stepSlos(config: Config, conversation: Conversation): Record<string, StepSlo> {
  const source = sloSource(config);
  const named = source === 'HOLDFAST_SLO_*' ? {} : config.profile.stepSlo ?? {};
  const out: Record<string, StepSlo> = {};
  for (const [step, s] of Object.entries(named)) out[step] = { p95Ms: s.p95Ms, p99Ms: s.p99Ms, source: `${config.profile.name} runbook SLO for ${step}` };
  for (const step of bookSteps(conversation.book)) out[step] ??= { p95Ms: config.slo.p95Ms, p99Ms: config.slo.p99Ms, source };
  return out;
}

/** Iterations a second the book flow may run so that none of the system's limits decides the run, and why. */
export function bookRate(asked: number, limits: BookLimit[] | undefined, users: number): { rate: number; bound?: RateBound } {
  let rate = asked;
  let reason: string | undefined;
  for (const limit of limits ?? []) {
    // One request of headroom under each limit: k6's arrivals are not spread to the millisecond.
    const perMinute = Math.floor((limit.perMinute - 1) / limit.requestsPerIteration) * (limit.per === 'user' ? users : 1);
    if (perMinute / 60 < rate) {
      rate = perMinute / 60;
      const whom = limit.per === 'user' ? ` and the run books as ${users} user${users === 1 ? '' : 's'}` : '';
      reason = `${limit.why}${whom} (${limit.requestsPerIteration} limited request${limit.requestsPerIteration === 1 ? '' : 's'} per booking): planned at ${perMinute} a minute instead of ${round(asked * 60)}`;
    }
  }
  return reason ? { rate, bound: { flow: 'book', asked, planned: rate, reason } } : { rate };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function buildPlan(config: Config, options: PlanOptions): LoadPlan {
  const users = provisionedUsers(config);
  const described = describeLoad(config.profile)({ profile: config.profile, auth: config.auth });
  const scenario = (r: LoadRequest) => toPlan(config, r, 'scenarios');
  const auth = authPlan(config, described.signIn, users);
  const conversation: Conversation = {
    readiness: scenario(described.readiness),
    stock: described.stock.map(scenario),
    teardown: (described.teardown ?? []).map(scenario),
    browse: described.browse.map(scenario),
    book: {
      prepare: (described.book.prepare ?? []).map(scenario),
      reserve: scenario(described.book.reserve),
      confirm: (described.book.confirm ?? []).map(scenario),
      sell: described.book.sell ?? 'always',
      release: described.book.release.map(scenario),
      releaseNeedsConfirm: described.book.releaseNeedsConfirm ?? false,
    },
    health: described.health.map(scenario),
  };
  const browse = options.rate ?? DEFAULT_BROWSE_RATE;
  // Shared sessions: every VU books as setup's one user; per-VU sessions: each VU is its own user.
  const bookUsers = auth.sessions === 'shared' ? 1 : Math.max(1, auth.users ?? 1);
  const book = bookRate(Math.max(1, Math.round(browse / 5)), described.bookLimits, bookUsers);
  return {
    runId: config.runId,
    profile: config.profile.name,
    sloSource: sloSource(config),
    baseUrl: new URL(config.baseUrl).origin,
    auth,
    conversation,
    vars: { stock: config.profile.stock.hotel, paymentMethod: config.paymentMethod },
    nights: described.nights ?? { fromDays: 30, span: 50 },
    stockName: described.stockName,
    slo: config.slo,
    stepSlo: stepSlos(config, conversation),
    shape: options.shape ?? 'constant',
    durationSec: options.durationSec ?? DEFAULT_DURATION_SEC,
    rates: { browse, book: book.rate, health: 1 },
    bounds: book.bound ? [book.bound] : [],
    emailDomain: config.emailDomain,
    summaryPath: options.summaryPath,
  };
}

/** What k6 gets only through its environment, never the plan: the given token and pre-provisioned users' credentials. */
export function loadSecrets(config: Config): Record<string, string> {
  const users = provisionedUsers(config);
  return {
    ...(config.auth === 'token' && config.token ? { HOLDFAST_TOKEN: config.token } : {}),
    ...(users ? { HOLDFAST_LOAD_USERS: JSON.stringify(users) } : {}),
  };
}

