// How TripAvail's current code converses (../shared/contract/tripavail-today.md), as data: every route's method, path
// (below /v1), request body and the zod schema of every status it answers. The `tripavail-today` sandbox dialect serves
// exactly these routes, and the `tripavail-legacy` profile takes its paths from here (one table, two users).
import { z } from 'zod';

const Iso = z.iso.datetime();
const IsoOrNull = Iso.nullable();

/** Every validation failure is this message, with no per-field list. */
export const VALIDATION_MESSAGE = 'Bad Request Exception';

/** `{statusCode, timestamp, path, method, message, requestId}`; `message` always a string. */
export const TodayError = z.object({
  statusCode: z.number().int(),
  timestamp: Iso,
  path: z.string(),
  method: z.string(),
  message: z.string(),
  requestId: z.string().min(1),
});

/** Integers may arrive as strings ("2"). */
const IntLike = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number).pipe(z.number().int());
const DateLike = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const todayBodies = {
  otpStart: z.strictObject({ channel: z.literal('email'), email: z.email(), purpose: z.literal('login') }),
  otpVerify: z.strictObject({ channel: z.literal('email'), email: z.email(), code: z.string().min(1) }),
  // One DTO for both kinds (unknown fields → 400); which fields a kind needs is a business rule.
  quote: z.strictObject({
    packageType: z.enum(['HOTEL_PACKAGE', 'TOUR_PACKAGE']),
    packageId: z.string().min(1),
    checkInDate: DateLike,
    checkOutDate: DateLike.optional(),
    departureDate: DateLike.optional(),
    numberOfGuests: IntLike.pipe(z.number().min(1)),
    numberOfRooms: IntLike.pipe(z.number().min(1)).optional(),
    idempotencyKey: z.string().min(1).optional(),
  }),
  hold: z.strictObject({ quoteId: z.string().min(1) }),
  preAuthorize: z.strictObject({ bookingId: z.string().min(1), paymentMethodId: z.string().min(1), idempotencyKey: z.string().min(1) }),
} as const;

const listQuery = {
  page: IntLike.pipe(z.number().min(1)).optional(),
  // The contract's bound (TripAvail's code has none: a defect the catalog's input-validation check reports).
  pageSize: IntLike.pipe(z.number().min(1).max(100)).optional(),
  status: z.enum(['DRAFT', 'PUBLISHED', 'PAUSED', 'ARCHIVED']).optional(),
  providerId: z.string().optional(),
  search: z.string().optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  sortBy: z.enum(['createdAt', 'name']).optional(),
  sortOrder: z.enum(['asc', 'desc']).optional(),
};

export const todayQueries = {
  listHotelPackages: z.strictObject({ ...listQuery, templateId: z.string().optional(), listingId: z.string().optional() }),
  listTourPackages: z.strictObject({ ...listQuery, tripType: z.string().optional() }),
} as const;

/** The user object, as the healthy dialect answers it: the sheet's fields without `password` (no answer carries one). */
export const TodayUser = z.object({
  id: z.string().min(1),
  email: z.email(),
  phone: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  avatar: z.string().nullable(),
  role: z.enum(['TRAVELER', 'ADMIN']),
  emailVerified: z.boolean(),
  phoneVerified: z.boolean(),
  createdAt: Iso,
  updatedAt: Iso,
});

const Session = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1), user: TodayUser });

export const TodayHotelPackage = z.object({
  id: z.string(),
  providerId: z.string(),
  listingId: z.string(),
  templateId: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.string(),
  pricePerPerson: z.string().regex(/^\d+\.\d{2}$/),
  inclusions: z.array(z.string()),
  exclusions: z.array(z.string()),
  availabilityRule: z.string(),
  publishedAt: IsoOrNull,
  discountEnabled: z.boolean(),
  discountPercentage: z.string().nullable(),
  discountStartDate: IsoOrNull,
  discountEndDate: IsoOrNull,
  cancellationPolicyId: z.string().nullable(),
  createdAt: Iso,
  updatedAt: Iso,
  amenities: z.array(z.unknown()),
});

