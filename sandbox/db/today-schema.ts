// TripAvail's schema as its code stands today (../shared/contract/tripavail-today.md "Database"): real table names, hotel
// stock per room reached through the listing, tour seats per departure against the package's maxSeats, enums, and every
// timestamp `timestamp(3) without time zone` holding UTC. The `tripavail-today` dialect serves from it.
export const TODAY_SCHEMA_SQL = `
DROP TABLE IF EXISTS "LedgerEntry", "Payment", "Booking", "InventoryNight", "Room", "TourDeparture", "TourPackage",
  "HotelPackage", "Listing", "ProviderProfile", "OtpCode", "User" CASCADE;
DROP TYPE IF EXISTS "BookingStatus", "PackageStatus", "Role" CASCADE;

CREATE TYPE "BookingStatus" AS ENUM ('QUOTE','HOLD','PAYMENT_PENDING','CONFIRMED','COMPLETED','EXPIRED_HOLD','CANCELLED_BY_GUEST','CANCELLED_BY_PROVIDER');
CREATE TYPE "PackageStatus" AS ENUM ('DRAFT','PUBLISHED','PAUSED','ARCHIVED');
CREATE TYPE "Role" AS ENUM ('TRAVELER','ADMIN');

CREATE TABLE "User" (
  "id" text PRIMARY KEY,
  "email" text UNIQUE,
  "phone" text,
  "password" text,
  "firstName" text,
  "lastName" text,
  "avatar" text,
  "role" "Role" NOT NULL DEFAULT 'TRAVELER',
  "emailVerified" boolean NOT NULL DEFAULT false,
  "phoneVerified" boolean NOT NULL DEFAULT false,
  "createdAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  "updatedAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE TABLE "OtpCode" (
  "email" text PRIMARY KEY,
  "code" text NOT NULL,
  "expiresAt" timestamp(3) NOT NULL
);

CREATE TABLE "ProviderProfile" (
  "id" text PRIMARY KEY,
  "userId" text NOT NULL UNIQUE REFERENCES "User"("id"),
  "businessName" text NOT NULL
);

CREATE TABLE "Listing" (
  "id" text PRIMARY KEY,
  "providerId" text NOT NULL REFERENCES "ProviderProfile"("id"),
  "name" text NOT NULL
);

CREATE TABLE "Room" (
  "id" text PRIMARY KEY,
  "listingId" text NOT NULL REFERENCES "Listing"("id"),
  "name" text NOT NULL,
  "totalUnits" int NOT NULL
);

CREATE TABLE "HotelPackage" (
  "id" text PRIMARY KEY,
  "providerId" text NOT NULL REFERENCES "ProviderProfile"("id"),
  "listingId" text NOT NULL REFERENCES "Listing"("id"),
  "templateId" text NOT NULL,
  "name" text NOT NULL,
  "description" text NOT NULL DEFAULT '',
  "status" "PackageStatus" NOT NULL,
  "pricePerPerson" numeric(10,2) NOT NULL,
  "inclusions" text[] NOT NULL DEFAULT '{}',
  "exclusions" text[] NOT NULL DEFAULT '{}',
  "availabilityRule" text NOT NULL DEFAULT 'FLEXIBLE',
  "publishedAt" timestamp(3),
  "discountEnabled" boolean NOT NULL DEFAULT false,
  "discountPercentage" numeric(5,2),
  "discountStartDate" timestamp(3),
  "discountEndDate" timestamp(3),
  "cancellationPolicyId" text,
  "createdAt" timestamp(3) NOT NULL,
  "updatedAt" timestamp(3) NOT NULL
);

CREATE TABLE "InventoryNight" (
  "roomId" text NOT NULL REFERENCES "Room"("id"),
  "date" date NOT NULL,
  "totalUnits" int NOT NULL,
  "availableUnits" int NOT NULL,
  "lockedUntil" timestamp(3),
  PRIMARY KEY ("roomId", "date")
);

CREATE TABLE "TourPackage" (
  "id" text PRIMARY KEY,
  "providerId" text NOT NULL REFERENCES "ProviderProfile"("id"),
  "tripType" text NOT NULL,
  "name" text NOT NULL,
  "description" text NOT NULL DEFAULT '',
  "duration" int NOT NULL,
  "status" "PackageStatus" NOT NULL,
  "basePrice" numeric(10,2) NOT NULL,
  "maxSeats" int NOT NULL,
  "createdAt" timestamp(3) NOT NULL,
  "updatedAt" timestamp(3) NOT NULL
);

CREATE TABLE "TourDeparture" (
  "id" text PRIMARY KEY,
  "packageId" text NOT NULL REFERENCES "TourPackage"("id"),
  "departureDate" timestamp(3) NOT NULL,
  "availableSeats" int NOT NULL,
  "lockedUntil" timestamp(3),
  "status" text NOT NULL DEFAULT 'AVAILABLE',
  "createdAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  UNIQUE ("packageId", "departureDate")
);

CREATE TABLE "Booking" (
  "id" text PRIMARY KEY,
  "userId" text NOT NULL REFERENCES "User"("id"),
  "status" "BookingStatus" NOT NULL,
  "packageType" text NOT NULL,
  "hotelPackageId" text REFERENCES "HotelPackage"("id"),
  "tourPackageId" text REFERENCES "TourPackage"("id"),
  "checkInDate" timestamp(3) NOT NULL,
  "checkOutDate" timestamp(3),
  "departureDate" timestamp(3),
  "numberOfGuests" int NOT NULL,
  "numberOfRooms" int,
  "priceSnapshot" jsonb NOT NULL,
  "totalPrice" numeric(12,2) NOT NULL,
  "currency" text NOT NULL DEFAULT 'USD',
  "quotedAt" timestamp(3) NOT NULL,
  "expiresAt" timestamp(3) NOT NULL,
  "heldAt" timestamp(3),
  "holdExpiresAt" timestamp(3),
  "confirmedAt" timestamp(3),
  "cancelledAt" timestamp(3),
  "idempotencyKey" text UNIQUE,
  "createdAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  "updatedAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE TABLE "Payment" (
  "id" text PRIMARY KEY,
  "bookingId" text NOT NULL UNIQUE REFERENCES "Booking"("id"),
  "status" text NOT NULL,
  "amount" numeric(12,2) NOT NULL,
  "currency" text NOT NULL DEFAULT 'USD',
  "paymentIntentId" text NOT NULL,
  "idempotencyKey" text NOT NULL,
  "createdAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE TABLE "LedgerEntry" (
  "id" text PRIMARY KEY,
  "bookingId" text NOT NULL REFERENCES "Booking"("id"),
  "type" text NOT NULL,
  "debitAccount" text NOT NULL,
  "creditAccount" text NOT NULL,
  "amount" numeric(12,2) NOT NULL,
  "createdAt" timestamp(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
`;

