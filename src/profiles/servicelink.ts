// ServiceLink (NestJS marketplace): jobs, quotes and one accepted quote per job; JWT access_token on 201; no readiness probe.
import { createdStock, foreignProfile } from './foreign.ts';

export const servicelink = foreignProfile({
  name: 'servicelink',
  title: 'ServiceLink',
  system: 'servicelink',
  probePath: '/health',
  promises: [{ title: 'the runbook\'s health body', path: '/health', status: 200, fields: ['status', 'database', 'redis', 'timestamp'] }],
  gaps: {
    'api.health.readiness': 'ServiceLink has no readiness probe (/health never checks the database)',
  },
  auth: { jwtExpirySeconds: 3600, lockoutAfter: 10 },
  rejections: {
    insufficientInventory: { status: 409 },
    wrongState: { status: 409 },
    notOwner: { status: 403 },
  },
  // A marketplace sells no named stock: jobs are created for the run, so only `race` (that races exist) matters.
  stock: createdStock('synthetic job'),
  slo: { p95Ms: 500, p99Ms: 1000, errorRate: 0.01 },
});
