// ServiceLink (NestJS marketplace) as observed: /auth answering {access_token} on 201, roles CUSTOMER and PROVIDER, a
// provider record created by GET /providers/me before quoting, jobs → quotes → accept → revoke, every success 201, and its
// rate limits per client address (sign-up 5, login 10 a minute) and per customer (quote operations 5 a minute).
// A job's one assignment is its capacity: accepting a quote takes every unit of one night of the race stock, so a
// second accept is refused by the same row-locked hold that guards every sale (and oversells with --fault overbooking).
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { routes } from '../../src/systems/servicelink/routes.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import { RateLimiter, type Core } from './core.ts';
import { on, type Dialect, type DialectRequest } from './router.ts';

interface Job {
  id: string;
  customerId: string;
  title: string;
  description: string;
  stockId: string;
  night: string;
  units: number;
  quotes: Map<string, { providerId: string; total: number; status: string; createdAt: string }>;
  accepted: { quoteId: string; providerId: string; bookingId: string; token: string; at: string }[];
  createdAt: string;
}

const STOCK = 'Smoke Race Cabin';
/** Roles a sign-up may ask for; anything else (ADMIN) is refused, unless signup-grants-admin. */
const SELF_SERVICE_ROLES = new Set(['CUSTOMER', 'PROVIDER']);

