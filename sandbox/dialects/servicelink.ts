// ServiceLink (NestJS marketplace) as its code answers: /auth with {access_token} on 201, jobs → quotes → accept → revoke.
// A job's one assignment is its capacity: accepting a quote takes every unit of one night of the race stock, so a
// second accept is refused by the same row-locked hold that guards every sale (and oversells with --fault overbooking).
import { randomUUID } from 'node:crypto';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import type { Dialect, DialectRequest } from './router.ts';

interface Job {
  id: string;
  customerId: string;
  title: string;
  description: string;
  stockId: string;
  night: string;
  quotes: Map<string, { providerId: string; total: number }>;
  accepted: { quoteId: string; bookingId: string; token: string }[];
  createdAt: string;
}

const STOCK = 'Smoke Race Cabin';
const UNITS_PER_JOB = 3;

export function servicelinkDialect(core: Core, faults: Faults): Dialect {
  const jobs = new Map<string, Job>();
  const whoAmI = async (req: DialectRequest) => {
    const me = await core.call('me', { token: req.token, requestId: req.requestId });
    return { id: String(me.id), email: String(me.email) };
  };
  const jobOf = (id: string) => {
    const job = jobs.get(id);
    if (!job) throw new HttpProblem(404, 'Job not found', 'Not Found');
    return job;
  };
  /** The job of the request's path, when the caller is its customer (only the customer accepts or revokes). */
  const customersJob = async (req: DialectRequest, action: string) => {
    const me = await whoAmI(req);
    const job = jobOf(req.params.id!);
    if (job.customerId !== me.id) throw new HttpProblem(403, `only the customer can ${action}`, 'Forbidden');
    return job;
  };
  const view = (job: Job) => ({
    id: job.id, title: job.title, description: job.description, customerId: job.customerId, createdAt: job.createdAt,
    status: job.accepted.length ? 'assigned' : 'open',
    acceptedQuoteId: job.accepted[0]?.quoteId ?? null,
  });
  const auth = (route: 'register' | 'login') => async (req: DialectRequest) => {
    const s = await core.call(route, { requestId: req.requestId, body: { email: String(req.body.email ?? ''), password: String(req.body.password ?? '') } });
    return { status: 201, body: { access_token: s.accessToken } };
  };
  return {
    name: 'servicelink',
    errorBody: (status, message, code) => ({ statusCode: status, message, error: code ?? 'Error' }),
    routes: [
      {
        method: 'GET',
        path: '/health',
        handle: async () => {
          const body = { ok: true, ts: Date.now(), usingRedis: false };
          // The runbook promises {status, database, redis, timestamp}; the code (health-drift) answers only its own three fields.
          return { status: 200, body: faults.has('health-drift') ? body : { ...body, status: 'ok', database: 'ok', redis: 'disabled', timestamp: new Date().toISOString() } };
        },
      },
      { method: 'POST', path: '/auth/signup', handle: auth('register') },
      { method: 'POST', path: '/auth/login', handle: auth('login') },
      { method: 'GET', path: '/auth/me', handle: async (req) => ({ status: 200, body: { ...(await whoAmI(req)), role: 'customer' } }) },
      {
        method: 'GET',
        path: '/jobs',
        handle: async (req) => {
          const me = await whoAmI(req);
          return { status: 200, body: [...jobs.values()].filter((j) => j.customerId === me.id).map(view) };
        },
      },
      {
        method: 'POST',
        path: '/jobs',
        handle: async (req) => {
          const me = await whoAmI(req);
          const { title, description } = req.body as { title?: string; description?: string };
          if (!title || !description) throw new HttpProblem(400, 'title and description are required', 'Bad Request');
          const stock = (await core.publishedPackages()).find((p) => p.name === STOCK);
          if (!stock) throw new HttpProblem(503, 'no capacity stock seeded', 'Service Unavailable');
          const night = await core.wholeFreeNight(stock.id, 62, new Set([...jobs.values()].map((j) => j.night)));
          const job: Job = { id: randomUUID(), customerId: me.id, title, description, stockId: stock.id, night, quotes: new Map(), accepted: [], createdAt: new Date().toISOString() };
          jobs.set(job.id, job);
          return { status: 201, body: view(job) };
        },
      },
      { method: 'GET', path: '/jobs/:id', handle: async (req) => (await whoAmI(req), { status: 200, body: view(jobOf(req.params.id!)) }) },
      {
        method: 'POST',
        path: '/jobs/:id/quotes',
        handle: async (req) => {
          const provider = await whoAmI(req);
          const job = jobOf(req.params.id!);
          const total = Number(req.body.total);
          if (!Number.isFinite(total) || total <= 0) throw new HttpProblem(400, 'total must be a positive number', 'Bad Request');
          const id = randomUUID();
          job.quotes.set(id, { providerId: provider.id, total });
          return { status: 201, body: { id, jobId: job.id, providerId: provider.id, total } };
        },
      },
      {
        method: 'POST',
        path: '/jobs/:id/quotes/:quoteId/accept',
        handle: async (req) => {
          const job = await customersJob(req, 'accept a quote');
          if (!job.quotes.has(req.params.quoteId!)) throw new HttpProblem(404, 'Quote not found', 'Not Found');
          try {
            const held = await core.reserve(req.token ?? '', req.requestId, job.stockId, job.night, UNITS_PER_JOB);
            job.accepted.push({ quoteId: req.params.quoteId!, bookingId: held.id, token: req.token ?? '' });
          } catch (error) {
            if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(409, 'Job already has an accepted quote', 'Conflict');
            throw error;
          }
          return { status: 201, body: { jobId: job.id, quoteId: req.params.quoteId, status: 'assigned' } };
        },
      },
      {
        method: 'POST',
        path: '/jobs/:id/quotes/revoke',
        handle: async (req) => {
          const job = await customersJob(req, 'revoke');
          if (!job.accepted.length) throw new HttpProblem(409, 'Job has no accepted quote', 'Conflict');
          for (const a of job.accepted.splice(0)) await core.cancel(a.token, req.requestId, a.bookingId).catch(() => {});
          return { status: 200, body: view(job) };
        },
      },
    ],
  };
}
