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

/** Tables the database checks read, as SQL identifiers (quoted as in the schema, optionally schema-qualified). */
export interface TableNames {
  booking: string;
  inventoryNight: string;
  hotelPackage: string;
  payment: string;
  ledgerEntry: string;
  /** Rooms of a listing, where hotel stock is reached through the listing (`hotelStock.via: 'listing-rooms'`). */
  room?: string;
  /** Tour stock: packages (capacity `maxSeats` where departures carry none) and departures (`availableSeats`). */
  tourPackage?: string;
  tourDeparture?: string;
}

/**
 * How the database checks reach stock and read time, beyond the contract's column names (tripavail.md "Tables"):
 * the joins and the columns that differ between schemas. The preflight checks every table and column named here.
 */
export interface DatabaseMapping {
  /**
   * `package-room`: a hotel package sells one room type, `HotelPackage.<packageRoom> = InventoryNight.roomId` (the contract
   * sandbox); units are accounted per room and night. `listing-rooms`: `HotelPackage.<packageListing> = Room.<roomListing>`,
   * `Room.id = InventoryNight.roomId`; bookings record no room, so units are accounted per listing and night.
   */
  hotelStock: { via: 'package-room'; packageRoom: string } | { via: 'listing-rooms'; packageListing: string; roomListing: string };
  /** Tour seats per departure, when the schema has them (needs tables.tourPackage and tables.tourDeparture). */
  tourStock?: {
    /** `TourDeparture` column naming its package. */
    departurePackage: string;
    /** `TourDeparture` column with the departure's date (a date, or a timestamp at midnight UTC). */
    departureDate: string;
    /** Where a departure's capacity is: its own column, or the package's (e.g. `TourPackage.maxSeats`). */
    capacity: { table: 'tourDeparture' | 'tourPackage'; column: string };
    /** `Booking` column holding the departure a tour booking takes (e.g. `checkInDate` or `departureDate`). */
    bookingDate: string;
  };
  /** `timestamptz`, or `utc` for `timestamp without time zone` columns that hold UTC (Prisma's default). */
  timestamps: 'timestamptz' | 'utc';
  /** A `Booking` column set when it was confirmed, where the schema has one (bookings confirmed then cancelled are found by it too). */
  confirmedAt?: string;
  /** Ledger entry types that move escrow after a confirm: refunds are netted with the confirm's rows. */
  refundTypes?: string[];
}

/** A promise a system's runbook makes about one of its endpoints; a broken promise is a P2 drift finding. */
export interface RunbookPromise {
  title: string;
  path: string;
  status: number;
  /** Fields the runbook says the JSON body carries. */
  fields?: string[];
}

export interface RateLimits {
  signUpsPerMinute?: number;
  loginsPerMinute?: number;
  /** Reservations (orders, accepts, bookings) a minute, per client or per customer as `scope` says. */
  reservationsPerMinute?: number;
  /** Whom each limit counts, in words. */
  scope?: string;
}

export type SystemName = 'tripavail' | 'travellr' | 'soleil' | 'servicelink' | 'erp';

export interface Profile {
  name: string;
  title: string;
  /** Which adapter maps this system's transaction onto the suite's steps (src/systems). */
  system: SystemName;
  /** The target speaks the TripAvail contract's routes (quote, hold, …); contract-specific checks are not applicable otherwise. */
  speaksContract: boolean;
  /** A path that answers without auth, used to tell "down" from "up" before the run. */
  probePath: string;
  /** The target has the web app the browser journeys drive. */
  webJourneys: boolean;
  /** Promises from the system's runbook, checked as P2 drift findings. */
  promises: RunbookPromise[];
  /** Why a check cannot run against this system, by check id: reported as not applicable with this reason. */
  gaps: Record<string, string>;
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
    /** After this many failed logins the next attempt is refused with 429 (a lock or a rate limit); absent: no protection. */
    lockoutAfter?: number;
    /**
     * What the lock counts: one e-mail's failures (default; a fresh user meets it exactly), or every login from the
     * client's address, where the run's other logins in the same window may bring the 429 sooner.
     */
    lockoutPer?: 'email' | 'address';
    /** OTP codes requested and codes tried per address within the window before 429; absent: no throttle promised. */
    otpLimits?: { starts: number; verifies: number; windowSeconds: number };
  };
  rejections: {
    insufficientInventory: Rejection;
    wrongState: Rejection;
    expiredHold: Rejection;
    notOwner: Rejection;
    idempotencyMismatch: Rejection;
    unauthenticated: Rejection;
    /** A malformed request (unknown query parameter, out-of-range page size). */
    invalidInput: Rejection;
    /** An id that does not exist. */
    notFound: Rejection;
    /** A rate limit or lockout saying "not now". */
    rateLimited: Rejection;
  };
  /** How long an unpaid reservation lives and how often expiry runs (systems without holds still carry a sweep for invariants). */
  expiry: { holdTtlSeconds: number; sweepIntervalMs: number };
  /** Synthetic stock, found by name. */
  stock: { hotel: string; premium: string; tour: string; race?: string; draft: string };
  /** Tables for the database invariants; absent when the suite knows no schema for this system. */
  tables?: TableNames;
  /** Joins and columns for the database checks (default: the contract sandbox's, see `contractDatabase`). */
  database?: DatabaseMapping;
  /**
   * A provider-side cancel (below the API prefix, `:id` for the booking) the cleanup uses with HOLDFAST_CLEANUP_TOKEN
   * where the guest route refuses (e.g. TripAvail today cancels only CONFIRMED bookings, and only this way for providers).
   */
  providerCancel?: { path: string };
  /**
   * Where the system's booking lifecycle differs from the contract's (src/contract/matrices.ts): the states a step
   * succeeds from; the state matrices expect a refusal in every other state.
   */
  lifecycle?: Partial<Record<RouteName, { from: readonly ('QUOTE' | 'HOLD' | 'PAYMENT_PENDING' | 'CONFIRMED' | 'CANCELLED_BY_GUEST' | 'EXPIRED_HOLD')[] }>>;
  pricing: { taxRatePercent: number; currency: string };
  /** Rate limits the system documents that shape a run: how many users it signs up, how its race is planned. */
  limits?: RateLimits;
  slo: Slo;
  /**
   * Latency SLOs the runbook names for single steps, by the step's name in the load conversation (src/systems/<name>/load.ts,
   * e.g. Soleil's `rooms` and `book`); other steps are held to `slo`.
   */
  stepSlo?: Record<string, { p95Ms: number; p99Ms: number }>;
  payment: { testMethod: string; declinedMethod?: string };
}
