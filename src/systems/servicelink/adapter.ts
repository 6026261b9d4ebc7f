// ServiceLink's transaction in the suite's steps: a customer's job is the slot (capacity: whether it holds an assignment);
// providers quote, and accepting a quote reserves the job. The race has the customer accept every provider's quote at once.
import { isRejection } from '../../integrity/race.ts';
import type { SyntheticUser } from '../../flows/identity.ts';
import { fillPath } from '../../contract/routes.ts';
import { call, loginAttempt, readMeOn, sessionOf, succeed, successOf } from '../shared.ts';
import { barrierRequest, type BookingSystem, type Party, type SystemContext } from '../types.ts';
import { freeUnitsOfJob } from './readers.ts';
import { routes } from './routes.ts';

const roleOf = (party: Party = 'customer') => (party === 'counterpart' ? 'PROVIDER' : 'CUSTOMER');

export function servicelinkSystem(): BookingSystem {
  /** A provider reads its own record once: that creates it, and ServiceLink refuses quotes from providers without one. */
  const ready = async ({ api }: SystemContext, token: string, party: Party | undefined, email: string) => {
    const me = await succeed(api, party === 'counterpart' ? routes.providerMe : routes.me, { token, step: party === 'counterpart' ? 'providers.me' : 'auth.me' });
    return sessionOf(token, me, email, 'sign-in');
  };
  const signUp = ({ api }: SystemContext, who: SyntheticUser, role: string) =>
    call(api, routes.signup, { body: { email: who.email, password: who.password, name: 'Holdfast Synthetic', role }, step: 'auth.signup', setup: true });
  return {
    reuseUsers: true,
    async liveness({ api }) {
      const health = await succeed(api, routes.health, { step: 'health.liveness' });
      if (health.ok !== true) throw new Error(`${routes.health.path} answers ok=${String(health.ok)}`);
    },
    async signIn(ctx, who, party) {
      const { access_token: token } = await succeed(ctx.api, routes.signup, { body: { email: who.email, password: who.password, name: 'Holdfast Synthetic', role: roleOf(party) }, step: 'auth.signup', setup: true });
      return ready(ctx, token, party, who.email);
    },
    async logIn(ctx, who, party) {
      const { access_token: token } = await succeed(ctx.api, routes.login, { body: { email: who.email, password: who.password }, step: 'auth.login', setup: true });
      return ready(ctx, token, party, who.email);
    },
    async register(ctx, who) {
      await succeed(ctx.api, routes.signup, { body: { email: who.email, password: who.password, name: 'Holdfast Synthetic', role: roleOf() }, step: 'auth.signup', setup: true });
    },
    passwordLogin: loginAttempt(routes.login),
    readMe: readMeOn(routes.me),
    async whoAmI({ api }, session) {
      const me = await succeed(api, routes.me, { token: session.token, step: 'auth.me' });
      return { id: me.id, email: me.email, role: me.role };
    },
    selfRegistration: {
      privilegedRole: 'ADMIN',
      async signUpAs(ctx, who, role) {
        const res = await signUp(ctx, who, role);
        if (res.status !== successOf(routes.signup) || res.contractViolation) return { refused: true, status: res.status, requestId: res.requestId };
        const token = (res.body as { access_token: string }).access_token;
        const me = await succeed(ctx.api, routes.me, { token: sessionOf(token, undefined, who.email, 'signup').token, step: 'auth.me' });
        return { refused: false, role: me.role, requestId: res.requestId };
      },
    },
    // Quote operations (accept, revoke) are limited to 5 a minute per customer: one round of two accepts and one revoke
    // fits beside the journey's accept and revoke. Two providers for one assignment is all a race needs.
    racePlan: (asked) => ({ contenders: Math.min(asked.concurrency, 2), rounds: 1, reason: 'quote operations are limited to 5 a minute per customer; one assignment per job' }),
    browse: ({ api }, session) => call(api, routes.listJobs, { token: session.token, step: 'jobs.browse' }),
    async openSlot({ api, config }, owner) {
      const job = await succeed(api, routes.createJob, { token: owner.token, body: { title: `Holdfast synthetic job ${config.runId}`, description: 'Synthetic check; revoked when done.' }, step: 'jobs.create' });
      return { label: `job ${job.id}`, data: { jobId: job.id } };
    },
    freeUnits: (ctx, slot, owner) => freeUnitsOfJob(ctx.api, owner.token, String(slot.data.jobId)),
    async prepareReservation(ctx, slot, provider, owner) {
      const quote = await succeed(ctx.api, routes.createQuote, { token: provider.token, params: { id: String(slot.data.jobId) }, body: { total: 120 }, step: 'jobs.quote' });
      return barrierRequest(ctx, 'POST', fillPath(routes.accept.path, { id: quote.jobId, quoteId: quote.id }), owner.token, {});
    },
    classify({ api }, answer) {
      const parsed = routes.accept.responses[201].safeParse(answer.body);
      if (answer.status === successOf(routes.accept) && parsed.success) return { kind: 'reserved', id: parsed.data.jobId };
      return isRejection(answer, api.profile.rejections.insufficientInventory) ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, owner, jobId) {
      // Read first: a revoke is a rate-limited quote operation, and a job without an assignment has nothing to give back.
      if ((await freeUnitsOfJob(api, owner.token, jobId)) === 1) return 'already-final';
      const res = await call(api, routes.revoke, { token: owner.token, params: { id: jobId }, step: 'cleanup.revoke' });
      return res.status === successOf(routes.revoke) ? 'cancelled' : isRejection(res, api.profile.rejections.wrongState) ? 'already-final' : 'failed';
    },
  };
}
