// Which adapter speaks for a profile's system.
import type { Profile, SystemName } from '../profiles/types.ts';
import { erpSystem } from './erp/adapter.ts';
import { servicelinkSystem } from './servicelink/adapter.ts';
import { soleilSystem } from './soleil/adapter.ts';
import { travellrSystem } from './travellr/adapter.ts';
import { tripavailSystem } from './tripavail/adapter.ts';
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
  const system = factories[profile.system]();
  return profile.speaksContract && profile.routeOverrides.me !== null ? { ...contractSelf, ...system } : system;
}

/** Reading oneself where the target speaks the TripAvail contract: its `me` route. */
const contractSelf: Pick<BookingSystem, 'readMe' | 'whoAmI'> = {
  readMe: ({ api }, token) => api.call('me', { token, step: token ? 'auth.me' : 'auth.me-rejected', validate: 'record' }),
  async whoAmI({ api }, session) {
    const me = await api.succeed('me', { token: session.token, step: 'auth.me' });
    return { id: me.id, email: me.email, role: me.role };
  },
};
