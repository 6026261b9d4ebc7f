// Soleil Hostel's transaction in the suite's steps: a room over a date range is the slot; a pending booking reserves it.
import { field, freshNight, sessionOf } from './shared.ts';
import { barrierRequest, expectStatus, type BookingSystem, type SystemContext } from './types.ts';

export function soleilSystem(): BookingSystem {
  const used = new Set<number>();
  const rooms = async ({ api }: SystemContext, checkIn: string, checkOut: string) => {
    const res = await api.request('GET', '/api/v1/rooms', { query: { check_in: checkIn, check_out: checkOut }, step: 'rooms.search' });
    expectStatus(res, 200, 'search rooms');
    return field<{ id: string; name: string; units_available?: number; available?: boolean }[]>(res.body, 'data') ?? [];
  };
  const register = async ({ api }: SystemContext, who: { email: string; password: string }) => {
    const res = await api.request('POST', '/api/auth/register', { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, password_confirmation: who.password }, step: 'auth.register', setup: true });
    expectStatus(res, 201, 'register');
  };
  const login = ({ api }: SystemContext, email: string, password: string) => api.request('POST', '/api/auth/login-v2', { body: { email, password }, step: 'auth.login' });
  return {
    async liveness({ api }) {
      const res = await api.request('GET', '/api/health/live', { step: 'health.liveness' });
      expectStatus(res, 200, 'GET /api/health/live');
    },
    async signIn(ctx, who) {
      await register(ctx, who);
      const res = await login(ctx, who.email, who.password);
      expectStatus(res, 201, 'login-v2');
      return sessionOf(field(res.body, 'data.token'), field(res.body, 'data.user'), who.email, 'login-v2');
    },
    register,
    passwordLogin: login,
    browse: ({ api }) => {
      const night = freshNight(new Set());
      return api.request('GET', '/api/v1/rooms', { query: { check_in: night.checkIn, check_out: night.checkOut }, step: 'rooms.browse' });
    },
    async offerNames(ctx) {
      const night = freshNight(new Set());
      return (await rooms(ctx, night.checkIn, night.checkOut)).map((r) => r.name);
    },
    async openSlot(ctx, _owner, purpose) {
      const { stock } = ctx.api.profile;
      const name = purpose === 'race' ? stock.race ?? stock.hotel : stock.hotel;
      const night = freshNight(used);
      const room = (await rooms(ctx, night.checkIn, night.checkOut)).find((r) => r.name === name);
      if (!room) throw new Error(`room "${name}" is not listed for ${night.checkIn}`);
      return { label: `${room.name} from ${night.checkIn} to ${night.checkOut}`, offerName: room.name, data: { roomId: room.id, ...night } };
    },
    async freeUnits(ctx, slot) {
      const room = (await rooms(ctx, String(slot.data.checkIn), String(slot.data.checkOut))).find((r) => r.id === slot.data.roomId);
      if (typeof room?.units_available !== 'number') throw new Error(`room ${String(slot.data.roomId)} lists no units_available`);
      return room.units_available;
    },
    async prepareReservation(ctx, slot, contender) {
      return barrierRequest(ctx, 'POST', '/api/v1/bookings', contender.token, {
        room_id: slot.data.roomId,
        check_in: slot.data.checkIn,
        check_out: slot.data.checkOut,
        guest_name: 'Holdfast Synthetic',
        guest_email: contender.email,
      });
    },
    classify(_ctx, answer) {
      const id = field<string | number>(answer.body, 'data.id');
      if (answer.status === 201 && id !== undefined) return { kind: 'reserved', id: String(id) };
      // 422 when the row lock sees the overlap first, 409 when the exclusion constraint catches the race.
      return answer.status === 422 || answer.status === 409 ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, session, id) {
      const res = await api.request('POST', `/api/v1/bookings/${id}/cancel`, { token: session.token, step: 'cleanup.cancel' });
      return res.status === 200 ? 'cancelled' : 'failed';
    },
  };
}
