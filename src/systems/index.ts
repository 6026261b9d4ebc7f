// Which adapter speaks for a profile's system.
import type { Profile, SystemName } from '../profiles/types.ts';
import { erpSystem } from './erp.ts';
import { servicelinkSystem } from './servicelink.ts';
import { soleilSystem } from './soleil.ts';
import { travellrSystem } from './travellr.ts';
import { tripavailSystem } from './tripavail.ts';
import type { BookingSystem } from './types.ts';

const factories: Record<SystemName, () => BookingSystem> = {
  tripavail: tripavailSystem,
  travellr: travellrSystem,
  soleil: soleilSystem,
  servicelink: servicelinkSystem,
  erp: erpSystem,
};

/** A fresh adapter (adapters remember which slots they used in a run). */
export function createSystem(profile: Profile): BookingSystem {
  return factories[profile.system]();
}
