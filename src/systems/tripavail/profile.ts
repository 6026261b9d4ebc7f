// TripAvail as its contract and runbook define it: the default profile, and what the sandbox serves.
import { ProblemCode } from '../../contract/routes.ts';
import { defaultSlo } from '../../config/slo.ts';
import { contractDatabase, contractTables } from '../../contract/database.ts';
import type { Profile } from '../../profiles/types.ts';

export const tripavail: Profile = {
  name: 'tripavail',
  title: 'TripAvail (contract)',
  system: 'tripavail',
  speaksContract: true,
  probePath: '/v1/health',
  webJourneys: true,
  promises: [],
  gaps: {},
  apiPrefix: '/v1',
  routeOverrides: {},
  auth: { style: 'password', otpEchoed: true, jwtExpirySeconds: 900, lockoutAfter: 5, otpLimits: { starts: 3, verifies: 5, windowSeconds: 300 } },
  rejections: {
    insufficientInventory: { status: 409, code: ProblemCode.insufficientInventory },
    wrongState: { status: 409 },
    expiredHold: { status: 410 },
    notOwner: { status: 404 },
    idempotencyMismatch: { status: 422 },
    unauthenticated: { status: 401 },
    invalidInput: { status: 400 },
    notFound: { status: 404 },
    rateLimited: { status: 429 },
  },
  expiry: { holdTtlSeconds: 600, sweepIntervalMs: 60_000 },
  stock: {
    hotel: 'Romantic Weekend Escape',
    premium: 'Honeymoon Paradise Package',
    tour: 'Rocky Mountain Hiking Expedition',
    race: 'Smoke Race Cabin',
    draft: 'Draft Retreat',
  },
  tables: contractTables,
  database: contractDatabase,
  pricing: { taxRatePercent: 10, currency: 'USD' },
  slo: defaultSlo,
  payment: { testMethod: 'pm_card_visa', declinedMethod: 'pm_card_chargeDeclined' },
};
