// Which routes the TripAvail contract has: method, path (below the API prefix), body and the schema of every declared status.
import { z } from 'zod';
import * as s from './schemas.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: Method;
  /** Relative to the profile's API prefix; `:name` segments are path parameters. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Needs a Bearer token. */
  auth: boolean;
  responses: Readonly<Record<number, z.ZodType>>;
  /**
   * What the suite's steps read from an answer, by status (default: the whole contracted schema). A body that breaks
   * the contract only outside these fields is drift (one P2 finding); inside them the step cannot go on.
   */
  needs?: Readonly<Record<number, z.ZodType>>;
}

const route = <const R extends Route>(r: R): R => r;

export const routes = {
  health: route({ method: 'GET', path: '/health', auth: false, responses: { 200: s.Health } }),
  readiness: route({ method: 'GET', path: '/health/ready', auth: false, responses: { 200: s.Readiness, 503: s.Readiness } }),

  register: route({
    method: 'POST', path: '/auth/register', auth: false, body: s.RegisterBody,
    responses: { 201: s.AuthSession, 400: s.Problem, 409: s.Problem, 429: s.Problem }, needs: { 201: s.needs.session },
  }),
  login: route({
    method: 'POST', path: '/auth/login', auth: false, body: s.LoginBody,
    responses: { 200: s.AuthSession, 400: s.Problem, 401: s.Problem, 429: s.Problem }, needs: { 200: s.needs.session },
  }),
  otpStart: route({
    method: 'POST', path: '/auth/start', auth: false, body: s.OtpStartBody,
    responses: { 201: s.OtpStartResult, 400: s.Problem, 429: s.Problem },
  }),
  otpVerify: route({
    method: 'POST', path: '/auth/verify', auth: false, body: s.OtpVerifyBody,
    responses: { 201: s.AuthSession, 400: s.Problem, 401: s.Problem, 429: s.Problem }, needs: { 201: s.needs.session },
  }),
  me: route({ method: 'GET', path: '/auth/me', auth: true, responses: { 200: s.User, 401: s.Problem }, needs: { 200: s.needs.me } }),

  listHotelPackages: route({
    method: 'GET', path: '/hotel-packages', auth: false, query: s.PackageQuery,
    responses: { 200: s.pageOf(s.HotelPackage), 400: s.Problem },
  }),
  getHotelPackage: route({
    method: 'GET', path: '/hotel-packages/:id', auth: false,
    responses: { 200: s.HotelPackage, 404: s.Problem }, needs: { 200: s.needs.package },
  }),
  listTourPackages: route({
    method: 'GET', path: '/tour-packages', auth: false, query: s.PackageQuery,
    responses: { 200: s.pageOf(s.TourPackage), 400: s.Problem },
  }),
  getTourPackage: route({
    method: 'GET', path: '/tour-packages/:id', auth: false,
    responses: { 200: s.TourPackageDetail, 404: s.Problem },
  }),

  quote: route({
    method: 'POST', path: '/bookings/quote', auth: true, body: s.QuoteBody,
    responses: { 201: s.Quote, 400: s.Problem, 401: s.Problem, 422: s.Problem }, needs: { 201: s.needs.quote },
  }),
  hold: route({
    method: 'POST', path: '/bookings/hold', auth: true, body: s.HoldBody,
    responses: { 201: s.Hold, 400: s.Problem, 401: s.Problem, 404: s.Problem, 409: s.Problem, 410: s.Problem, 422: s.Problem }, needs: { 201: s.needs.hold },
  }),
  preAuthorize: route({
    method: 'POST', path: '/payments/pre-authorize', auth: true, body: s.PreAuthorizeBody,
    responses: { 201: s.Payment, 400: s.Problem, 401: s.Problem, 402: s.Problem, 404: s.Problem, 409: s.Problem, 410: s.Problem }, needs: { 201: s.needs.payment },
  }),
  confirm: route({
    method: 'POST', path: '/bookings/:id/confirm', auth: true,
    responses: { 200: s.Confirmation, 401: s.Problem, 404: s.Problem, 409: s.Problem, 410: s.Problem }, needs: { 200: s.needs.confirmation },
  }),
  getBooking: route({
    method: 'GET', path: '/bookings/:id', auth: true,
    responses: { 200: s.Booking, 401: s.Problem, 404: s.Problem },
  }),
  cancel: route({
    method: 'POST', path: '/bookings/:id/cancel/guest', auth: true,
    responses: { 200: s.Cancellation, 401: s.Problem, 404: s.Problem, 409: s.Problem }, needs: { 200: s.needs.cancellation },
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
/** The body type a route answers with for a given status. */
export type ResponseOf<N extends RouteName, S extends keyof Routes[N]['responses']> =
  Routes[N]['responses'][S] extends z.ZodType ? z.infer<Routes[N]['responses'][S]> : never;
export type BodyOf<N extends RouteName> = Routes[N] extends { body: z.ZodType } ? z.input<Routes[N]['body']> : never;

/** Fills `:name` segments; a missing parameter is a programming error. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path ${path} needs parameter "${name}"`);
    return encodeURIComponent(value);
  });
}

/** Problem codes the contract names. */
export const ProblemCode = {
  insufficientInventory: 'INSUFFICIENT_INVENTORY',
  invalidState: 'INVALID_STATE',
  holdExpired: 'HOLD_EXPIRED',
  quoteExpired: 'QUOTE_EXPIRED',
  idempotencyMismatch: 'IDEMPOTENCY_KEY_REUSED',
  paymentDeclined: 'PAYMENT_DECLINED',
  paymentExists: 'PAYMENT_EXISTS',
  notFound: 'NOT_FOUND',
  validation: 'VALIDATION_FAILED',
  unauthorized: 'UNAUTHORIZED',
  locked: 'TOO_MANY_ATTEMPTS',
  duplicateEmail: 'EMAIL_TAKEN',
} as const;
