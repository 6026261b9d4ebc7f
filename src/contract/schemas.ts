// What the TripAvail contract's bodies look like: one zod schema per entity, shared by the sandbox and the client.
import { z } from 'zod';

/**
 * Money is a JSON number or a decimal string ("599.99"), compared in cents after rounding (the contract's
 * "What a conforming answer must carry"). Read it with `cents()` from ./money.ts, never by its type.
 */
export const Money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount, e.g. "599.99" or 599.99')]);
export type Money = z.infer<typeof Money>;
/** ISO 8601, with or without milliseconds, with Z or an offset. */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();
const Currency = z.string().min(1);

/**
 * Every response schema below requires only what the contract names; any other field is optional and may have any
 * type. Schemas are plain objects: validating ignores unknown keys, and `parse` strips to the contracted fields
 * (the sandbox's `--conformance minimal` mode answers exactly that).
 */
export const Problem = z.object({
  statusCode: z.number().int(),
  message: z.union([z.string(), z.array(z.string())]),
  // Only where a route's table names one (INSUFFICIENT_INVENTORY); the profile's rejection says when it is asked for.
  code: z.string().optional(),
  // Contracted, but checked by its own cross-cutting check (P2) so that a missing id does not turn every rejection
  // check into a contract failure of the check's own severity.
  requestId: z.string().min(1).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Health = z.object({
  status: z.literal('ok'),
  timestamp: z.string(),
  uptime: z.number(),
  service: z.string(),
  version: z.string(),
});

const ProbeResult = z.union([z.literal('ok'), z.literal('disabled'), z.string().startsWith('error: ')]);
export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  timestamp: z.string(),
  checks: z.object({ database: ProbeResult, redis: ProbeResult, meilisearch: ProbeResult }),
});
export type Readiness = z.infer<typeof Readiness>;

export const User = z.object({ id: z.string().min(1), email: z.email(), role: z.string().min(1) });
export type User = z.infer<typeof User>;

export const AuthSession = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1), user: User });
export type AuthSession = z.infer<typeof AuthSession>;

export const RegisterBody = z.object({
  email: z.email(),
  password: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
});
export const LoginBody = z.object({ email: z.email(), password: z.string() });
export const OtpStartBody = z.object({ channel: z.literal('email'), email: z.email(), purpose: z.literal('login') });
export const OtpStartResult = z.object({
  status: z.literal('sent'),
  channel: z.literal('email'),
  target: z.string(),
  /** Echoed only by a target in test mode. */
  code: z.string().optional(),
});
export const OtpVerifyBody = z.object({ channel: z.literal('email'), email: z.email(), code: z.string() });

export const PackageStatus = z.enum(['DRAFT', 'PUBLISHED', 'ARCHIVED']);
export const HotelPackage = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  status: z.string().min(1),
  pricePerPerson: Money,
  listingId: z.string().min(1),
  amenities: z.array(z.string()),
});
export type HotelPackage = z.infer<typeof HotelPackage>;

export const Departure = z.object({ departureDate: z.union([IsoDate, IsoDateTime]), availableSeats: z.number().int(), status: z.string() });
export const TourPackage = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  status: z.string().min(1),
  basePrice: Money,
});
export const TourPackageDetail = TourPackage.extend({ departures: z.array(Departure) });
export type TourPackage = z.infer<typeof TourPackage>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().min(1) });

export const PackageQuery = z.strictObject({
  status: PackageStatus.optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
  search: z.string().optional(),
  sortBy: z.enum(['createdAt', 'name']).optional(),
  sortOrder: z.enum(['asc', 'desc']).optional(),
});
export type PackageQuery = z.infer<typeof PackageQuery>;

export const BookingStatus = z.enum([
  'QUOTE',
  'HOLD',
  'PAYMENT_PENDING',
  'CONFIRMED',
  'CANCELLED_BY_GUEST',
  'EXPIRED_HOLD',
]);
export type BookingStatus = z.infer<typeof BookingStatus>;
export const PackageType = z.enum(['HOTEL_PACKAGE', 'TOUR_PACKAGE']);

export const QuoteBody = z.object({
  packageType: PackageType,
  packageId: z.string().min(1),
  checkInDate: IsoDate,
  checkOutDate: IsoDate.optional(),
  numberOfGuests: z.number().int().min(1),
  numberOfRooms: z.number().int().min(1).optional(),
  departureDate: IsoDate.optional(),
  idempotencyKey: z.string().optional(),
});
export type QuoteBody = z.infer<typeof QuoteBody>;

/** The snapshot's only contracted field is `total`; implementations name the rest as they like. */
export const PriceSnapshot = z.object({ total: Money });
export type PriceSnapshot = z.infer<typeof PriceSnapshot>;

export const Quote = z.object({
  id: z.string().min(1),
  status: z.literal('QUOTE'),
  priceSnapshot: PriceSnapshot,
  totalPrice: Money,
  currency: Currency,
  quotedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type Quote = z.infer<typeof Quote>;

export const HoldBody = z.object({ quoteId: z.string().min(1) });
export const Hold = z.object({
  id: z.string().min(1),
  status: z.literal('HOLD'),
  holdExpiresAt: IsoDateTime,
  heldAt: IsoDateTime,
  totalPrice: Money,
  currency: Currency,
});
export type Hold = z.infer<typeof Hold>;

export const PreAuthorizeBody = z.object({
  bookingId: z.string().min(1),
  paymentMethodId: z.string().min(1),
  idempotencyKey: z.string().min(1),
});
export const Payment = z.object({
  id: z.string().min(1),
  bookingId: z.string().min(1),
  status: z.literal('PRE_AUTHORIZED'),
  amount: Money,
  currency: Currency,
  bookingStatus: z.literal('PAYMENT_PENDING'),
});
export type Payment = z.infer<typeof Payment>;

export const Confirmation = z.object({
  id: z.string().min(1),
  status: z.literal('CONFIRMED'),
  confirmedAt: IsoDateTime,
  totalPrice: Money,
  currency: Currency,
});

/** A booking read back carries `id` and `status`; everything else is optional. */
export const Booking = z.object({ id: z.string().min(1), status: z.string().min(1) });
export type Booking = z.infer<typeof Booking>;

export const Cancellation = z.object({ id: z.string().min(1), status: z.string().min(1), cancelledAt: IsoDateTime });

/**
 * What the suite's own steps read from a success: a missing one stops the step (and, being contracted, fails it).
 * Any other contracted field that is broken is contract drift, one P2 finding for the run.
 */
export const needs = {
  session: z.object({ accessToken: z.string().min(1), user: z.object({ id: z.string().min(1), email: z.string() }) }),
  me: z.object({ id: z.string().min(1), email: z.string() }),
  package: z.object({ id: z.string().min(1), name: z.string(), pricePerPerson: Money }),
  quote: z.object({ id: z.string().min(1), totalPrice: Money }),
  hold: z.object({ id: z.string().min(1), status: z.literal('HOLD'), totalPrice: Money }),
  payment: z.object({ amount: Money }),
  confirmation: z.object({ status: z.literal('CONFIRMED'), totalPrice: Money }),
  cancellation: z.object({ status: z.string().min(1) }),
} as const;
