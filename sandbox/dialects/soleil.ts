// Soleil Hostel (Laravel) as its code answers: /api routes, opaque 60-minute tokens (a new login revokes older ones),
// login-v2 answering 201, rooms searched by dates, bookings "pending" until they expire, 422 when a range is taken.
import { randomBytes } from 'node:crypto';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import type { Dialect, DialectRequest } from './router.ts';

const TOKEN_TTL_MS = 60 * 60_000;
const strongPassword = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function soleilDialect(core: Core, faults: Faults): Dialect {
  const tokens = new Map<string, { jwt: string; userId: string; expires: number }>();
  const latestByUser = new Map<string, string>();
  const jwtOf = (req: DialectRequest) => {
    const entry = req.token ? tokens.get(req.token) : undefined;
    if (!entry || entry.expires < Date.now()) throw new HttpProblem(401, 'Unauthenticated.', 'UNAUTHENTICATED');
    return entry.jwt;
  };
  const nightsBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  const range = (req: DialectRequest, from: Record<string, unknown>) => {
    const { check_in: checkIn, check_out: checkOut } = from;
    if (!isDate(checkIn) || !isDate(checkOut) || nightsBetween(checkIn, checkOut) < 1) throw new HttpProblem(422, 'check_in and check_out must be dates, check_out after check_in', 'VALIDATION_FAILED');
    return { checkIn, checkOut, nights: nightsBetween(checkIn, checkOut) };
  };
  return {
    name: 'soleil',
    errorBody: (status, message, code) => ({ success: false, message, ...(code && status === 422 ? { errors: { booking: [message] } } : {}) }),
    routes: [
      {
        method: 'GET',
        path: '/api/health/live',
        handle: async () => ({ status: 200, body: faults.has('health-drift') ? { alive: true } : { status: 'ok' } }),
      },
      { method: 'GET', path: '/api/health/ready', handle: async () => { throw new HttpProblem(401, 'Unauthenticated.', 'UNAUTHENTICATED'); } },
      {
        method: 'POST',
        path: '/api/auth/register',
        handle: async (req) => {
          const { name, email, password, password_confirmation: confirmation } = req.body as Record<string, string>;
          if (!name || !email) throw new HttpProblem(422, 'The name and email fields are required.', 'VALIDATION_FAILED');
          if (!strongPassword.test(password ?? '')) throw new HttpProblem(422, 'The password must have 8+ characters with upper and lower case, a digit and a symbol.', 'VALIDATION_FAILED');
          if (password !== confirmation) throw new HttpProblem(422, 'The password confirmation does not match.', 'VALIDATION_FAILED');
          const s = await core.call('register', { requestId: req.requestId, body: { email, password } });
          const user = s.user as { id: string; email: string };
          return { status: 201, body: { success: true, message: 'Registered. Please verify your e-mail.', data: { user: { id: user.id, name, email: user.email } } } };
        },
      },
      {
        method: 'POST',
        path: '/api/auth/login-v2',
        handle: async (req) => {
          const s = await core.call('login', { requestId: req.requestId, body: { email: String(req.body.email ?? ''), password: String(req.body.password ?? '') } });
          const user = s.user as { id: string; email: string };
          const previous = latestByUser.get(user.id);
          if (previous) tokens.delete(previous);
          const token = `${randomBytes(4).toString('hex')}|${randomBytes(30).toString('base64url')}`;
          const expires = Date.now() + TOKEN_TTL_MS;
          tokens.set(token, { jwt: String(s.accessToken), userId: user.id, expires });
          latestByUser.set(user.id, token);
          return { status: 201, body: { success: true, message: 'Login successful', data: { token, token_type: 'Bearer', expires_at: new Date(expires).toISOString(), user: { id: user.id, email: user.email } } } };
        },
      },
      {
        method: 'GET',
        path: '/api/v1/rooms',
        handle: async (req) => {
          const { checkIn, nights } = range(req, req.query);
          const rooms = await Promise.all(
            (await core.publishedPackages()).map(async (p) => {
              const units = await core.freeUnits(p.id, checkIn, nights);
              return { id: p.id, name: p.name, price: Number(p.pricePerPerson), available: units > 0, units_available: units };
            }),
          );
          return { status: 200, body: { success: true, data: rooms } };
        },
      },
      {
        method: 'POST',
        path: '/api/v1/bookings',
        handle: async (req) => {
          const jwt = jwtOf(req);
          const roomId = String(req.body.room_id ?? '');
          const { checkIn, checkOut, nights } = range(req, req.body);
          if (!req.body.guest_name || !req.body.guest_email) throw new HttpProblem(422, 'guest_name and guest_email are required.', 'VALIDATION_FAILED');
          try {
            const held = await core.reserve(jwt, req.requestId, roomId, checkIn, 1, nights);
            return { status: 201, body: { success: true, data: { id: held.id, room_id: roomId, check_in: checkIn, check_out: checkOut, status: 'pending', amount: Number(held.total) } } };
          } catch (error) {
            if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(422, 'The room is not available for the selected dates.', 'ROOM_UNAVAILABLE');
            if (error instanceof HttpProblem && error.code === 'PACKAGE_UNAVAILABLE') throw new HttpProblem(422, 'The selected room is invalid.', 'VALIDATION_FAILED');
            throw error;
          }
        },
      },
      {
        method: 'POST',
        path: '/api/v1/bookings/:id/cancel',
        handle: async (req) => {
          const jwt = jwtOf(req);
          try {
            await core.cancel(jwt, req.requestId, req.params.id!);
          } catch (error) {
            // Cancelling is idempotent in Soleil: an already cancelled or expired booking answers 200.
            if (!(error instanceof HttpProblem && error.status === 409)) throw error;
          }
          return { status: 200, body: { success: true, data: { id: req.params.id, status: 'cancelled' } } };
        },
      },
    ],
  };
}
