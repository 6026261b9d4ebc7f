// What the sandbox stores: TripAvail's tables (quoted identifiers as in its Prisma schema) and the deterministic seed.
export const SCHEMA_SQL = `
DROP TABLE IF EXISTS "LedgerEntry", "Payment", "IdempotencyRecord", "Booking", "InventoryNight", "TourDeparture",
  "TourPackage", "HotelPackage", "User" CASCADE;

CREATE TABLE "User" (
  "id" text PRIMARY KEY,
  "email" text NOT NULL UNIQUE,
  "passwordHash" text,
  "role" text NOT NULL DEFAULT 'TRAVELER',
  "firstName" text,
  "lastName" text,
  "createdAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "HotelPackage" (
  "id" text PRIMARY KEY,
  "listingId" text NOT NULL,
  "roomId" text NOT NULL,
  "providerId" text NOT NULL,
  "name" text NOT NULL,
  "description" text NOT NULL DEFAULT '',
  "status" text NOT NULL,
  "pricePerPerson" numeric(12,2) NOT NULL,
  "amenities" text[] NOT NULL DEFAULT '{}',
  "createdAt" timestamptz NOT NULL
);

CREATE TABLE "TourPackage" (
  "id" text PRIMARY KEY,
  "providerId" text NOT NULL,
  "name" text NOT NULL,
  "description" text NOT NULL DEFAULT '',
  "status" text NOT NULL,
  "basePrice" numeric(12,2) NOT NULL,
  "durationDays" int NOT NULL,
  "createdAt" timestamptz NOT NULL
);

CREATE TABLE "TourDeparture" (
  "id" text PRIMARY KEY,
  "tourPackageId" text NOT NULL REFERENCES "TourPackage"("id"),
  "departureDate" date NOT NULL,
  "totalSeats" int NOT NULL,
  "availableSeats" int NOT NULL,
  "status" text NOT NULL DEFAULT 'OPEN',
  UNIQUE ("tourPackageId", "departureDate")
);

CREATE TABLE "InventoryNight" (
  "roomId" text NOT NULL,
  "date" date NOT NULL,
  "totalUnits" int NOT NULL,
  "availableUnits" int NOT NULL,
  PRIMARY KEY ("roomId", "date")
);

CREATE TABLE "Booking" (
  "id" text PRIMARY KEY,
  "userId" text NOT NULL REFERENCES "User"("id"),
  "status" text NOT NULL,
  "packageType" text NOT NULL,
  "hotelPackageId" text REFERENCES "HotelPackage"("id"),
  "tourPackageId" text REFERENCES "TourPackage"("id"),
  "checkInDate" date NOT NULL,
  "checkOutDate" date,
  "numberOfRooms" int NOT NULL,
  "numberOfGuests" int NOT NULL,
  "totalPrice" numeric(12,2) NOT NULL,
  "currency" text NOT NULL,
  "priceSnapshot" jsonb NOT NULL,
  "quotedAt" timestamptz NOT NULL,
  "expiresAt" timestamptz NOT NULL,
  "heldAt" timestamptz,
  "holdExpiresAt" timestamptz,
  "confirmedAt" timestamptz,
  "cancelledAt" timestamptz,
  "expiredAt" timestamptz,
  "idempotencyKey" text,
  "createdAt" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "Booking_status_holdExpiresAt" ON "Booking" ("status", "holdExpiresAt");

-- Replays of Idempotency-Key requests: the first answer, kept per user, scope and key.
CREATE TABLE "IdempotencyRecord" (
  "scope" text NOT NULL,
  "userId" text NOT NULL,
  "key" text NOT NULL,
  "requestHash" text NOT NULL,
  "statusCode" int NOT NULL,
  "body" jsonb NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("scope", "userId", "key")
);

CREATE TABLE "Payment" (
  "id" text PRIMARY KEY,
  "bookingId" text NOT NULL UNIQUE REFERENCES "Booking"("id"),
  "status" text NOT NULL,
  "amount" numeric(12,2) NOT NULL,
  "currency" text NOT NULL,
  "paymentMethodId" text NOT NULL,
  "idempotencyKey" text NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "LedgerEntry" (
  "id" text PRIMARY KEY,
  "bookingId" text NOT NULL REFERENCES "Booking"("id"),
  "type" text NOT NULL,
  "debitAccount" text NOT NULL,
  "creditAccount" text NOT NULL,
  "amount" numeric(12,2) NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now()
);
`;

export const SEED_SQL = `
INSERT INTO "HotelPackage" ("id","listingId","roomId","providerId","name","description","status","pricePerPerson","amenities","createdAt") VALUES
 ('11111111-1111-4111-8111-000000000001','lst-001','room-romantic','prov-001','Romantic Weekend Escape','Two nights by the lake.','PUBLISHED',599.99,'{wifi,spa,breakfast}','2026-01-01T00:00:00Z'),
 ('11111111-1111-4111-8111-000000000002','lst-002','room-honeymoon','prov-001','Honeymoon Paradise Package','An ocean suite.','PUBLISHED',2499.99,'{wifi,pool,champagne}','2026-01-02T00:00:00Z'),
 ('11111111-1111-4111-8111-000000000003','lst-003','room-draft','prov-002','Draft Retreat','Not for sale yet.','DRAFT',150.00,'{wifi}','2026-01-03T00:00:00Z'),
 ('11111111-1111-4111-8111-000000000005','lst-005','room-race','prov-002','Smoke Race Cabin','Reserved for destructive synthetic checks.','PUBLISHED',99.00,'{wifi}','2026-01-05T00:00:00Z');

INSERT INTO "InventoryNight" ("roomId","date","totalUnits","availableUnits")
SELECT r.room, d::date, r.units, r.units
  FROM (VALUES ('room-romantic',20),('room-honeymoon',5),('room-draft',10),('room-race',3)) AS r(room, units),
       generate_series(current_date, current_date + 119, interval '1 day') AS d;

INSERT INTO "TourPackage" ("id","providerId","name","description","status","basePrice","durationDays","createdAt") VALUES
 ('22222222-2222-4222-8222-000000000004','prov-003','Rocky Mountain Hiking Expedition','Five days on the trail.','PUBLISHED',1299.99,5,'2026-01-04T00:00:00Z');

INSERT INTO "TourDeparture" ("id","tourPackageId","departureDate","totalSeats","availableSeats")
SELECT 'dep-' || to_char(d, 'YYYYMMDD'), '22222222-2222-4222-8222-000000000004', d::date, 12, 12
  FROM generate_series(current_date + 7, current_date + 119, interval '7 days') AS d;
`;
