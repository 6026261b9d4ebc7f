// ServiceLink under load: a customer's job with one provider's quote is the stock (made in setup); booking accepts that
// quote (the job's one assignment) and revokes it, which puts the quote back to pending for the next booking.
// Sign-up is limited to 5 a minute per address and quote operations (accept, revoke) to 5 a minute per customer: setup
// signs one customer and one provider in and every VU shares them; the book rate is planned below the quote limit.
import { credentials, type DescribeLoad, type LoadConversation } from '../../load/conversation.ts';
import { routes } from './routes.ts';

const customer = 'customer' as const;
const counterpart = 'counterpart' as const;
const token = { token: 'access_token' };

export const servicelinkLoad: DescribeLoad = (): LoadConversation => ({
  signIn: {
    fresh: [{ step: 'signup', route: routes.signup, body: { ...credentials, name: '{{name}}', role: '{{role}}' }, extract: token }],
    provisioned: [{ step: 'login', route: routes.login, body: credentials, extract: token }],
    check: { step: 'me', route: routes.me, as: customer },
    // A provider reads its own record once: that creates it, and ServiceLink refuses quotes from providers without one.
    after: { counterpart: [{ step: 'provider-profile', route: routes.providerMe, as: counterpart, what: 'the provider\'s profile (GET it once before quoting) was refused' }] },
    roles: { customer: 'CUSTOMER', counterpart: 'PROVIDER' },
    parties: [customer, counterpart],
    sessions: 'shared',
  },
  // ServiceLink has no readiness probe: /health is what setup can prove.
  readiness: { step: 'health', route: routes.health },
  stock: [
    { step: 'job', route: routes.createJob, as: customer, body: { title: 'Holdfast load job {{runId}}', description: 'Synthetic load check; its quote is accepted and revoked.' }, extract: { jobId: 'id' }, what: 'synthetic job (POST by the customer)' },
    { step: 'quote', route: routes.createQuote, as: counterpart, params: { id: '{{jobId}}' }, body: { total: 120 }, extract: { quoteId: 'id' }, what: 'provider\'s quote on the synthetic job' },
  ],
  browse: [
    { step: 'jobs', route: routes.listJobs, as: customer },
    { step: 'job', route: routes.getJob, as: customer, params: { id: '{{jobId}}' }, expect: { id: '{{jobId}}' } },
    { step: 'quotes', route: routes.listQuotes, as: customer, params: { id: '{{jobId}}' } },
  ],
  book: {
    reserve: { step: 'accept', route: routes.accept, as: customer, soldOut: true, params: { id: '{{jobId}}', quoteId: '{{quoteId}}' }, expect: { status: 'accepted' } },
    release: [{ step: 'revoke', route: routes.revoke, as: customer, params: { id: '{{jobId}}' } }],
  },
  health: [{ step: 'health', route: routes.health, expect: { ok: 'true' } }],
  stockName: 'a synthetic job and a provider\'s quote, made by setup\'s customer and provider',
  bookLimits: [{ perMinute: 5, per: 'user', requestsPerIteration: 2, why: 'ServiceLink allows 5 quote operations (accept, revoke) a minute per customer' }],
  baseline: [
    { step: 'health', route: routes.health },
    { step: 'jobs', route: routes.listJobs, as: customer },
  ],
});
