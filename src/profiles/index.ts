// Which profiles exist, by name.
import type { Profile } from './types.ts';
import { tripavail } from './tripavail.ts';
import { tripavailLegacy } from './tripavail-legacy.ts';

export type { Profile, Rejection, TableNames } from './types.ts';

export const profiles: Readonly<Record<string, Profile>> = {
  [tripavail.name]: tripavail,
  [tripavailLegacy.name]: tripavailLegacy,
};

export function getProfile(name: string): Profile | undefined {
  return profiles[name];
}
