// Travellr's routes as data (../shared/contract/other-systems.md): what the client sends and validates, and what the
// sandbox dialect serves. `GET /api/v1/auth/me` is in its auth routes (authRoutes.js); its body is assumed to carry the
// same envelope as the login's.
import { z } from 'zod';
import { route } from '../shared.ts';

export const TravellrError = z.looseObject({ success: z.literal(false), message: z.string(), error: z.string().optional() });
const envelope = <T extends z.ZodType>(data: T) => z.looseObject({ success: z.literal(true), data });
export const User = z.looseObject({ id: z.string(), email: z.string(), role: z.string() });
const SessionData = z.looseObject({ user: User, token: z.string().min(1), refreshToken: z.string().optional() });
export const Trip = z.looseObject({ id: z.string(), title: z.string() });
export const BookingAnswer = envelope(z.looseObject({ booking: z.looseObject({ _id: z.string(), status: z.string() }) }));

export const routes = {
  health: route({ method: 'GET', path: '/health', auth: false, responses: { 200: z.looseObject({ status: z.literal('ok') }) } }),
  v1Health: route({ method: 'GET', path: '/api/v1/health', auth: false, responses: { 200: z.looseObject({ status: z.literal('ok') }) } }),
  /** The path Travellr's own probes and scripts call; its code has no such route (404). */
  probedHealth: route({ method: 'GET', path: '/api/health', auth: false, responses: { 200: z.looseObject({ status: z.string() }), 404: TravellrError } }),
  register: route({
    method: 'POST', path: '/api/v1/auth/register', auth: false,
    body: z.object({ name: z.string().min(1), email: z.email(), password: z.string().min(6), role: z.string().optional() }),
    responses: { 201: envelope(SessionData), 400: TravellrError, 409: TravellrError },
  }),
  login: route({
    method: 'POST', path: '/api/v1/auth/login', auth: false,
    body: z.object({ email: z.string(), password: z.string() }),
    responses: { 200: envelope(SessionData), 400: TravellrError, 401: TravellrError },
  }),
  me: route({ method: 'GET', path: '/api/v1/auth/me', auth: true, responses: { 200: envelope(z.looseObject({ user: User })), 401: TravellrError } }),
  trips: route({ method: 'GET', path: '/api/v1/trips', auth: false, responses: { 200: envelope(z.looseObject({ trips: z.array(Trip) })) } }),
  availability: route({
    method: 'GET', path: '/api/v1/trips/:id/availability', auth: false,
    query: z.object({ departureId: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), guests: z.coerce.number().int().min(1).optional() }),
    responses: { 200: envelope(z.looseObject({ available: z.boolean(), remainingSpots: z.number() })), 400: TravellrError, 404: TravellrError },
  }),
  book: route({
    method: 'POST', path: '/api/v1/bookings', auth: true,
    body: z.object({
      trip: z.string().min(1),
      numberOfGuests: z.number().int().min(1),
      selectedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      guestDetails: z.array(z.looseObject({ name: z.string(), email: z.string() })).optional(),
      paymentMethod: z.string().optional(),
    }),
    responses: { 201: BookingAnswer, 400: TravellrError, 401: TravellrError, 409: TravellrError },
  }),
  cancel: route({ method: 'DELETE', path: '/api/v1/bookings/:id', auth: true, responses: { 200: BookingAnswer, 400: TravellrError, 401: TravellrError, 404: TravellrError } }),
};
