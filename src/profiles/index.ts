// Which profiles exist, by name.
import { erp } from './erp.ts';
import { servicelink } from './servicelink.ts';
import { soleil } from './soleil.ts';
import { travellr } from './travellr.ts';
import { tripavail } from './tripavail.ts';
import { tripavailLegacy } from './tripavail-legacy.ts';
import type { Profile } from './types.ts';

export type { Profile, Rejection, TableNames } from './types.ts';

export const profiles: Readonly<Record<string, Profile>> = Object.fromEntries(
  [tripavail, tripavailLegacy, travellr, soleil, servicelink, erp].map((p) => [p.name, p]),
);

export function getProfile(name: string): Profile | undefined {
  return profiles[name];
}
