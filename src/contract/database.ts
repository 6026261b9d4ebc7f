// The database the contract's reference schema has: how stock, bookings and their timestamps join, for the database checks.
// A profile whose system keeps its tables differently names its own mapping (`Profile.database`).
import type { DatabaseMapping, TableNames } from '../profiles/types.ts';

/** The reference schema's table names, quoted as Prisma creates them. */
export const contractTables: TableNames = {
  booking: '"Booking"',
  inventoryNight: '"InventoryNight"',
  hotelPackage: '"HotelPackage"',
  payment: '"Payment"',
  ledgerEntry: '"LedgerEntry"',
  tourPackage: '"TourPackage"',
  tourDeparture: '"TourDeparture"',
};

/** A package sells one room (`HotelPackage.roomId`), departures count their own seats, timestamptz. */
export const contractDatabase: DatabaseMapping = {
  hotelStock: { via: 'package-room', packageRoom: 'roomId' },
  tourStock: { departurePackage: 'tourPackageId', departureDate: 'departureDate', capacity: { table: 'tourDeparture', column: 'totalSeats' }, bookingDate: 'checkInDate' },
  timestamps: 'timestamptz',
  confirmedAt: 'confirmedAt',
};