export const TodayTourPackage = z.object({
  id: z.string(),
  providerId: z.string(),
  tripType: z.string(),
  name: z.string(),
  description: z.string(),
  duration: z.number().int(),
  status: z.string(),
  basePrice: z.string().regex(/^\d+\.\d{2}$/),
  maxSeats: z.number().int(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const TodayDeparture = z.object({
  id: z.string(),
  packageId: z.string(),
  departureDate: Iso,
  availableSeats: z.number().int(),
  lockedUntil: IsoOrNull,
  status: z.string(),
  createdAt: Iso,
});

const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Numbers, unrounded; hotel breakdowns add nights and pricePerNight, tour breakdowns packagePrice and pricePerPerson. */
export const TodayPriceSnapshot = z.object({
  basePrice: z.number(),
  tax: z.number(),
  commission: z.number(),
  total: z.number(),
  breakdown: z.looseObject({ subtotal: z.number(), taxRate: z.number(), taxAmount: z.number(), commissionRate: z.number(), commissionAmount: z.number(), grandTotal: z.number() }),
});

export const TodayQuote = z.object({
  id: z.string().min(1),
  status: z.literal('QUOTE'),
  packageType: z.enum(['HOTEL_PACKAGE', 'TOUR_PACKAGE']),
  packageId: z.string(),
  checkInDate: Iso,
  checkOutDate: IsoOrNull,
  departureDate: IsoOrNull,
  numberOfGuests: z.number().int(),
  numberOfRooms: z.number().int().nullable(),
  priceSnapshot: TodayPriceSnapshot,
  totalPrice: z.number(),
  currency: z.literal('USD'),
  cancellationPolicy: z.unknown(),
  cancellationPolicyJson: z.unknown(),
  quotedAt: Iso,
  expiresAt: Iso,
});

export const TodayHold = z.object({
  id: z.string().min(1),
  status: z.literal('HOLD'),
  holdExpiresAt: Iso,
  packageType: z.enum(['HOTEL_PACKAGE', 'TOUR_PACKAGE']),
  packageId: z.string(),
  numberOfGuests: z.number().int(),
  totalPrice: z.number(),
  currency: z.literal('USD'),
  priceSnapshot: TodayPriceSnapshot,
  heldAt: Iso,
});

export const TodayPayment = z.object({
  id: z.string().min(1),
  bookingId: z.string(),
  status: z.literal('PRE_AUTHORIZED'),
  amount: z.number(),
  currency: z.literal('USD'),
  paymentIntentId: z.string(),
  bookingStatus: z.literal('PAYMENT_PENDING'),
  createdAt: Iso,
});

export const TodayConfirmation = z.object({ id: z.string(), status: z.literal('CONFIRMED'), confirmedAt: Iso, totalPrice: z.number(), currency: z.literal('USD') });
export const TodayCancellation = z.object({ id: z.string(), status: z.enum(['CANCELLED_BY_GUEST', 'CANCELLED_BY_PROVIDER']), cancelledAt: Iso, refundAmount: z.number(), totalPaid: z.number() });

const ProbeState = z.union([z.literal('ok'), z.string().startsWith('error: ')]);
const Readiness = z.object({ status: z.enum(['ready', 'not_ready']), timestamp: Iso, checks: z.object({ database: ProbeState, redis: ProbeState, meilisearch: ProbeState }) });

export type TodayMethod = 'GET' | 'POST';

export interface TodayRoute {
  method: TodayMethod;
  /** Below the /v1 prefix; `:id` is a path parameter. */
  path: string;
  /** Needs a Bearer token. */
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Readonly<Record<number, z.ZodType>>;
}

const route = <const R extends TodayRoute>(r: R): R => r;
const E = TodayError;

export const todayRoutes = {
  health: route({ method: 'GET', path: '/health', auth: false, responses: { 200: z.object({ status: z.literal('ok'), timestamp: Iso, uptime: z.number(), service: z.literal('TripAvail API'), version: z.string() }) } }),
  readiness: route({ method: 'GET', path: '/health/ready', auth: false, responses: { 200: Readiness, 503: Readiness } }),
  otpStart: route({ method: 'POST', path: '/auth/start', auth: false, body: todayBodies.otpStart, responses: { 201: z.object({ status: z.literal('sent'), channel: z.literal('email'), target: z.string(), code: z.string() }), 400: E, 429: E } }),
  otpVerify: route({ method: 'POST', path: '/auth/verify', auth: false, body: todayBodies.otpVerify, responses: { 201: Session, 400: E, 401: E, 429: E } }),
  me: route({ method: 'GET', path: '/auth/me', auth: true, responses: { 200: TodayUser.extend({ profiles: z.array(z.unknown()) }), 401: E } }),
  refresh: route({ method: 'POST', path: '/auth/refresh', auth: true, responses: { 201: z.object({ accessToken: z.string(), refreshToken: z.string(), userId: z.string() }), 401: E } }),
  listHotelPackages: route({ method: 'GET', path: '/hotel-packages', auth: false, query: todayQueries.listHotelPackages, responses: { 200: pageOf(TodayHotelPackage), 400: E } }),
  getHotelPackage: route({ method: 'GET', path: '/hotel-packages/:id', auth: false, responses: { 200: TodayHotelPackage, 404: E } }),
  listTourPackages: route({ method: 'GET', path: '/tour-packages', auth: false, query: todayQueries.listTourPackages, responses: { 200: pageOf(TodayTourPackage), 400: E } }),
  getTourPackage: route({
    method: 'GET', path: '/tour-packages/:id', auth: false,
    responses: { 200: TodayTourPackage.extend({ itinerary: z.array(z.unknown()), pickups: z.array(z.unknown()), departures: z.array(TodayDeparture) }), 404: E },
  }),
  quote: route({ method: 'POST', path: '/bookings/quote', auth: true, body: todayBodies.quote, responses: { 201: TodayQuote, 400: E, 401: E } }),
  hold: route({ method: 'POST', path: '/bookings/hold', auth: true, body: todayBodies.hold, responses: { 201: TodayHold, 400: E, 401: E, 404: E } }),
  preAuthorize: route({ method: 'POST', path: '/payments/pre-authorize', auth: true, body: todayBodies.preAuthorize, responses: { 201: TodayPayment, 400: E, 401: E, 404: E } }),
  confirm: route({ method: 'POST', path: '/bookings/:id/confirm', auth: true, responses: { 200: TodayConfirmation, 400: E, 401: E, 404: E } }),
  cancel: route({ method: 'POST', path: '/bookings/:id/cancel/guest', auth: true, responses: { 200: TodayCancellation, 400: E, 401: E, 404: E } }),
  providerCancel: route({ method: 'POST', path: '/bookings/:id/cancel/provider', auth: true, responses: { 200: TodayCancellation, 400: E, 401: E, 404: E } }),
} as const;

export type TodayRouteName = keyof typeof todayRoutes;
export const TODAY_PREFIX = '/v1';
