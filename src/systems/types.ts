// What a booking system must let the suite do, in the suite's own words: sign in, list offers, reserve capacity, confirm, release.
// Each system (TripAvail, Travellr, Soleil, ServiceLink, the ERP) maps its own transaction onto these steps once, here;
// specs speak only these steps, so a new system is a new adapter and profile, never a new spec.
import type pg from 'pg';
import type { ApiClient, ApiResponse } from '../client/api-client.ts';
import type { Config } from '../config/load.ts';
import type { Session } from '../flows/auth.ts';
import type { SyntheticUser } from '../flows/identity.ts';
import type { BarrierRequest } from '../integrity/barrier.ts';

export interface SystemContext {
  api: ApiClient;
  config: Config;
  /** Read-only pool on the target's database, when configured and the profile knows its tables. */
  db?: pg.Pool;
}

/** Where capacity is counted: a room's night, a trip's departure, a job's one assignment, a stock item. */
export interface Slot {
  label: string;
  /** The name the slot's offer is listed under, when the system lists offers. */
  offerName?: string;
  data: Record<string, unknown>;
}

export type Party = 'customer' | 'counterpart';

export interface SelfView {
  id: string;
  email: string;
  role?: string;
}

export interface SelfRegistration {
  /** The role a self-registered user must never get (an admin or staff role in the system's own words). */
  privilegedRole: string;
  /** Signs up asking for `role`: refused, or accepted with the role the system then says the user has (read back). */
  signUpAs(ctx: SystemContext, who: SyntheticUser, role: string): Promise<{ refused: true; status: number; requestId: string } | { refused: false; role: string | undefined; requestId: string }>;
}

export interface RacePlan {
  contenders: number;
  rounds: number;
  /** Why fewer than asked, in words (shown as a measurement). */
  reason?: string;
}

export type ReservationOutcome = { kind: 'reserved'; id: string } | { kind: 'rejected' } | { kind: 'unexpected' };
/** `left-behind`: the target refused every release it offers and the booking still holds units (reported, see src/integrity/leftovers.ts). */
export type ReleaseOutcome = 'cancelled' | 'already-final' | 'failed' | 'left-behind';

export interface BookingSystem {
  /** Throws an Error naming what is wrong when the liveness probe does not say the service is up. */
  liveness(ctx: SystemContext): Promise<void>;
  /**
   * Registers (or starts OTP for) a fresh synthetic user and signs it in. `party`: `customer` (default) buys;
   * `counterpart` is the other side where the system has one (a marketplace's provider), otherwise another customer.
   */
  signIn(ctx: SystemContext, who: SyntheticUser, party?: Party): Promise<Session>;
  /** Signs in a user that already exists (pre-provisioned, HOLDFAST_USERS_FILE) with its password. */
  logIn?(ctx: SystemContext, who: SyntheticUser, party?: Party): Promise<Session>;
  /**
   * Reads the signed-in user back ("me") as the raw answer, where the system has such a read; with no token or a forged
   * one it shows how the system refuses (api.auth.rejects-bad-tokens). Where it has none, the cheapest protected read.
   */
  readMe?(ctx: SystemContext, token?: string): Promise<ApiResponse>;
  /** Who the system says a session is (id, e-mail, role), from its "me" route or its sign-in answer. */
  whoAmI?(ctx: SystemContext, session: Session): Promise<SelfView>;
  /** Sign-up that takes a role: asks for one and says what was granted, read back (api.auth.no-self-privilege). */
  selfRegistration?: SelfRegistration;
  /**
   * How many contenders and rounds a race may use so that the system's rate limits cannot decide its result
   * (e.g. 5 orders a minute per client); absent: what the run asks for.
   */
  racePlan?(asked: { concurrency: number; rounds: number }): RacePlan;
  /** The system limits sign-ups (per client, per minute): the run reuses its users instead of signing up per check. */
  reuseUsers?: boolean;
  /** Registers a user without signing in, for the brute-force lock check. */
  register(ctx: SystemContext, who: SyntheticUser): Promise<void>;
  /** One password login attempt; the status tells accepted, refused (401) or locked/throttled (429). */
  passwordLogin(ctx: SystemContext, email: string, password: string): Promise<ApiResponse>;
  /** Readiness, where the system exposes it to the suite; throws naming what is not ready. */
  readiness?(ctx: SystemContext): Promise<void>;
  /** The main listing a visitor browses (packages, trips, rooms, jobs, stock), for latency sampling. */
  browse(ctx: SystemContext, session: Session): Promise<ApiResponse>;
  /** Names of what is for sale, where the system lists it. */
  offerNames?(ctx: SystemContext, session: Session): Promise<string[]>;
  /** A slot to reserve from: the race stock for a race, the regular synthetic stock for a journey. */
  openSlot(ctx: SystemContext, owner: Session, purpose: 'race' | 'journey'): Promise<Slot>;
  /**
   * Free units of a slot. `read` must have no side effect and may answer undefined when the system cannot tell without
   * one; `probe` may measure (TripAvail without database access holds units until refused, then releases them).
   */
  freeUnits(ctx: SystemContext, slot: Slot, owner: Session, mode?: 'read' | 'probe'): Promise<number | undefined>;
  /** Everything a contender must do before its reservation request, which is returned unsent for the barrier. */
  prepareReservation(ctx: SystemContext, slot: Slot, contender: Session, owner: Session): Promise<BarrierRequest>;
  classify(ctx: SystemContext, answer: { status?: number; body?: unknown }): ReservationOutcome;
  /** The step that turns a reservation into a sale (pay + confirm, accept), where the system has one. */
  confirm?(ctx: SystemContext, slot: Slot, reserver: Session, owner: Session, id: string): Promise<void>;
  /** Gives a reservation's capacity back; a reservation already final is fine. */
  release(ctx: SystemContext, session: Session, id: string): Promise<ReleaseOutcome>;
  /** Undoes whatever openSlot created (a job, an item), when the system allows it. */
  closeSlot?(ctx: SystemContext, slot: Slot, owner: Session): Promise<void>;
}

/** A request for the barrier, with the target's synthetic tag and a bearer token. */
export function barrierRequest(ctx: SystemContext, method: BarrierRequest['method'], path: string, token: string, body: unknown, headers: Record<string, string> = {}): BarrierRequest {
  return { method, url: ctx.api.url(path), headers: { authorization: `Bearer ${token}`, 'x-synthetic': ctx.config.runId, ...headers }, body };
}

/** Throws with the step, status and request id unless the answer has the expected status. */
export function expectStatus(res: ApiResponse, status: number | number[], what: string): void {
  const ok = Array.isArray(status) ? status.includes(res.status) : res.status === status;
  if (!ok) throw new Error(`${what}: expected ${Array.isArray(status) ? status.join(' or ') : status}, got ${res.status}${describe(res.body)} (request id ${res.requestId})`);
  if (res.contractViolation) throw new Error(`${what}: the body breaks the profile's schema: ${res.contractViolation} (request id ${res.requestId})`);
}

function describe(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; code?: unknown; error?: unknown };
    const text = [b.code ?? b.error, b.message].filter((v) => typeof v === 'string').join(': ');
    return text ? ` (${text})` : '';
  }
  return '';
}
