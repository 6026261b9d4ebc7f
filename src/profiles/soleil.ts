// Soleil Hostel (Laravel + Postgres): rooms by date range, pending bookings that expire after 30 minutes, opaque tokens.
import { foreignProfile } from './foreign.ts';
import { tripavail } from './tripavail.ts';

export const soleil = foreignProfile({
  name: 'soleil',
  title: 'Soleil Hostel',
  system: 'soleil',
  probePath: '/api/health/live',
  promises: [{ title: 'liveness answers {"status":"ok"}', path: '/api/health/live', status: 200, fields: ['status'] }],
  gaps: {
    'api.health.readiness': "Soleil's /api/health/ready needs an admin token, which a synthetic user must not hold",
    'api.auth.token-expiry': 'Soleil issues opaque tokens; their 60-minute expiry is kept server-side',
  },
  auth: { lockoutAfter: 5 },
  rejections: {
    insufficientInventory: { status: 422 },
    wrongState: { status: 409 },
    notOwner: { status: 403 },
  },
  expiry: { holdTtlSeconds: 1800, sweepIntervalMs: 300_000 },
  // The sandbox dialect sells the TripAvail seed; a real deployment names its own synthetic stock here.
  stock: { ...tripavail.stock, tour: tripavail.stock.hotel },
  slo: { p95Ms: 200, p99Ms: 500, errorRate: 0.01 },
});
