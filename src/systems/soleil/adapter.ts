// Soleil Hostel's transaction in the suite's steps: a room over a date range is the slot; a pending booking reserves it.
import { isRejection } from '../../integrity/race.ts';
import type { SyntheticUser } from '../../flows/identity.ts';
import { call, freshNight, loginAttempt, readMeOn, sessionOf, succeed, successOf } from '../shared.ts';
import { barrierRequest, type BookingSystem, type SystemContext } from '../types.ts';
import { freeUnitsOfRoom, roomsFor } from './readers.ts';
import { routes } from './routes.ts';

export function soleilSystem(): BookingSystem {
  const used = new Set<number>();
  const logIn = async ({ api }: SystemContext, who: SyntheticUser) => {
    const res = await succeed(api, routes.login, { body: { email: who.email, password: who.password }, step: 'auth.login', setup: true });
    return sessionOf(res.data.token, res.data.user, who.email, 'login-v2');
  };
  const register = ({ api }: SystemContext, who: SyntheticUser) =>
    succeed(api, routes.register, { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, password_confirmation: who.password }, step: 'auth.register', setup: true });
  return {
    reuseUsers: true,
    async liveness({ api }) {
      await succeed(api, routes.live, { step: 'health.liveness' });
    },
    async signIn(ctx, who) {
      await register(ctx, who);
      return logIn(ctx, who);
    },
    logIn,
    async register(ctx, who) {
      await register(ctx, who);
    },
    passwordLogin: loginAttempt(routes.login),
    readMe: readMeOn(routes.me),
    async whoAmI({ api }, session) {
      const { user } = (await succeed(api, routes.me, { token: session.token, step: 'auth.me' })).data;
      return { id: String(user.id), email: user.email, role: user.role ?? undefined };
    },
    // A room is one unit per range: three guests competing for it, at most 5 bookings a minute per user and 20 per address.
    racePlan: (asked) => ({ contenders: Math.min(asked.concurrency, 3), rounds: 1, reason: 'bookings are limited to 5 a minute per user and 20 per client address; a room is one unit' }),
    browse: ({ api }) => {
      const night = freshNight(new Set());
      return call(api, routes.rooms, { query: { check_in: night.checkIn, check_out: night.checkOut }, step: 'rooms.browse' });
    },
    async offerNames({ api }) {
      const night = freshNight(new Set());
      return (await roomsFor(api, night.checkIn, night.checkOut)).map((r) => r.name);
    },
    async openSlot({ api }, _owner, purpose) {
      const { stock } = api.profile;
      const name = purpose === 'race' ? stock.race ?? stock.hotel : stock.hotel;
      const night = freshNight(used);
      const room = (await roomsFor(api, night.checkIn, night.checkOut)).find((r) => r.name === name);
      if (!room) throw new Error(`room "${name}" is not listed for ${night.checkIn}`);
      return { label: `${room.name} from ${night.checkIn} to ${night.checkOut}`, offerName: room.name, data: { roomId: room.id, ...night } };
    },
    freeUnits: ({ api }, slot) => freeUnitsOfRoom(api, slot.data.roomId as string | number, String(slot.data.checkIn), String(slot.data.checkOut)),
    async prepareReservation(ctx, slot, contender) {
      const body = { room_id: slot.data.roomId as string | number, check_in: String(slot.data.checkIn), check_out: String(slot.data.checkOut), guest_name: 'Holdfast Synthetic', guest_email: contender.email, number_of_guests: 1 };
      routes.book.body.parse(body);
      return barrierRequest(ctx, 'POST', routes.book.path, contender.token, body);
    },
    classify({ api }, answer) {
      const parsed = routes.book.responses[201].safeParse(answer.body);
      if (answer.status === successOf(routes.book) && parsed.success) return { kind: 'reserved', id: String(parsed.data.data.id) };
      // 422 when the row lock sees the overlap first; 409 when the exclusion constraint catches the race.
      const constraint = answer.status === 409;
      return isRejection(answer, api.profile.rejections.insufficientInventory) || constraint ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, session, id) {
      const res = await call(api, routes.cancel, { token: session.token, params: { id }, step: 'cleanup.cancel' });
      return res.status === successOf(routes.cancel) ? 'cancelled' : 'failed';
    },
  };
}
