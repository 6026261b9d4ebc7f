// The ERP (Next.js + Prisma + Postgres): inventory items and orders, 400 INSUFFICIENT_QUANTITY, 15-minute JWTs and a refresh cookie.
import { createdStock, foreignProfile } from '../../profiles/foreign.ts';
import { routes } from './routes.ts';

export const erp = foreignProfile({
  name: 'erp',
  title: 'ERP (orders)',
  system: 'erp',
  probePath: routes.health.path,
  promises: [{ title: 'health names the service, the time and the request id', path: routes.health.path, status: 200, fields: ['status', 'service', 'time', 'requestId'] }],
  gaps: {},
  auth: { jwtExpirySeconds: 900, lockoutAfter: 5 },
  rejections: {
    insufficientInventory: { status: 400, code: 'INSUFFICIENT_QUANTITY' },
    wrongState: { status: 400, code: 'ALREADY_CANCELLED' },
    notOwner: { status: 404 },
  },
  // Items are created for the run and deleted after it; the names only say what kind of stock the checks use.
  stock: createdStock('synthetic inventory item'),
  slo: { p95Ms: 400, p99Ms: 800, errorRate: 0.01 },
  limits: { reservationsPerMinute: 5, scope: 'order creation (and GET /api/orders) per client address' },
});
