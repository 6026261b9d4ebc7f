// ServiceLink's transaction in the suite's steps: a customer's job is the slot (capacity: one assignment); providers quote,
// and accepting a quote reserves the job. The race has the customer accept every provider's quote at once.
import { field, sessionOf } from './shared.ts';
import { barrierRequest, expectStatus, type BookingSystem } from './types.ts';

export function servicelinkSystem(): BookingSystem {
  return {
    async liveness({ api }) {
      const res = await api.request('GET', '/health', { step: 'health.liveness' });
      expectStatus(res, 200, 'GET /health');
      if (field(res.body, 'ok') !== true) throw new Error(`/health answers ok=${String(field(res.body, 'ok'))} (request id ${res.requestId})`);
    },
    async signIn({ api }, who) {
      const res = await api.request('POST', '/auth/signup', { body: { email: who.email, password: who.password, name: 'Holdfast Synthetic' }, step: 'auth.signup', setup: true });
      expectStatus(res, 201, 'signup');
      const token = field<string>(res.body, 'access_token');
      const me = await api.request('GET', '/auth/me', { token, step: 'auth.me' });
      expectStatus(me, 200, 'GET /auth/me');
      return sessionOf(token, me.body as Record<string, unknown>, who.email, 'signup');
    },
    async register({ api }, who) {
      const res = await api.request('POST', '/auth/signup', { body: { email: who.email, password: who.password, name: 'Holdfast Synthetic' }, step: 'auth.signup', setup: true });
      expectStatus(res, 201, 'signup');
    },
    passwordLogin: ({ api }, email, password) => api.request('POST', '/auth/login', { body: { email, password }, step: 'auth.login-attempt' }),
    browse: ({ api }, session) => api.request('GET', '/jobs', { token: session.token, step: 'jobs.browse' }),
    async openSlot({ api, config }, owner) {
      const res = await api.request('POST', '/jobs', { token: owner.token, body: { title: `Holdfast synthetic job ${config.runId}`, description: 'Synthetic check; revoked when done.' }, step: 'jobs.create' });
      expectStatus(res, 201, 'create a job');
      const id = String(field(res.body, 'id'));
      return { label: `job ${id}`, data: { jobId: id } };
    },
    async freeUnits({ api }, slot, owner) {
      const res = await api.request('GET', `/jobs/${slot.data.jobId}`, { token: owner.token, step: 'jobs.read' });
      expectStatus(res, 200, 'read the job');
      return field(res.body, 'status') === 'open' ? 1 : 0;
    },
    async prepareReservation(ctx, slot, provider, owner) {
      const quote = await ctx.api.request('POST', `/jobs/${slot.data.jobId}/quotes`, { token: provider.token, body: { total: 120 }, step: 'jobs.quote' });
      expectStatus(quote, 201, 'quote the job');
      return barrierRequest(ctx, 'POST', `/jobs/${slot.data.jobId}/quotes/${String(field(quote.body, 'id'))}/accept`, owner.token, {});
    },
    classify({ api }, answer) {
      const id = field<string>(answer.body, 'jobId');
      if ((answer.status === 201 || answer.status === 200) && id) return { kind: 'reserved', id };
      return answer.status === api.profile.rejections.insufficientInventory.status ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, owner, jobId) {
      const res = await api.request('POST', `/jobs/${jobId}/quotes/revoke`, { token: owner.token, step: 'cleanup.revoke' });
      return res.status === 200 ? 'cancelled' : res.status === api.profile.rejections.wrongState.status ? 'already-final' : 'failed';
    },
  };
}
