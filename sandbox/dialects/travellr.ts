// Travellr (Express + MongoDB) as its code answers: /api/v1 routes, {success, data} envelopes, trips with departures, 7-day JWTs.
// A trip is a package, a departure is one of its nights, a guest is a unit; booking = reserve + pay + confirm in one call.
// It has no rate limit or lockout (a finding in its code, not a dialect shortcut).
import { setTimeout as delay } from 'node:timers/promises';
import { routes } from '../../src/systems/travellr/routes.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import { on, type Dialect, type DialectRequest } from './router.ts';

const started = Date.now();
const ok = (status: number, data: unknown, message?: string) => ({ status, body: { success: true, ...(message ? { message } : {}), data, timestamp: new Date().toISOString() } });
/** Roles a traveller may register with; anything else (admin) becomes "user" unless signup-grants-admin (as Travellr's code does). */
const SELF_SERVICE_ROLES = new Set(['user', 'vendor']);

export function travellrDialect(core: Core, faults: Faults): Dialect {
  const users = new Map<string, { name: string; role: string }>();
  const userView = (id: string, email: string) => ({ id, email, ...(users.get(id) ?? { name: email.split('@')[0], role: 'user' }) });
  const session = async (req: DialectRequest<{ email: string; password: string; name?: string; role?: string }, unknown>, route: 'register' | 'login', status: number) => {
    const s = await core.call(route, { requestId: req.requestId, body: { email: req.body.email, password: req.body.password } });
    const user = s.user as { id: string; email: string };
    if (route === 'register') {
      const asked = req.body.role ?? 'user';
      users.set(user.id, { name: req.body.name ?? req.body.email.split('@')[0]!, role: SELF_SERVICE_ROLES.has(asked) || faults.has('signup-grants-admin') ? asked : 'user' });
    }
    return ok(status, { user: userView(user.id, user.email), token: s.accessToken, refreshToken: s.refreshToken }, route === 'register' ? 'User registered' : 'Login successful');
  };
  return {
    name: 'travellr',
    invalidStatus: 400,
    errorBody: (_status, message, code, _requestId, details) => ({ success: false, message, ...(code ? { error: code } : {}), ...(details ? { errors: details } : {}), timestamp: new Date().toISOString() }),
    reset: () => users.clear(),
    routes: [
      on(routes.health, async () => ({ status: 200, body: { status: 'ok', uptime: (Date.now() - started) / 1000 } })),
      on(routes.v1Health, async () => ({ status: 200, body: { status: 'ok', timestamp: new Date().toISOString() } })),
      // The path Travellr's own probes call; its code has no such route (health-drift serves it as the code does: 404).
      on(routes.probedHealth, async () => {
        if (faults.has('health-drift')) throw new HttpProblem(404, 'Route not found', 'NOT_FOUND');
        return { status: 200, body: { status: 'ok', timestamp: new Date().toISOString() } };
      }),
      on(routes.register, (req) => session(req, 'register', 201)),
      on(routes.login, (req) => session(req, 'login', 200)),
      on(routes.me, async (req) => {
        if (!req.token) throw new HttpProblem(401, 'Not authorized, no token', 'UNAUTHORIZED');
        const me = await core.call('me', { token: req.token, requestId: req.requestId });
        return ok(200, { user: userView(String(me.id), String(me.email)) });
      }),
      on(routes.trips, async () => {
        const trips = (await core.publishedPackages()).map((p) => ({ _id: p.id, id: p.id, title: p.name, price: Number(p.pricePerPerson) }));
        return ok(200, { trips, total: trips.length });
      }),
      on(routes.availability, async (req) => {
        const trip = await core.packageById(req.params.id!);
        if (!trip) throw new HttpProblem(404, 'Trip not found', 'NOT_FOUND');
        const remainingSpots = await core.freeUnits(trip.id, req.query.departureId);
        return ok(200, { available: remainingSpots >= (req.query.guests ?? 1), remainingSpots });
      }),
      on(routes.book, async (req) => {
        await delay(faults.nextReserveDelayMs());
        const { trip, numberOfGuests, selectedDate } = req.body;
        let held;
        try {
          held = await core.reserve(req.token ?? '', req.requestId, trip, selectedDate, numberOfGuests);
        } catch (error) {
          if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(409, 'Not enough spots available for this departure', 'NOT_ENOUGH_SPOTS');
          throw error;
        }
        await core.sell(req.token ?? '', req.requestId, held.id);
        return ok(201, { booking: { _id: held.id, trip, selectedDate, numberOfGuests, totalPrice: Number(held.total), status: 'confirmed' } }, 'Booking created');
      }),
      on(routes.cancel, async (req) => {
        try {
          await core.cancel(req.token ?? '', req.requestId, req.params.id!);
        } catch (error) {
          if (error instanceof HttpProblem && error.status === 409) throw new HttpProblem(400, 'Booking is already cancelled', 'ALREADY_CANCELLED');
          throw error;
        }
        return ok(200, { booking: { _id: req.params.id, status: 'cancelled' } }, 'Booking cancelled');
      }),
    ],
  };
}
