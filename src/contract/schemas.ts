// What the TripAvail contract's bodies look like: one zod schema per entity, shared by the sandbox and the client.
import { z } from 'zod';

/** Decimal amounts travel as strings with two decimals, as Prisma's Decimal serialises them ("599.99"). */
export const Decimal = z.string().regex(/^-?\d+\.\d{2}$/, 'a decimal string with two decimals, e.g. "599.99"');
export const IsoDateTime = z.iso.datetime({ offset: true });
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

export const Problem = z.object({
  statusCode: z.number().int(),
  timestamp: z.string(),
  path: z.string(),
  method: z.string(),
  message: z.string(),
  code: z.string().optional(),
  // Required by the contract, but checked by its own cross-cutting check (P2) so that a missing id
  // does not turn every rejection check into a contract failure of the check's own severity.
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

export const Role = z.enum(['TRAVELER', 'PROVIDER', 'ADMIN']);
export const User = z.looseObject({ id: z.string().min(1), email: z.email(), role: Role });
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
export const HotelPackage = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: PackageStatus,
  pricePerPerson: Decimal,
  listingId: z.string().min(1),
  amenities: z.array(z.string()),
});
export type HotelPackage = z.infer<typeof HotelPackage>;

export const Departure = z.object({ departureDate: IsoDate, availableSeats: z.number().int(), status: z.string() });
export const TourPackage = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: PackageStatus,
  basePrice: Decimal,
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

/** How a quote's total was reached; `total` equals the booking's `totalPrice`. */
export const PriceSnapshot = z.looseObject({
  unitPrice: Decimal,
  nights: z.number().int().min(1),
  units: z.number().int().min(1),
  subtotal: Decimal,
  taxRate: z.string(),
  tax: Decimal,
  total: Decimal,
  currency: z.string().length(3),
});
export type PriceSnapshot = z.infer<typeof PriceSnapshot>;

export const Quote = z.looseObject({
  id: z.string().min(1),
  status: z.literal('QUOTE'),
  priceSnapshot: PriceSnapshot,
  totalPrice: Decimal,
  currency: z.string().length(3),
  quotedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type Quote = z.infer<typeof Quote>;

export const HoldBody = z.object({ quoteId: z.string().min(1) });
export const Hold = z.looseObject({
  id: z.string().min(1),
  status: z.literal('HOLD'),
  holdExpiresAt: IsoDateTime,
  heldAt: IsoDateTime,
  totalPrice: Decimal,
  currency: z.string().length(3),
});
export type Hold = z.infer<typeof Hold>;

export const PreAuthorizeBody = z.object({
  bookingId: z.string().min(1),
  paymentMethodId: z.string().min(1),
  idempotencyKey: z.string().min(1),
});
export const Payment = z.looseObject({
  id: z.string().min(1),
  bookingId: z.string().min(1),
  status: z.literal('PRE_AUTHORIZED'),
  amount: Decimal,
  currency: z.string().length(3),
  bookingStatus: z.literal('PAYMENT_PENDING'),
});
export type Payment = z.infer<typeof Payment>;

export const Confirmation = z.looseObject({
  id: z.string().min(1),
  status: z.literal('CONFIRMED'),
  confirmedAt: IsoDateTime,
  totalPrice: Decimal,
  currency: z.string().length(3),
});

export const Booking = z.looseObject({
  id: z.string().min(1),
  status: BookingStatus,
  userId: z.string().min(1),
  packageType: PackageType,
  checkInDate: IsoDate,
  checkOutDate: IsoDate.nullable(),
  numberOfGuests: z.number().int(),
  numberOfRooms: z.number().int(),
  totalPrice: Decimal,
  currency: z.string().length(3),
  holdExpiresAt: IsoDateTime.nullable(),
});
export type Booking = z.infer<typeof Booking>;

export const Cancellation = z.looseObject({ id: z.string().min(1), status: BookingStatus, cancelledAt: IsoDateTime });
