// Soleil Hostel (Laravel + Postgres): rooms by date range, pending bookings that expire after 30 minutes, opaque tokens.
import { foreignProfile } from '../../profiles/foreign.ts';
import { tripavail } from '../tripavail/profile.ts';
import { routes } from './routes.ts';

export const soleil = foreignProfile({
  name: 'soleil',
  title: 'Soleil Hostel',
  system: 'soleil',
  probePath: routes.live.path,
  promises: [{ title: 'liveness answers {"status":"ok"}', path: routes.live.path, status: 200, fields: ['status'] }],
  gaps: {
    'api.health.readiness': "Soleil's /api/health/ready needs an admin token, which a synthetic user must not hold",
    'api.auth.token-expiry': 'Soleil issues opaque tokens; their 60-minute expiry is kept server-side',
    'api.auth.no-self-privilege': "Soleil's sign-up takes no role (name, e-mail and password only)",
  },
  auth: { lockoutAfter: 5 },
  rejections: {
    // 422 when the row lock sees the overlap first; 409 (the exclusion constraint) is read as the same refusal by the adapter.
    insufficientInventory: { status: 422 },
    wrongState: { status: 409 },
    notOwner: { status: 403 },
  },
  expiry: { holdTtlSeconds: 1800, sweepIntervalMs: 300_000 },
  // The sandbox dialect sells the TripAvail seed; a real deployment names its own synthetic stock here.
  stock: { ...tripavail.stock, tour: tripavail.stock.hotel },
  slo: { p95Ms: 200, p99Ms: 500, errorRate: 0.01 },
  // The runbook's own numbers for the room search and the booking create (steps of src/systems/soleil/load.ts).
  stepSlo: { rooms: { p95Ms: 200, p99Ms: 500 }, book: { p95Ms: 300, p99Ms: 800 } },
  limits: { signUpsPerMinute: 5, loginsPerMinute: 20, reservationsPerMinute: 20, scope: 'per client address (bookings also 5 a minute per user); 5 failed logins lock an e-mail' },
});
