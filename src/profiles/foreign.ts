// What the four systems that do not speak the TripAvail contract share as profiles: no contract routes, no web journeys,
// no tables the suite knows, password sign-in; each profile then says what differs.
import { defaultSlo } from '../config/slo.ts';
import type { Profile } from './types.ts';

type ForeignParts = Pick<Profile, 'name' | 'title' | 'system' | 'probePath' | 'promises' | 'gaps' | 'rejections' | 'stock'> & {
  auth: Omit<Profile['auth'], 'style' | 'otpEchoed'>;
  slo: Partial<Profile['slo']>;
  expiry?: Profile['expiry'];
};

export function foreignProfile(parts: ForeignParts): Profile {
  return {
    ...parts,
    speaksContract: false,
    webJourneys: false,
    apiPrefix: '',
    routeOverrides: {},
    auth: { style: 'password', otpEchoed: false, ...parts.auth },
    expiry: parts.expiry ?? { holdTtlSeconds: 600, sweepIntervalMs: 60_000 },
    pricing: { taxRatePercent: 0, currency: 'USD' },
    slo: { ...defaultSlo, ...parts.slo },
    payment: { testMethod: 'card' },
  };
}

/** Rejections a system never gets asked for (its contract has no such step) still need a value; these are never matched. */
export const unusedRejection = { status: 0 };
