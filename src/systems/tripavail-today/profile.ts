// TripAvail as its code stands today (../shared/contract/tripavail-today.md): same expectations of correctness, another
// shape of conversation, and its real schema (listing-level stock through "Room", timestamps without time zone).
import { routes, type Route, type RouteName } from '../../contract/routes.ts';
import { todayRoutes } from './routes.ts';
import { tripavail } from '../tripavail/profile.ts';
import type { DatabaseMapping, Profile } from '../../profiles/types.ts';

/**
 * TripAvail's real schema: `HotelPackage.listingId → Room.listingId → InventoryNight.roomId`, units accounted per listing
 * and night (a booking records no room); tour seats in `TourDeparture` against `TourPackage.maxSeats`; every timestamp
 * `timestamp(3) without time zone` holding UTC; a provider cancel writes `REFUND_PROCESSED` rows.
 */
export const todayDatabase: DatabaseMapping = {
  hotelStock: { via: 'listing-rooms', packageListing: 'listingId', roomListing: 'listingId' },
  tourStock: { departurePackage: 'packageId', departureDate: 'departureDate', capacity: { table: 'tourPackage', column: 'maxSeats' }, bookingDate: 'departureDate' },
  timestamps: 'utc',
  refundTypes: ['REFUND_PROCESSED'],
};

/** The contract's route names, as TripAvail's code serves them today (src/systems/tripavail-today/routes.ts): same path, or none. */
const todayOverrides = Object.fromEntries(
  (Object.keys(routes) as RouteName[]).map((name) => {
    const today = (todayRoutes as Record<string, { method: string; path: string } | undefined>)[name];
    return [name, today ? { method: today.method as Route['method'], path: today.path } : null];
  }),
) as Profile['routeOverrides'];

export const tripavailLegacy: Profile = {
  ...tripavail,
  name: 'tripavail-legacy',
  title: 'TripAvail (current code)',
  // OTP only (no register/login), and no GET for a booking: its state is read back through the database.
  routeOverrides: todayOverrides,
  // The contract's promises, checked against today's code: HS256 JWTs expiring in 900 s and the OTP throttle.
  auth: { style: 'otp', otpEchoed: true, jwtExpirySeconds: 900, otpLimits: { starts: 3, verifies: 5, windowSeconds: 300 } },
  // Every business-rule refusal is a 400 told apart by its sentence (tripavail-today.md "Booking").
  rejections: {
    ...tripavail.rejections,
    insufficientInventory: { status: 400, message: /^insufficient (inventory for \d{4}-\d{2}-\d{2}|seats available)/i },
    wrongState: { status: 400, message: /^cannot .* (state|status)|must be in .* state|must be payment_pending/i },
    // Unswept: "Booking hold has expired"; swept: "Booking must be in HOLD state (current: EXPIRED_HOLD)".
    expiredHold: { status: 400, message: /expired/i },
    notOwner: { status: 400, message: /do not own|your own/i },
    idempotencyMismatch: { status: 400, message: /idempotency key/i },
  },
  // Guest cancel only from CONFIRMED (a HOLD or PAYMENT_PENDING booking has no release route at all).
  lifecycle: { cancel: { from: ['CONFIRMED'] } },
  // No race package unless operators create one and name it (HOLDFAST_RACE_STOCK).
  stock: { ...tripavail.stock, race: undefined },
  tables: { ...tripavail.tables!, room: '"Room"' },
  database: todayDatabase,
  providerCancel: { path: todayRoutes.providerCancel.path },
};