/** The sheet's seed: two providers, one listing with two rooms (20 and 5 units, 90 nights), two hotel packages on it, one tour. */
export const TODAY_SEED_SQL = `
INSERT INTO "User" ("id","email","phone","firstName","lastName","role","emailVerified","phoneVerified") VALUES
 ('cseedhoteluser000000000001','hotel@example.com','+1234567893','Sarah','Hotelowner','TRAVELER',true,true),
 ('cseedtoursuser000000000002','tours@example.com','+1234567894','Tom','Tourguide','TRAVELER',true,true);
INSERT INTO "ProviderProfile" ("id","userId","businessName") VALUES
 ('cseedhotelprov000000000001','cseedhoteluser000000000001','Sunset Hospitality'),
 ('cseedtoursprov000000000002','cseedtoursuser000000000002','Rocky Tours');
INSERT INTO "Listing" ("id","providerId","name") VALUES ('cseedlisting0000000000001a','cseedhotelprov000000000001','Sunset Resort & Spa');
INSERT INTO "Room" ("id","listingId","name","totalUnits") VALUES
 ('cseedroomdeluxe000000001a','cseedlisting0000000000001a','Deluxe Ocean View',20),
 ('cseedroomsuite0000000001b','cseedlisting0000000000001a','Presidential Suite',5);
INSERT INTO "InventoryNight" ("roomId","date","totalUnits","availableUnits")
SELECT r."id", d::date, r."totalUnits", r."totalUnits" FROM "Room" r,
       generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 89, interval '1 day') AS d;
INSERT INTO "HotelPackage" ("id","providerId","listingId","templateId","name","description","status","pricePerPerson","inclusions","exclusions","availabilityRule","publishedAt","createdAt","updatedAt") VALUES
 ('cseedpkgromantic00000001a','cseedhotelprov000000000001','cseedlisting0000000000001a','weekend-getaway','Romantic Weekend Escape','2 nights in Deluxe Ocean View with breakfast.','PUBLISHED',599.99,'{"2 nights accommodation","Daily breakfast"}','{Airfare}','WEEKEND_ONLY','2026-01-01','2026-01-01','2026-01-01'),
 ('cseedpkghoneymoon0000001b','cseedhotelprov000000000001','cseedlisting0000000000001a','honeymoon','Honeymoon Paradise Package','5 nights of pure romance.','PUBLISHED',2499.99,'{"5 nights in Presidential Suite"}','{Airfare}','FLEXIBLE','2026-01-02','2026-01-02','2026-01-02');
INSERT INTO "TourPackage" ("id","providerId","tripType","name","description","duration","status","basePrice","maxSeats","createdAt","updatedAt") VALUES
 ('cseedtourrocky0000000001a','cseedtoursprov000000000002','ADVENTURE','Rocky Mountain Hiking Expedition','Five days on the trail.',5,'PUBLISHED',1299.99,12,'2026-01-04','2026-01-04');
INSERT INTO "TourDeparture" ("id","packageId","departureDate","availableSeats")
SELECT 'cseeddep' || to_char(d, 'YYYYMMDD') || '000000000', 'cseedtourrocky0000000001a', d::timestamp(3), 12
  FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month' + interval '14 days',
                       date_trunc('month', now() AT TIME ZONE 'UTC') + interval '4 months', interval '1 month') AS d;
`;
