// Soleil Hostel's routes as data (../shared/contract/other-systems.md, "Observed on running deployments"): what the client
// sends and validates, and what the sandbox dialect serves.
import { z } from 'zod';
import { route } from '../shared.ts';

/** Laravel's envelope for refusals: `{success:false, message}`, with `errors` per field on a 422. */
export const SoleilError = z.looseObject({ message: z.string(), success: z.literal(false).optional(), errors: z.record(z.string(), z.array(z.string())).nullable().optional() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.union([z.number(), z.string()]);
export const Room = z.looseObject({ id, name: z.string() });
export const Booking = z.looseObject({ id, room_id: id, check_in: z.string(), check_out: z.string(), status: z.string() });
export const SelfUser = z.looseObject({ id, email: z.string(), role: z.string().nullable().optional() });
/** 8+ characters with upper and lower case, a digit and a symbol. */
export const strongPassword = z.string().regex(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/);

export const routes = {
  live: route({ method: 'GET', path: '/api/health/live', auth: false, responses: { 200: z.looseObject({ status: z.literal('ok') }) } }),
  /** Needs an admin's token. */
  ready: route({ method: 'GET', path: '/api/health/ready', auth: true, responses: { 200: z.looseObject({ status: z.string() }), 401: SoleilError, 403: SoleilError, 503: z.looseObject({ status: z.string() }) } }),
  register: route({
    method: 'POST', path: '/api/auth/register', auth: false,
    body: z.object({ name: z.string().min(1), email: z.email(), password: strongPassword, password_confirmation: z.string() }).refine((b) => b.password === b.password_confirmation, { message: 'The password confirmation does not match.', path: ['password_confirmation'] }),
    responses: { 201: z.looseObject({ success: z.literal(true), data: z.looseObject({ user: SelfUser, access_token: z.string().optional() }) }), 422: SoleilError, 429: z.looseObject({ message: z.string() }) },
  }),
  login: route({
    method: 'POST', path: '/api/auth/login-v2', auth: false,
    body: z.object({ email: z.string(), password: z.string(), remember_me: z.boolean().optional(), device_name: z.string().optional() }),
    responses: {
      201: z.looseObject({ success: z.literal(true), data: z.looseObject({ token: z.string().min(1), user: z.looseObject({ id, email: z.string() }), expires_at: z.string() }) }),
      401: SoleilError, 422: SoleilError, 429: z.looseObject({ message: z.string() }),
    },
  }),
  me: route({ method: 'GET', path: '/api/auth/me-v2', auth: true, responses: { 200: z.looseObject({ success: z.literal(true), data: z.looseObject({ user: SelfUser }) }), 401: SoleilError } }),
  rooms: route({
    method: 'GET', path: '/api/v1/rooms', auth: false,
    query: z.object({ check_in: isoDate, check_out: isoDate }).refine((q) => q.check_out > q.check_in, { message: 'Check-out date must be after check-in date.', path: ['check_out'] }),
    responses: { 200: z.looseObject({ success: z.literal(true), data: z.array(Room) }), 422: SoleilError },
  }),
  room: route({ method: 'GET', path: '/api/v1/rooms/:id', auth: false, responses: { 200: z.looseObject({ success: z.literal(true), data: Room }), 404: SoleilError } }),
  book: route({
    method: 'POST', path: '/api/v1/bookings', auth: true,
    body: z.object({ room_id: id, check_in: isoDate, check_out: isoDate, guest_name: z.string().min(2), guest_email: z.email(), number_of_guests: z.number().int().min(1).optional() })
      .refine((b) => b.check_out > b.check_in, { message: 'Check-out date must be after check-in date.', path: ['check_out'] }),
    responses: { 201: z.looseObject({ success: z.literal(true), data: Booking }), 401: SoleilError, 403: SoleilError, 409: SoleilError, 422: SoleilError, 429: SoleilError },
  }),
  booking: route({ method: 'GET', path: '/api/v1/bookings/:id', auth: true, responses: { 200: z.looseObject({ success: z.literal(true), data: Booking }), 401: SoleilError, 404: SoleilError } }),
  /** Idempotent: cancelling again answers 200. */
  cancel: route({ method: 'POST', path: '/api/v1/bookings/:id/cancel', auth: true, responses: { 200: z.looseObject({ success: z.literal(true), data: Booking.partial({ room_id: true, check_in: true, check_out: true }) }), 401: SoleilError, 403: SoleilError, 404: SoleilError } }),
};
