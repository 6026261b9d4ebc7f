// What the four systems that do not speak the TripAvail contract share as profiles: no contract routes, no web journeys,
// no tables the suite knows, password sign-in; each profile then says what differs.
import { defaultSlo } from '../config/slo.ts';
import type { Profile } from './types.ts';

type ForeignParts = Pick<Profile, 'name' | 'title' | 'system' | 'probePath' | 'promises' | 'gaps' | 'stock'> & {
  /** The rejections the system's own steps can give; the contract-only ones (expired hold, idempotency) are never asked. */
  rejections: Pick<Profile['rejections'], 'insufficientInventory' | 'wrongState' | 'notOwner'>;
  auth: Omit<Profile['auth'], 'style' | 'otpEchoed'>;
  slo: Partial<Profile['slo']>;
  expiry?: Profile['expiry'];
  limits?: Profile['limits'];
  stepSlo?: Profile['stepSlo'];
};

export function foreignProfile(parts: ForeignParts): Profile {
  return {
    ...parts,
    speaksContract: false,
    webJourneys: false,
    apiPrefix: '',
    routeOverrides: {},
    auth: { style: 'password', otpEchoed: false, ...parts.auth },
    rejections: { ...parts.rejections, expiredHold: neverAsked, idempotencyMismatch: neverAsked, unauthenticated: { status: 401 }, invalidInput: { status: 400 }, notFound: { status: 404 }, rateLimited: { status: 429 } },
    expiry: parts.expiry ?? { holdTtlSeconds: 600, sweepIntervalMs: 60_000 },
    pricing: { taxRatePercent: 0, currency: 'USD' },
    slo: { ...defaultSlo, ...parts.slo },
    payment: { testMethod: 'card' },
  };
}

const neverAsked = { status: 0 };

/** Stock for systems whose slots are created per run (jobs, inventory items): one name says what kind. */
export function createdStock(kind: string): Profile['stock'] {
  return { hotel: kind, premium: kind, tour: kind, race: kind, draft: 'none' };
}
