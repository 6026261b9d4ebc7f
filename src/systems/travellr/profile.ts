// Travellr (Express + MongoDB + Redis): trips and departures, bookings paid at creation, 7-day JWTs, no readiness probe.
import { foreignProfile } from '../../profiles/foreign.ts';
import { tripavail } from '../tripavail/profile.ts';
import { routes } from './routes.ts';

export const travellr = foreignProfile({
  name: 'travellr',
  title: 'Travellr',
  system: 'travellr',
  probePath: routes.v1Health.path,
  promises: [{ title: "the path Travellr's own probes and scripts call", path: routes.probedHealth.path, status: 200 }],
  gaps: {
    'api.health.readiness': 'Travellr has no readiness probe',
    'api.auth.brute-force-lock': 'Travellr has no login rate limit or lockout (a finding in its code: raise it with its owners)',
  },
  auth: { jwtExpirySeconds: 7 * 24 * 3600 },
  rejections: {
    insufficientInventory: { status: 409, code: 'NOT_ENOUGH_SPOTS' },
    wrongState: { status: 400 },
    notOwner: { status: 404 },
  },
  // The sandbox dialect sells the TripAvail seed; a real deployment names its own synthetic stock here.
  stock: { ...tripavail.stock, tour: tripavail.stock.hotel },
  slo: { p95Ms: 200, p99Ms: 400, errorRate: 0.01 },
});
