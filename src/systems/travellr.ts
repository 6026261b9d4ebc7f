// Travellr's transaction in the suite's steps: a trip's departure is the slot, a booking (paid at creation) reserves and sells.
import { isRejection } from '../integrity/race.ts';
import { field, freshNight, sessionOf } from './shared.ts';
import { barrierRequest, expectStatus, type BookingSystem, type SystemContext } from './types.ts';
import { registerSecret } from '../client/redact.ts';

export function travellrSystem(): BookingSystem {
  const used = new Set<number>();
  const trips = async ({ api }: SystemContext) => {
    const res = await api.request('GET', '/api/v1/trips', { step: 'trips.list' });
    expectStatus(res, 200, 'list trips');
    return field<{ id: string; title: string }[]>(res.body, 'data.trips') ?? [];
  };
  const register = async ({ api }: SystemContext, who: { email: string; password: string }) => {
    const res = await api.request('POST', '/api/v1/auth/register', { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password }, step: 'auth.register', setup: true });
    expectStatus(res, 201, 'register');
    registerSecret(field<string>(res.body, 'data.refreshToken'));
    return res;
  };
  return {
    async liveness({ api }) {
      const res = await api.request('GET', '/api/v1/health', { step: 'health.liveness' });
      expectStatus(res, 200, 'GET /api/v1/health');
      if (field(res.body, 'status') !== 'ok') throw new Error(`liveness says "${String(field(res.body, 'status'))}" (request id ${res.requestId})`);
    },
    async signIn(ctx, who) {
      const res = await register(ctx, who);
      return sessionOf(field(res.body, 'data.token'), field(res.body, 'data.user'), who.email, 'register');
    },
    async register(ctx, who) {
      await register(ctx, who);
    },
    passwordLogin: ({ api }, email, password) => api.request('POST', '/api/v1/auth/login', { body: { email, password }, step: 'auth.login-attempt' }),
    browse: ({ api }) => api.request('GET', '/api/v1/trips', { step: 'trips.browse' }),
    offerNames: async (ctx) => (await trips(ctx)).map((t) => t.title),
    async openSlot(ctx, _owner, purpose) {
      const { stock } = ctx.api.profile;
      const name = purpose === 'race' ? stock.race ?? stock.hotel : stock.hotel;
      const trip = (await trips(ctx)).find((t) => t.title === name);
      if (!trip) throw new Error(`trip "${name}" is not listed`);
      const { checkIn } = freshNight(used);
      return { label: `${trip.title} departing ${checkIn}`, offerName: trip.title, data: { tripId: trip.id, departure: checkIn } };
    },
    async freeUnits({ api }, slot) {
      const res = await api.request('GET', `/api/v1/trips/${slot.data.tripId}/availability`, { query: { departureId: String(slot.data.departure), guests: 1 }, step: 'trips.availability' });
      expectStatus(res, 200, 'trip availability');
      const spots = field<number>(res.body, 'data.remainingSpots');
      if (typeof spots !== 'number') throw new Error(`availability carries no remainingSpots (request id ${res.requestId})`);
      return spots;
    },
    async prepareReservation(ctx, slot, contender) {
      return barrierRequest(ctx, 'POST', '/api/v1/bookings', contender.token, {
        trip: slot.data.tripId,
        numberOfGuests: 1,
        selectedDate: slot.data.departure,
        guestDetails: [{ name: 'Holdfast Synthetic', email: contender.email }],
        paymentMethod: 'card',
      });
    },
    classify({ api }, answer) {
      const id = field<string>(answer.body, 'data.booking._id');
      if (answer.status === 201 && id) return { kind: 'reserved', id };
      return isRejection(answer, api.profile.rejections.insufficientInventory) ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, session, id) {
      const res = await api.request('DELETE', `/api/v1/bookings/${id}`, { token: session.token, step: 'cleanup.cancel' });
      return res.status === 200 ? 'cancelled' : res.status === api.profile.rejections.wrongState.status ? 'already-final' : 'failed';
    },
  };
}
