// What a profile is: everything that differs between deployments of a booking system, so that no spec spells a route or a status.
import type { Route, RouteName } from '../contract/routes.ts';
import type { AuthStyle } from '../config/schema.ts';
import type { Slo } from '../config/slo.ts';

/** How a target says no: the status, and the problem code or message that tells this no from others. */
export interface Rejection {
  status: number;
  code?: string;
  message?: RegExp;
}

export interface TableNames {
  booking: string;
  inventoryNight: string;
  hotelPackage: string;
  payment: string;
  ledgerEntry: string;
}

export interface Profile {
  name: string;
  title: string;
  /** Prefix of every route, e.g. "/v1". */
  apiPrefix: string;
  /** Routes that differ from the contract; `null` marks a route the target does not have. */
  routeOverrides: Partial<Record<RouteName, Partial<Pick<Route, 'path' | 'method'>> | null>>;
  auth: {
    style: AuthStyle;
    /** The target echoes the OTP code (test mode); otherwise a token must be configured. */
    otpEchoed: boolean;
    /** Access tokens are JWTs whose exp the suite may read and check. */
    jwtExpirySeconds?: number;
    /** The 5th failed login within 15 minutes locks the e-mail. */
    bruteForceLock: boolean;
  };
  rejections: {
    insufficientInventory: Rejection;
    wrongState: Rejection;
    expiredHold: Rejection;
    notOwner: Rejection;
    idempotencyMismatch: Rejection;
    unauthenticated: Rejection;
  };
  expiry: { holdTtlSeconds: number; sweepIntervalMs: number };
  /** Synthetic stock, found by name. */
  stock: { hotel: string; premium: string; tour: string; race?: string; draft: string };
  tables: TableNames;
  pricing: { taxRatePercent: number; currency: string };
  slo: Slo;
  payment: { testMethod: string; declinedMethod?: string };
}
