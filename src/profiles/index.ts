// Which profiles exist, by name.
import { erp } from '../systems/erp/profile.ts';
import { servicelink } from '../systems/servicelink/profile.ts';
import { soleil } from '../systems/soleil/profile.ts';
import { travellr } from '../systems/travellr/profile.ts';
import { tripavail } from '../systems/tripavail/profile.ts';
import { tripavailLegacy } from '../systems/tripavail-today/profile.ts';
import type { Profile } from './types.ts';

export type { Profile, Rejection, TableNames } from './types.ts';

export const profiles: Readonly<Record<string, Profile>> = Object.fromEntries(
  [tripavail, tripavailLegacy, travellr, soleil, servicelink, erp].map((p) => [p.name, p]),
);

export function getProfile(name: string): Profile | undefined {
  return profiles[name];
}
