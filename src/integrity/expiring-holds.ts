// Waiting a hold out costs its TTL and a sweep, and several checks need one: the state matrices (their EXPIRED_HOLD
// cells), the sweep check and the refused-after check. The first of them to run makes one hold for each (its own last,
// so the sweep that expires its own has expired the others) and the later ones find theirs expired, or nearly. Every
// check still has a booking of its own: a step wrongly accepted on one changes nothing another check sees. The pool is
// shared through the run's RunShare, so its owner's token stays in the run's private folder.
import type { ApiClient } from '../client/api-client.ts';
import type { Config } from '../config/load.ts';
import type { Session } from '../flows/auth.ts';
import { holdQuote, quoteStay } from '../flows/booking.ts';
import { findPackage } from '../flows/catalog.ts';
import { stayDates } from '../flows/dates.ts';
import { matricesThatWaitOutAHold, mayWaitOutAHold } from '../flows/matrix.ts';
import { RunShare } from '../systems/users.ts';
import { pollUntil } from './poll.ts';

export interface ExpiringHold {
  quoteId: string;
  bookingId: string;
  holdExpiresAt: number;
}

interface Pool {
  owner: Session;
  holds: Record<string, ExpiringHold>;
}

export interface PoolInput {
  api: ApiClient;
  config: Config;
  /** Owns the pool's holds when this check is the one that makes it. */
  session: Session;
  /** This check's id. */
  taker: string;
  /** Registers a booking for release at the end of the check, after `settle` (the maker's holds wait for the others). */
  register: (bookingId: string, token: string, settle?: () => Promise<unknown>) => void;
}

/** The expiry checks that take a hold from the pool. */
export const EXPIRY_TAKERS = ['integrity.expiry.swept', 'integrity.expiry.refused-after'] as const;

/** Every check that will take a hold on this run, computed the same in every worker. */
function expiringHoldTakers(api: ApiClient, config: Config): string[] {
  return mayWaitOutAHold(api, config) ? [...matricesThatWaitOutAHold(api, config), ...EXPIRY_TAKERS] : [];
}

/** This check's hold and its owner; undefined when the pool has none for it or the target cannot read a booking back. */
export async function takeExpiringHold({ api, config, session, taker, register }: PoolInput): Promise<{ owner: Session; hold: ExpiringHold } | undefined> {
  const takers = expiringHoldTakers(api, config);
  if (!takers.includes(taker)) return undefined;
  let maker = false;
  const pool = await RunShare.forRun(config.runId).owned<Pool>('expiring-holds', async () => {
    maker = true;
    const pkg = await findPackage(api, 'hotel', api.profile.stock.hotel);
    // Each hold is registered for release the moment it exists (after it has left HOLD, or can no longer be waited for).
    const make = async (): Promise<ExpiringHold> => {
      const quote = await quoteStay(api, session, { pkg, ...stayDates(1) }, 'expiring-holds.quote');
      const held = await holdQuote(api, session, quote.id);
      const hold = { quoteId: quote.id, bookingId: held.id, holdExpiresAt: Date.parse(held.holdExpiresAt) || Date.now() + config.holdTtlSeconds * 1000 };
      register(hold.bookingId, session.token, () => leftHold(api, config, session, hold));
      return hold;
    };
    const others = takers.filter((k) => k !== taker);
    const theirs = await Promise.all(others.map(make));
    const holds: Record<string, ExpiringHold> = Object.fromEntries(others.map((k, i) => [k, theirs[i]!]));
    holds[taker] = await make();
    return { owner: session, holds };
  });
  const hold = pool.holds[taker];
  if (!hold) return undefined;
  // The maker registered it already; a taker registers its own, in case one of its steps was wrongly accepted.
  if (!maker) register(hold.bookingId, pool.owner.token);
  return { owner: pool.owner, hold };
}

/** The hold's status, read back by its owner. */
export async function holdStatus(api: ApiClient, owner: Session, hold: ExpiringHold): Promise<string> {
  return (await api.succeed('getBooking', { token: owner.token, params: { id: hold.bookingId }, step: 'expiring-holds.read-back' })).status;
}

/** By when the sweep must have expired the hold. */
export function sweepDeadline(config: Config, hold: Pick<ExpiringHold, 'holdExpiresAt'>): number {
  return hold.holdExpiresAt + config.sweepIntervalMs + config.expiryGraceMs;
}

export function pollInterval(config: Config): number {
  return Math.min(250, Math.max(50, config.sweepIntervalMs / 4));
}

function leftHold(api: ApiClient, config: Config, owner: Session, hold: ExpiringHold) {
  return pollUntil(() => holdStatus(api, owner, hold).catch(() => 'unreadable'), (status) => status !== 'HOLD', sweepDeadline(config, hold), pollInterval(config));
}