export function servicelinkDialect(core: Core, faults: Faults): Dialect {
  const jobs = new Map<string, Job>();
  const users = new Map<string, { role: string; name: string; createdAt: string }>();
  const providers = new Map<string, string>();
  const limits = {
    signup: new RateLimiter(5, 'Too many sign-ups'),
    login: new RateLimiter(10, 'Too many auth attempts'),
    quotes: new RateLimiter(5, 'Too many quote operations'),
  };
  const whoAmI = async (req: DialectRequest<unknown, unknown>) => {
    if (!req.token) throw new HttpProblem(401, 'Missing token', 'Unauthorized');
    const me = await core.call('me', { token: req.token, requestId: req.requestId });
    const id = String(me.id);
    return { id, email: String(me.email), ...(users.get(id) ?? { role: 'CUSTOMER', name: 'Synthetic', createdAt: new Date().toISOString() }) };
  };
  const meBody = (me: Awaited<ReturnType<typeof whoAmI>>) => {
    const providerId = providers.get(me.id);
    return { id: me.id, email: me.email, name: me.name, role: me.role, createdAt: me.createdAt, profile: { firstName: me.name.split(' ')[0], lastName: me.name.split(' ').slice(1).join(' '), avatarUrl: null }, provider: providerId ? { id: providerId, kycStatus: 'pending', online: false } : null };
  };
  const withRole = async (req: DialectRequest<unknown, unknown>, role: string) => {
    const me = await whoAmI(req);
    if (me.role !== role) throw new HttpProblem(403, 'Insufficient role', 'Forbidden');
    return me;
  };
  const jobOf = (id: string) => {
    const job = jobs.get(id);
    if (!job) throw new HttpProblem(404, 'Job not found', 'Not Found');
    return job;
  };
  /** The job of the request's path, when the caller is its customer (only the customer accepts or revokes). */
  const customersJob = async (req: DialectRequest<unknown, unknown>) => {
    const me = await withRole(req, 'CUSTOMER');
    const job = jobOf(req.params.id!);
    if (job.customerId !== me.id) throw new HttpProblem(403, 'Not your job', 'Forbidden');
    limits.quotes.take(me.id);
    return job;
  };
  const jobView = (job: Job) => ({ id: job.id, key: `job_${job.id.slice(0, 8)}`, title: job.title, description: job.description, customerId: job.customerId, createdAt: job.createdAt });
  const quoteView = (job: Job, id: string) => {
    const q = job.quotes.get(id)!;
    return { id, jobId: job.id, providerId: q.providerId, total: q.total, notes: null, expiresAt: null, status: q.status, createdAt: q.createdAt };
  };
  const session = (s: Record<string, unknown>) => ({ status: 201, body: { access_token: s.accessToken } });
  return {
    name: 'servicelink',
    invalidStatus: 400,
    errorBody: (status, message, code, _requestId, details) => ({
      statusCode: status,
      error: status === 429 ? 'TOO_MANY_REQUESTS' : code && !/^[A-Z_]+$/.test(code) ? code : ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as Record<number, string>)[status] ?? 'Error',
      message: details ? details.map((d) => `${d.field} ${d.message}`) : message,
      timestamp: new Date().toISOString(),
    }),
    reset() {
      jobs.clear();
      users.clear();
      providers.clear();
      for (const l of Object.values(limits)) l.reset();
    },
    routes: [
      on(routes.health, async () => {
        const body = { ok: true, ts: new Date().toISOString(), usingRedis: false, hits: 0 };
        // The runbook promises {status, database, redis, timestamp}; the code (health-drift) answers only its own fields.
        return { status: 200, body: faults.has('health-drift') ? body : { ...body, status: 'ok', database: 'ok', redis: 'disabled', timestamp: new Date().toISOString() } };
      }),
      on(routes.signup, async (req) => {
        limits.signup.take(req.ip);
        const role = req.body.role ?? 'CUSTOMER';
        if (!SELF_SERVICE_ROLES.has(role) && !faults.has('signup-grants-admin')) throw new HttpProblem(400, 'role must be one of the following values: CUSTOMER, PROVIDER', 'Bad Request');
        const s = await core.call('register', { requestId: req.requestId, body: { email: req.body.email, password: req.body.password } });
        users.set(String((s.user as { id: string }).id), { role, name: req.body.name, createdAt: new Date().toISOString() });
        return session(s);
      }),
      on(routes.login, async (req) => {
        if (!faults.has('no-login-lockout')) limits.login.take(req.ip);
        try {
          return session(await core.call('login', { requestId: req.requestId, body: req.body }));
        } catch (error) {
          if (error instanceof HttpProblem && error.status === 401) throw new HttpProblem(401, 'Invalid credentials', 'Unauthorized');
          throw error;
        }
      }),
      on(routes.me, async (req) => ({ status: 200, body: meBody(await whoAmI(req)) })),
      on(routes.providerMe, async (req) => {
        const me = await withRole(req, 'PROVIDER');
        if (!providers.has(me.id)) providers.set(me.id, randomUUID());
        return { status: 200, body: meBody(me) };
      }),
      on(routes.listJobs, async (req) => {
        const me = await whoAmI(req);
        return { status: 200, body: [...jobs.values()].filter((j) => j.customerId === me.id).map(jobView) };
      }),
      on(routes.createJob, async (req) => {
        const me = await withRole(req, 'CUSTOMER');
        const stock = (await core.publishedPackages()).find((p) => p.name === STOCK);
        if (!stock) throw new HttpProblem(503, 'no capacity stock seeded', 'Service Unavailable');
        const night = await core.wholeFreeNight(stock.id, 62, new Set([...jobs.values()].map((j) => j.night)));
        const job: Job = { id: randomUUID(), customerId: me.id, ...req.body, stockId: stock.id, night, units: await core.totalUnits(stock.id, night), quotes: new Map(), accepted: [], createdAt: new Date().toISOString() };
        jobs.set(job.id, job);
        return { status: 201, body: jobView(job) };
      }),
      on(routes.getJob, async (req) => {
        await whoAmI(req);
        const job = jobs.get(req.params.id!);
        // An unknown id answers 200 with an empty body, as observed.
        if (!job) return { status: 200, body: undefined };
        const a = job.accepted[0];
        const assignment = a ? { id: a.bookingId, providerId: a.providerId, acceptedAt: a.at, status: 'pending_schedule' } : null;
        return { status: 200, body: { ...jobView(job), assignment } };
      }),
      on(routes.createQuote, async (req) => {
        const provider = await withRole(req, 'PROVIDER');
        const providerId = providers.get(provider.id);
        if (!providerId) throw new HttpProblem(403, 'Provider profile not found', 'Forbidden');
        const job = jobOf(req.params.id!);
        if ([...job.quotes.values()].some((q) => q.providerId === providerId)) throw new HttpProblem(400, 'You already quoted this job', 'Bad Request');
        const id = randomUUID();
        job.quotes.set(id, { providerId, total: req.body.total, status: 'pending', createdAt: new Date().toISOString() });
        return { status: 201, body: quoteView(job, id) };
      }),
      on(routes.listQuotes, async (req) => {
        const job = jobOf(req.params.id!);
        const me = await whoAmI(req);
        if (job.customerId !== me.id) throw new HttpProblem(403, 'Not your job', 'Forbidden');
        return { status: 200, body: [...job.quotes.keys()].map((id) => quoteView(job, id)) };
      }),
      on(routes.accept, async (req) => {
        const job = await customersJob(req);
        const quote = job.quotes.get(req.params.quoteId!);
        if (!quote) throw new HttpProblem(404, 'Quote not found', 'Not Found');
        await delay(faults.nextReserveDelayMs());
        try {
          const held = await core.reserve(req.token ?? '', req.requestId, job.stockId, job.night, job.units);
          job.accepted.push({ quoteId: req.params.quoteId!, providerId: quote.providerId, bookingId: held.id, token: req.token ?? '', at: new Date().toISOString() });
        } catch (error) {
          if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(400, 'Assignment already exists for this job', 'Bad Request');
          throw error;
        }
        quote.status = 'accepted';
        return { status: 201, body: quoteView(job, req.params.quoteId!) };
      }),
      on(routes.revoke, async (req) => {
        const job = await customersJob(req);
        if (!job.accepted.length) throw new HttpProblem(400, 'No active acceptance to revoke', 'Bad Request');
        for (const a of job.accepted.splice(0)) await core.cancel(a.token, req.requestId, a.bookingId).catch(() => {});
        for (const q of job.quotes.values()) q.status = 'pending';
        return { status: 201, body: { ok: true } };
      }),
    ],
  };
}
