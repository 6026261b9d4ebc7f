// Soleil Hostel (Laravel) as observed: /api routes, opaque 60-minute tokens (a new login revokes older ones), login-v2
// answering 201, rooms searched by dates and left out when taken (one room, one booking per range), bookings "pending"
// until they expire, 422 when a range is taken, and its limits: register 5 and logins 20 a minute per client address,
// 5 failed logins lock an e-mail, bookings 5 a minute per user and 20 per address.
// Dialect shortcut: synthetic users count as e-mail-verified.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { routes } from '../../src/systems/soleil/routes.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import { RateLimiter, type Core } from './core.ts';
import { on, type Dialect, type DialectRequest } from './router.ts';

const TOKEN_TTL_MS = 60 * 60_000;
const nightsBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

export function soleilDialect(core: Core, faults: Faults): Dialect {
  const tokens = new Map<string, { jwt: string; userId: string; email: string; expires: number }>();
  const latestByUser = new Map<string, string>();
  const names = new Map<string, string>();
  const limits = {
    register: new RateLimiter(5, 'Too many registrations. Please try again later.'),
    login: new RateLimiter(20, 'Too many login attempts. Please try again later.'),
    bookingsPerUser: new RateLimiter(5, 'Too many booking attempts.'),
    bookingsPerAddress: new RateLimiter(20, 'Too many booking attempts.'),
  };
  const sessionOf = (req: DialectRequest<unknown, unknown>) => {
    const entry = req.token ? tokens.get(req.token) : undefined;
    if (!entry || entry.expires < Date.now()) throw new HttpProblem(401, 'Unauthenticated. Please log in.', 'UNAUTHENTICATED');
    return entry;
  };
  return {
    name: 'soleil',
    invalidStatus: 422,
    errorBody: (status, message, _code, requestId, details) => ({
      success: false,
      data: null,
      message: details ? 'Validation failed.' : message,
      errors: details ? Object.fromEntries(details.map((d) => [d.field, [d.message]])) : null,
      ...(status === 429 ? { retry_after: 60 } : {}),
      trace_id: requestId,
      timestamp: new Date().toISOString(),
    }),
    reset() {
      tokens.clear();
      latestByUser.clear();
      names.clear();
      for (const l of Object.values(limits)) l.reset();
    },
    routes: [
      on(routes.live, async () => ({ status: 200, body: faults.has('health-drift') ? { alive: true } : { status: 'ok' } })),
      on(routes.ready, async () => {
        throw new HttpProblem(401, 'Unauthenticated. Please log in.', 'UNAUTHENTICATED');
      }),
      on(routes.register, async (req) => {
        limits.register.take(req.ip);
        const s = await core.call('register', { requestId: req.requestId, body: { email: req.body.email, password: req.body.password } }).catch((error: unknown) => {
          if (error instanceof HttpProblem && error.status === 409) throw new HttpProblem(422, 'The email has already been taken.', 'VALIDATION_FAILED');
          throw error;
        });
        const user = s.user as { id: string; email: string };
        names.set(user.id, req.body.name);
        return { status: 201, body: { success: true, message: 'User registered successfully', data: { user: { id: user.id, name: req.body.name, email: user.email, role: 'user', email_verified_at: new Date().toISOString() }, token_type: 'Bearer' } } };
      }),
      on(routes.login, async (req) => {
        limits.login.take(req.ip);
        let s;
        try {
          s = await core.call('login', { requestId: req.requestId, body: { email: req.body.email, password: req.body.password } });
        } catch (error) {
          if (error instanceof HttpProblem && error.status === 429) throw new HttpProblem(429, 'Too many login attempts. Please try again in 60 seconds.', 'TOO_MANY_ATTEMPTS', error.headers);
          if (error instanceof HttpProblem && error.status === 401) throw new HttpProblem(401, 'Unauthenticated. Please log in.', 'UNAUTHENTICATED');
          throw error;
        }
        const user = s.user as { id: string; email: string };
        const previous = latestByUser.get(user.id);
        if (previous) tokens.delete(previous);
        const token = `${randomBytes(4).toString('hex')}|${randomBytes(30).toString('base64url')}`;
        const expires = Date.now() + TOKEN_TTL_MS;
        tokens.set(token, { jwt: String(s.accessToken), userId: user.id, email: user.email, expires });
        latestByUser.set(user.id, token);
        return { status: 201, body: { success: true, message: 'Login successful', data: { token, user: { id: user.id, name: names.get(user.id) ?? 'Synthetic', email: user.email }, expires_at: new Date(expires).toISOString(), expires_in_minutes: 60, type: 'short_lived' } } };
      }),
      on(routes.me, async (req) => {
        const s = sessionOf(req);
        return { status: 200, body: { success: true, message: 'Success', data: { user: { id: s.userId, name: names.get(s.userId) ?? 'Synthetic', email: s.email, role: 'user', email_verified_at: new Date().toISOString() } } } };
      }),
      on(routes.rooms, async (req) => {
        const nights = nightsBetween(req.query.check_in, req.query.check_out);
        // A room is listed for a range exactly while it is free for all of it.
        const rooms = [];
        for (const p of await core.publishedPackages()) {
          const total = await core.totalUnits(p.id, req.query.check_in);
          if (total > 0 && (await core.freeUnits(p.id, req.query.check_in, nights)) === total) rooms.push({ id: p.id, name: p.name, price: Number(p.pricePerPerson), max_guests: 2, status: 'available' });
        }
        return { status: 200, body: { success: true, message: 'Room list fetched successfully', data: rooms } };
      }),
      on(routes.room, async (req) => {
        const p = await core.packageById(req.params.id!);
        if (!p) throw new HttpProblem(404, 'Endpoint not found.', 'NOT_FOUND');
        return { status: 200, body: { success: true, message: 'Room fetched successfully', data: { id: p.id, name: p.name, price: Number(p.pricePerPerson) } } };
      }),
      on(routes.book, async (req) => {
        const s = sessionOf(req);
        limits.bookingsPerUser.take(s.userId);
        limits.bookingsPerAddress.take(req.ip);
        await delay(faults.nextReserveDelayMs());
        const roomId = String(req.body.room_id);
        const nights = nightsBetween(req.body.check_in, req.body.check_out);
        try {
          // One room, one booking per range: a booking takes the room's every unit.
          const units = await core.totalUnits(roomId, req.body.check_in);
          const held = await core.reserve(s.jwt, req.requestId, roomId, req.body.check_in, Math.max(units, 1), nights);
          return { status: 201, body: { success: true, message: 'Booking created successfully', data: { id: held.id, room_id: roomId, check_in: req.body.check_in, check_out: req.body.check_out, guest_name: req.body.guest_name, guest_email: req.body.guest_email, status: 'pending', nights, amount: Number(held.total) } } };
        } catch (error) {
          if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(422, 'Room is already booked for the specified dates. Please choose different dates.', 'ROOM_UNAVAILABLE');
          if (error instanceof HttpProblem && error.code === 'PACKAGE_UNAVAILABLE') throw new HttpProblem(422, 'The selected room is invalid.', 'VALIDATION_FAILED');
          throw error;
        }
      }),
      on(routes.booking, async (req) => {
        const s = sessionOf(req);
        const b = await core.call('getBooking', { token: s.jwt, requestId: req.requestId, params: { id: req.params.id! } }).catch((error: unknown) => {
          if (error instanceof HttpProblem && error.status === 404) throw new HttpProblem(404, 'Booking not found.', 'NOT_FOUND');
          throw error;
        });
        const status = String(b.status) === 'HOLD' ? 'pending' : String(b.status).toLowerCase();
        return { status: 200, body: { success: true, data: { id: b.id, room_id: b.packageId, check_in: b.checkInDate, check_out: b.checkOutDate, status } } };
      }),
      on(routes.cancel, async (req) => {
        const s = sessionOf(req);
        try {
          await core.cancel(s.jwt, req.requestId, req.params.id!);
        } catch (error) {
          // Cancelling is idempotent in Soleil: an already cancelled or expired booking answers 200.
          if (!(error instanceof HttpProblem && error.status === 409)) throw error;
        }
        return { status: 200, body: { success: true, message: 'Booking cancelled successfully.', data: { id: req.params.id, status: 'cancelled' } } };
      }),
    ],
  };
}
