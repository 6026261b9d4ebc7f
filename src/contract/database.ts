// The database the contract's reference schema has: how stock, bookings and their timestamps join, for the database checks.
// A profile whose system keeps its tables differently names its own mapping (`Profile.database`).
import type { DatabaseMapping } from '../profiles/types.ts';

/** A package sells one room (`HotelPackage.roomId`), departures count their own seats, timestamptz. */
export const contractDatabase: DatabaseMapping = {
  hotelStock: { via: 'package-room', packageRoom: 'roomId' },
  tourStock: { departurePackage: 'tourPackageId', departureDate: 'departureDate', capacity: { table: 'tourDeparture', column: 'totalSeats' }, bookingDate: 'checkInDate' },
  timestamps: 'timestamptz',
  confirmedAt: 'confirmedAt',
};
