// TripAvail as its code stands today (../shared/contract/tripavail-today.md): same expectations of correctness, another
// shape of conversation, and its real schema (listing-level stock through "Room", timestamps without time zone).
import { tripavail } from './tripavail.ts';
import type { DatabaseMapping, Profile } from './types.ts';

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

export const tripavailLegacy: Profile = {
  ...tripavail,
  name: 'tripavail-legacy',
  title: 'TripAvail (current code)',
  routeOverrides: { getBooking: null },
  auth: { style: 'otp', otpEchoed: true, jwtExpirySeconds: 900, lockoutAfter: 5 },
  rejections: {
    ...tripavail.rejections,
    insufficientInventory: { status: 400, message: /insufficient inventory/i },
    wrongState: { status: 400, message: /cannot|must be/i },
    expiredHold: { status: 400 },
  },
  stock: { ...tripavail.stock, race: undefined },
  tables: {
    booking: '"Booking"',
    inventoryNight: '"InventoryNight"',
    hotelPackage: '"HotelPackage"',
    payment: '"Payment"',
    ledgerEntry: '"LedgerEntry"',
    room: '"Room"',
    tourPackage: '"TourPackage"',
    tourDeparture: '"TourDeparture"',
  },
  database: todayDatabase,
  providerCancel: { path: '/bookings/:id/cancel/provider' },
};
