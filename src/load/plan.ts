// How the validated config becomes the plan k6 runs: each step's route from the contract's table and the profile's
// overrides, the profile's sign-in style and refusals, SLOs from the one config. Secrets stay out (see loadSecrets).
import { routes, type RouteName } from '../contract/routes.ts';
import type { Config } from '../config/load.ts';
import type { Profile } from '../profiles/index.ts';
import { readUsersFile } from '../systems/users.ts';
import { SuiteError } from '../verdict/suite-error.ts';
import { BOOK_STEPS, type AuthPlan, type BookStep, type LoadPlan, type PlanRoute } from '../../load/lib/plan.ts';

export interface PlanOptions {
  durationSec?: number;
  /** Browse iterations per second; book and health scale from it. */
  rate?: number;
  shape?: LoadPlan['shape'];
  summaryPath: string;
}

export const DEFAULT_DURATION_SEC = 120;
export const DEFAULT_BROWSE_RATE = 10;

/** A route as the profile's system serves it: the contract's, or the profile's override; undefined where it has none. */
export function profileRoute(config: Pick<Config, 'baseUrl' | 'profile'>, name: RouteName): PlanRoute | undefined {
  const override = config.profile.routeOverrides[name];
  if (override === null) return undefined;
  const contract = routes[name];
  const prefix = `${new URL(config.baseUrl).pathname.replace(/\/+$/, '')}${config.profile.apiPrefix}`;
  const ok = Object.keys(contract.responses).map(Number).filter((s) => s >= 200 && s < 300).sort((a, b) => a - b)[0] ?? 200;
  return { method: override?.method ?? contract.method, path: `${prefix}${override?.path ?? contract.path}`, ok };
}

function required(config: Pick<Config, 'baseUrl' | 'profile' | 'auth'>, name: RouteName, why: string): PlanRoute {
  const route = profileRoute(config, name);
  if (!route) {
    throw new SuiteError(
      `profile ${config.profile.name} has no ${name} route, which the k6 ${why} needs`,
      why.includes('sign-in') ? `sign in another way: HOLDFAST_AUTH=${config.profile.auth.style === config.auth ? 'token with HOLDFAST_TOKEN' : config.profile.auth.style} (the profile's style is ${config.profile.auth.style})` : `add the ${name} route to profile ${config.profile.name}'s routeOverrides`,
    );
  }
  return route;
}

export interface ProvisionedUser {
  email: string;
  password: string;
}

/** Pre-provisioned customers (HOLDFAST_USERS_FILE, read as the functional checks read it); undefined without the file. */
export function provisionedUsers(config: Config): ProvisionedUser[] | undefined {
  if (!config.usersFile) return undefined;
  const customers = readUsersFile(config.usersFile).customer.map((u) => ({ email: u.email, password: u.password }));
  if (!customers.length) throw new SuiteError(`HOLDFAST_USERS_FILE ${config.usersFile} lists no customer`, 'list the load run\'s users under "customer": [{"email", "password"}]');
  return customers;
}

function authPlan(config: Config, users: ProvisionedUser[] | undefined): AuthPlan {
  const count = users?.length;
  switch (config.auth) {
    case 'token':
      return { style: 'token', ...(profileRoute(config, 'me') ? { me: profileRoute(config, 'me') } : {}) };
    case 'otp':
      return { style: 'otp', start: required(config, 'otpStart', 'OTP sign-in'), verify: required(config, 'otpVerify', 'OTP sign-in'), ...(count ? { users: count } : {}) };
    case 'password': {
      const login = profileRoute(config, 'login');
      const register = count && login ? login : required(config, 'register', 'password sign-in');
      return { style: 'password', register, ...(login ? { login } : {}), ...(count ? { users: count } : {}) };
    }
  }
}

/** Where the SLOs come from, for each threshold's reason. */
export function sloSource(config: Pick<Config, 'slo' | 'profile'>): string {
  const p = config.profile.slo;
  const same = p.p95Ms === config.slo.p95Ms && p.p99Ms === config.slo.p99Ms && p.errorRate === config.slo.errorRate;
  return same ? `${config.profile.name} runbook SLO` : 'HOLDFAST_SLO_*';
}

/** The SLO per book step: the run's (runbook's) p95/p99 for every step; a profile may later name its steps' own. */
function stepSlos(config: Config): Record<BookStep, { p95Ms: number; p99Ms: number }> {
  return Object.fromEntries(BOOK_STEPS.map((s) => [s, { p95Ms: config.slo.p95Ms, p99Ms: config.slo.p99Ms }])) as Record<BookStep, { p95Ms: number; p99Ms: number }>;
}

function cancelFrom(profile: Profile): LoadPlan['cancelFrom'] {
  const from = profile.lifecycle?.cancel?.from;
  return !from || from.includes('HOLD') ? 'HOLD' : 'CONFIRMED';
}

export function buildPlan(config: Config, options: PlanOptions): LoadPlan {
  const users = provisionedUsers(config);
  const browse = options.rate ?? DEFAULT_BROWSE_RATE;
  const need = (name: RouteName) => required(config, name, 'scenarios');
  const rule = config.profile.rejections.insufficientInventory;
  return {
    runId: config.runId,
    profile: config.profile.name,
    sloSource: sloSource(config),
    baseUrl: new URL(config.baseUrl).origin,
    routes: {
      health: need('health'),
      readiness: need('readiness'),
      listHotelPackages: need('listHotelPackages'),
      getHotelPackage: need('getHotelPackage'),
      quote: need('quote'),
      hold: need('hold'),
      pay: need('preAuthorize'),
      confirm: need('confirm'),
      cancel: need('cancel'),
    },
    auth: authPlan(config, users),
    rejections: { insufficientInventory: { status: rule.status, ...(rule.message ? { message: rule.message.source } : {}) } },
    cancelFrom: cancelFrom(config.profile),
    slo: config.slo,
    stepSlo: stepSlos(config),
    shape: options.shape ?? 'constant',
    durationSec: options.durationSec ?? DEFAULT_DURATION_SEC,
    rates: { browse, book: Math.max(1, Math.round(browse / 5)), health: 1 },
    hotelName: config.profile.stock.hotel,
    payment: { method: config.paymentMethod },
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
