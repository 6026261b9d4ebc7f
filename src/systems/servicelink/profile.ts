// ServiceLink (NestJS marketplace): jobs, quotes and one accepted quote per job; JWT access_token on 201; no readiness probe.
import { createdStock, foreignProfile } from '../../profiles/foreign.ts';
import { routes } from './routes.ts';

export const servicelink = foreignProfile({
  name: 'servicelink',
  title: 'ServiceLink',
  system: 'servicelink',
  probePath: routes.health.path,
  promises: [{ title: "the runbook's health body", path: routes.health.path, status: 200, fields: ['status', 'database', 'redis', 'timestamp'] }],
  gaps: {
    'api.health.readiness': 'ServiceLink has no readiness probe (/health never checks the database)',
  },
  // Login is limited per client address (10 a minute, every attempt counted), not per e-mail.
  auth: { jwtExpirySeconds: 3600, lockoutAfter: 10, lockoutPer: 'address' },
  rejections: {
    // A second accept for a job that already holds an assignment (observed: 400 "Assignment already exists for this job").
    insufficientInventory: { status: 400, message: /assignment already exists/i },
    wrongState: { status: 400 },
    notOwner: { status: 403 },
  },
  // A marketplace sells no named stock: jobs are created for the run, so only `race` (that races exist) matters.
  stock: createdStock('synthetic job'),
  slo: { p95Ms: 500, p99Ms: 1000, errorRate: 0.01 },
  limits: { signUpsPerMinute: 5, loginsPerMinute: 10, reservationsPerMinute: 5, scope: 'sign-up and login per client address; quote operations per customer' },
});
