// How the validated config becomes the plan k6 runs: paths from the contract's routes, SLOs from the one config.
import { routes } from '../contract/routes.ts';
import type { Config } from '../config/load.ts';
import type { LoadPlan } from '../../load/lib/plan.ts';

export interface PlanOptions {
  durationSec?: number;
  /** Browse iterations per second; book and health scale from it. */
  rate?: number;
  shape?: LoadPlan['shape'];
  summaryPath: string;
}

export const DEFAULT_DURATION_SEC = 120;
export const DEFAULT_BROWSE_RATE = 10;

export function buildPlan(config: Config, options: PlanOptions): LoadPlan {
  const prefix = `${new URL(config.baseUrl).pathname.replace(/\/+$/, '')}${config.profile.apiPrefix}`;
  const path = (name: keyof LoadPlan['paths']) => `${prefix}${routes[name].path}`;
  const browse = options.rate ?? DEFAULT_BROWSE_RATE;
  return {
    runId: config.runId,
    baseUrl: new URL(config.baseUrl).origin,
    paths: {
      health: path('health'),
      readiness: path('readiness'),
      register: path('register'),
      listHotelPackages: path('listHotelPackages'),
      getHotelPackage: path('getHotelPackage'),
      quote: path('quote'),
      hold: path('hold'),
      preAuthorize: path('preAuthorize'),
      confirm: path('confirm'),
      cancel: path('cancel'),
    },
    slo: config.slo,
    shape: options.shape ?? 'constant',
    durationSec: options.durationSec ?? DEFAULT_DURATION_SEC,
    rates: { browse, book: Math.max(1, Math.round(browse / 5)), health: 1 },
    hotelName: config.profile.stock.hotel,
    paymentMethod: config.paymentMethod,
    emailDomain: config.emailDomain,
    token: config.auth === 'token' ? config.token : undefined,
    summaryPath: options.summaryPath,
  };
}
