// Travellr (Express + MongoDB) as its code answers: /api/v1 routes, {success, data} envelopes, trips with departures, 7-day JWTs.
// A trip is a package, a departure is one of its nights, a guest is a unit; booking = reserve + pay + confirm in one call.
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import type { Dialect, DialectRequest } from './router.ts';

const started = Date.now();
const ok = (status: number, data: unknown, message?: string) => ({ status, body: { success: true, ...(message ? { message } : {}), data, timestamp: new Date().toISOString() } });

export function travellrDialect(core: Core, faults: Faults): Dialect {
  const session = async (req: DialectRequest, route: 'register' | 'login', status: number) => {
    const email = String(req.body.email ?? '');
    const password = String(req.body.password ?? '');
    if (!email || !password) throw new HttpProblem(400, 'email and password are required', 'VALIDATION_FAILED');
    const s = await core.call(route, { requestId: req.requestId, body: { email, password } });
    const user = s.user as { id: string; email: string };
    return ok(status, { user: { id: user.id, name: String(req.body.name ?? email.split('@')[0]), email: user.email, role: 'user' }, token: s.accessToken, refreshToken: s.refreshToken }, route === 'register' ? 'User registered' : 'Login successful');
  };
  return {
    name: 'travellr',
    errorBody: (status, message, code) => ({ success: false, message, ...(code ? { error: code } : {}), timestamp: new Date().toISOString() }),
    routes: [
      { method: 'GET', path: '/health', handle: async () => ({ status: 200, body: { status: 'ok', uptime: (Date.now() - started) / 1000 } }) },
      { method: 'GET', path: '/api/v1/health', handle: async () => ({ status: 200, body: { status: 'ok', timestamp: new Date().toISOString() } }) },
      // The path Travellr's own probes call; its code has no such route (health-drift serves it as the code does: 404).
      {
        method: 'GET',
        path: '/api/health',
        handle: async () => {
          if (faults.has('health-drift')) throw new HttpProblem(404, 'Route not found', 'NOT_FOUND');
          return { status: 200, body: { status: 'ok', timestamp: new Date().toISOString() } };
        },
      },
      { method: 'POST', path: '/api/v1/auth/register', handle: (req) => session(req, 'register', 201) },
      { method: 'POST', path: '/api/v1/auth/login', handle: (req) => session(req, 'login', 200) },
      {
        method: 'GET',
        path: '/api/v1/trips',
        handle: async () => {
          const trips = (await core.publishedPackages()).map((p) => ({ _id: p.id, id: p.id, title: p.name, price: Number(p.pricePerPerson) }));
          return ok(200, { trips, total: trips.length });
        },
      },
      {
        method: 'GET',
        path: '/api/v1/trips/:id/availability',
        handle: async (req) => {
          const trip = await core.packageById(req.params.id!);
          if (!trip) throw new HttpProblem(404, 'Trip not found', 'NOT_FOUND');
          const departure = req.query.departureId ?? '';
          if (!/^\d{4}-\d{2}-\d{2}$/.test(departure)) throw new HttpProblem(400, 'departureId must be a departure date (YYYY-MM-DD)', 'VALIDATION_FAILED');
          const guests = Number(req.query.guests ?? 1);
          const remainingSpots = await core.freeUnits(trip.id, departure);
          return ok(200, { available: remainingSpots >= guests, remainingSpots });
        },
      },
      {
        method: 'POST',
        path: '/api/v1/bookings',
        handle: async (req) => {
          const { trip, numberOfGuests, selectedDate } = req.body as { trip?: string; numberOfGuests?: number; selectedDate?: string };
          if (!trip || !selectedDate || !Number.isInteger(numberOfGuests) || numberOfGuests! < 1) throw new HttpProblem(400, 'trip, selectedDate and numberOfGuests are required', 'VALIDATION_FAILED');
          let held;
          try {
            held = await core.reserve(req.token ?? '', req.requestId, trip, selectedDate, numberOfGuests!);
          } catch (error) {
            if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(409, 'Not enough spots available for this departure', 'NOT_ENOUGH_SPOTS');
            throw error;
          }
          await core.sell(req.token ?? '', req.requestId, held.id);
          return ok(201, { booking: { _id: held.id, trip, selectedDate, numberOfGuests, totalPrice: Number(held.total), status: 'confirmed' } }, 'Booking created');
        },
      },
      {
        method: 'DELETE',
        path: '/api/v1/bookings/:id',
        handle: async (req) => {
          try {
            await core.cancel(req.token ?? '', req.requestId, req.params.id!);
          } catch (error) {
            if (error instanceof HttpProblem && error.status === 409) throw new HttpProblem(400, 'Booking is already cancelled', 'ALREADY_CANCELLED');
            throw error;
          }
          return ok(200, { booking: { _id: req.params.id, status: 'cancelled' } }, 'Booking cancelled');
        },
      },
    ],
  };
}
