// TripAvail's transaction in the suite's steps: a package night is the slot; quote + hold reserves; pre-authorize + confirm sells.
import { randomInt, randomUUID } from 'node:crypto';
import type { HotelPackage } from '../../contract/schemas.ts';
import { logIn, signIn } from '../../flows/auth.ts';
import { confirmBooking, payFor } from '../../flows/booking.ts';
import { findPackage } from '../../flows/catalog.ts';
import { databaseInventory, nightAt, probeInventory, type Night } from './inventory.ts';
import { isRejection } from '../../integrity/race.ts';
import { fillPath } from '../../contract/routes.ts';
import { bookingState, FINAL_STATES, recordRelease } from '../../integrity/leftovers.ts';
import { barrierRequest, type BookingSystem } from '../types.ts';

export function tripavailSystem(): BookingSystem {
  const usedNights = new Set<number>();
  const pkgOf = (slot: { data: Record<string, unknown> }) => slot.data.pkg as HotelPackage;
  const nightOf = (slot: { data: Record<string, unknown> }) => slot.data.night as Night;
  return {
    async liveness({ api }) {
      const health = await api.expect('health', 200, { step: 'health.liveness' });
      if (health.status !== 'ok') throw new Error(`liveness says "${health.status}"`);
    },
    signIn: ({ api, config }, who) => signIn(api, config.auth, who, config.token),
    // An existing user: its password where the run signs in with passwords, else the run's own style (OTP for its e-mail).
    logIn: ({ api, config }, who) => (config.auth === 'password' ? logIn(api, who) : signIn(api, config.auth, who, config.token)),
    async register({ api }, who) {
      await api.expect('register', 201, { body: who, step: 'auth.register', setup: true });
    },
    async readiness({ api }) {
      const res = await api.call('readiness', { step: 'health.readiness' });
      const body = res.body as { status?: string; checks?: Record<string, string> };
      if (body.status !== 'ready') throw new Error(`readiness says "${body.status}" (HTTP ${res.status}, request id ${res.requestId})`);
      if (res.status !== 200) throw new Error(`readiness said ready with HTTP ${res.status} (request id ${res.requestId})`);
      const down = Object.entries(body.checks ?? {}).filter(([, state]) => !['ok', 'disabled'].includes(state));
      if (down.length) throw new Error(`readiness says ready while ${down.map(([d, s]) => `${d} is "${s}"`).join(', ')}`);
    },
    browse: ({ api }) => api.call('listHotelPackages', { query: { status: 'PUBLISHED', page: 1, pageSize: 20 }, step: 'catalog.browse', validate: 'record' }),
    passwordLogin: ({ api }, email, password) => api.call('login', { body: { email, password }, step: 'auth.login-attempt', validate: 'record' }),
    async offerNames({ api }) {
      const names: string[] = [];
      for (const route of ['listHotelPackages', 'listTourPackages'] as const) {
        const res = await api.call(route, { query: { status: 'PUBLISHED', page: 1, pageSize: 100 }, step: 'catalog.list', validate: 'record' });
        names.push(...((res.body as { items?: { name?: string }[] }).items ?? []).flatMap((i) => (i.name ? [i.name] : [])));
      }
      return names;
    },
    async openSlot({ api }, _owner, purpose) {
      const pkg = await findPackage(api, 'hotel', purpose === 'race' ? api.profile.stock.race ?? api.profile.stock.hotel : api.profile.stock.hotel);
      let offset = randomInt(10, 61);
      while (usedNights.has(offset) && usedNights.size < 50) offset = randomInt(10, 61);
      usedNights.add(offset);
      const night = nightAt(offset);
      return { label: `${pkg.name} on ${night.checkInDate}`, offerName: pkg.name, data: { pkg, night } };
    },
    async freeUnits({ api, db }, slot, owner, mode = 'probe') {
      if (db) return databaseInventory(db, api.profile, pkgOf(slot)).freeUnits(nightOf(slot));
      return mode === 'probe' ? probeInventory(api, owner, pkgOf(slot)).freeUnits(nightOf(slot)) : undefined;
    },
    async prepareReservation(ctx, slot, contender) {
      const quote = await ctx.api.expect('quote', 201, {
        token: contender.token,
        step: 'integrity.race-quote',
        body: { packageType: 'HOTEL_PACKAGE', packageId: pkgOf(slot).id, ...nightOf(slot), numberOfGuests: 1, numberOfRooms: 1 },
      });
      const route = ctx.api.route('hold');
      return barrierRequest(ctx, 'POST', `${ctx.api.profile.apiPrefix}${route.path}`, contender.token, { quoteId: quote.id }, { 'idempotency-key': `${ctx.config.runId}-race-${randomUUID()}` });
    },
    classify({ api }, answer) {
      const id = (answer.body as { id?: string } | undefined)?.id;
      if (answer.status === 201 && id) return { kind: 'reserved', id };
      return isRejection(answer, api.profile.rejections.insufficientInventory) ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async confirm({ api, config }, _slot, reserver, _owner, id) {
      await payFor(api, reserver, id, config.paymentMethod);
      await confirmBooking(api, reserver, id);
    },
    async release(ctx, session, id) {
      const { api, config, db } = ctx;
      const note5xx = (route: string, res: { status: number; requestId: string }) => {
        if (res.status >= 500) recordRelease(config.reportsDir, { kind: 'cancel-5xx', id, route, status: res.status, requestId: res.requestId });
      };
      // With a read route (the contract), the guest cancel covers every live state: a wrong-state refusal means final.
      const guest = await api.call('cancel', { token: session.token, params: { id }, step: 'cleanup.cancel', validate: 'record' }).catch(() => undefined);
      if (guest?.status === api.successStatus('cancel')) return 'cancelled';
      if (guest) note5xx('guest cancel', guest);
      if (api.has('getBooking')) return guest?.status === api.profile.rejections.wrongState.status ? 'already-final' : 'failed';
      // Without one, a refusal is ambiguous (TripAvail today cancels only CONFIRMED bookings): try the provider side,
      // then read the state back from the database to tell "already final" from "left behind".
      const provider = api.profile.providerCancel;
      if (provider && config.cleanupToken) {
        const res = await api.request('POST', `${api.profile.apiPrefix}${fillPath(provider.path, { id })}`, { token: config.cleanupToken, step: 'cleanup.cancel-provider' }).catch(() => undefined);
        if (res?.status === api.successStatus('cancel')) return 'cancelled';
        if (res) note5xx('provider cancel', res);
      }
      const state = db ? await bookingState(db, api.profile, id).catch(() => undefined) : undefined;
      if (state && FINAL_STATES.has(state.status)) return 'already-final';
      return 'left-behind';
    },
  };
}
