// Travellr's transaction in the suite's steps: a trip's departure is the slot, a booking (paid at creation) reserves and sells.
import { registerSecret } from '../../client/redact.ts';
import { isRejection } from '../../integrity/race.ts';
import type { SyntheticUser } from '../../flows/identity.ts';
import { call, freshNight, loginAttempt, readMeOn, sessionOf, succeed, successOf } from '../shared.ts';
import { barrierRequest, type BookingSystem, type SystemContext } from '../types.ts';
import { routes } from './routes.ts';

/** The role a self-registered traveller asks for. */
const USER = 'user';

export function travellrSystem(): BookingSystem {
  const used = new Set<number>();
  const trips = async ({ api }: SystemContext) => (await succeed(api, routes.trips, { step: 'trips.list' })).data.trips;
  const register = async ({ api }: SystemContext, who: SyntheticUser, role = USER) => {
    const res = await succeed(api, routes.register, { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, role }, step: 'auth.register', setup: true });
    registerSecret(res.data.refreshToken);
    return res;
  };
  return {
    async liveness({ api }) {
      await succeed(api, routes.v1Health, { step: 'health.liveness' });
    },
    async signIn(ctx, who) {
      const res = await register(ctx, who);
      return sessionOf(res.data.token, res.data.user, who.email, 'register');
    },
    async logIn({ api }, who) {
      const res = await succeed(api, routes.login, { body: { email: who.email, password: who.password }, step: 'auth.login', setup: true });
      registerSecret(res.data.refreshToken);
      return sessionOf(res.data.token, res.data.user, who.email, 'login');
    },
    async register(ctx, who) {
      await register(ctx, who);
    },
    passwordLogin: loginAttempt(routes.login),
    readMe: readMeOn(routes.me),
    async whoAmI({ api }, session) {
      const { user } = (await succeed(api, routes.me, { token: session.token, step: 'auth.me' })).data;
      return { id: user.id, email: user.email, role: user.role };
    },
    selfRegistration: {
      privilegedRole: 'admin',
      async signUpAs(ctx, who, role) {
        const res = await call(ctx.api, routes.register, { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, role }, step: 'auth.register', setup: true });
        if (res.status !== successOf(routes.register) || res.contractViolation) return { refused: true, status: res.status, requestId: res.requestId };
        const { data } = res.body as { data: { token: string; refreshToken?: string } };
        registerSecret(data.token);
        registerSecret(data.refreshToken);
        const me = await succeed(ctx.api, routes.me, { token: data.token, step: 'auth.me' });
        return { refused: false, role: me.data.user.role, requestId: res.requestId };
      },
    },
    browse: ({ api }) => call(api, routes.trips, { step: 'trips.browse' }),
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
      const res = await succeed(api, routes.availability, { params: { id: String(slot.data.tripId) }, query: { departureId: String(slot.data.departure), guests: 1 }, step: 'trips.availability' });
      return res.data.remainingSpots;
    },
    async prepareReservation(ctx, slot, contender) {
      const body = { trip: String(slot.data.tripId), numberOfGuests: 1, selectedDate: String(slot.data.departure), guestDetails: [{ name: 'Holdfast Synthetic', email: contender.email }], paymentMethod: 'card' };
      routes.book.body.parse(body);
      return barrierRequest(ctx, 'POST', routes.book.path, contender.token, body);
    },
    classify({ api }, answer) {
      const parsed = routes.book.responses[201].safeParse(answer.body);
      if (answer.status === successOf(routes.book) && parsed.success) return { kind: 'reserved', id: parsed.data.data.booking._id };
      return isRejection(answer, api.profile.rejections.insufficientInventory) ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, session, id) {
      const res = await call(api, routes.cancel, { token: session.token, params: { id }, step: 'cleanup.cancel' });
      return res.status === successOf(routes.cancel) ? 'cancelled' : isRejection(res, api.profile.rejections.wrongState) ? 'already-final' : 'failed';
    },
  };
}
