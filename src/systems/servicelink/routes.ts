// ServiceLink's routes as data (../shared/contract/other-systems.md, "Observed on running deployments"): what the client
// sends and validates, and what the sandbox dialect serves. Every success is 201 except the reads.
import { z } from 'zod';
import { route } from '../shared.ts';

/** NestJS's error body: `message` is a string, or the list of validation messages. */
export const NestError = z.looseObject({ statusCode: z.number(), message: z.union([z.string(), z.array(z.string())]), error: z.string().optional() });
const Token = z.looseObject({ access_token: z.string().min(1) });
export const Me = z.looseObject({ id: z.string(), email: z.string(), name: z.string().optional(), role: z.string(), provider: z.looseObject({ id: z.string() }).nullable().optional() });
export const Job = z.looseObject({ id: z.string(), title: z.string(), description: z.string(), customerId: z.string(), createdAt: z.string() });
/** The job's one assignment: present (an accepted quote) or absent/null. */
export const JobDetail = Job.extend({ assignment: z.looseObject({ status: z.string(), providerId: z.string().optional() }).nullable().optional() });
export const Quote = z.looseObject({ id: z.string(), jobId: z.string(), providerId: z.string(), total: z.number(), status: z.string() });

export const routes = {
  health: route({ method: 'GET', path: '/health', auth: false, responses: { 200: z.looseObject({ ok: z.boolean() }) } }),
  signup: route({
    method: 'POST', path: '/auth/signup', auth: false,
    body: z.object({ email: z.email(), password: z.string().min(8), name: z.string().min(1), role: z.string().optional() }),
    responses: { 201: Token, 400: NestError, 409: NestError, 429: NestError },
  }),
  login: route({
    method: 'POST', path: '/auth/login', auth: false,
    body: z.object({ email: z.string(), password: z.string() }),
    responses: { 201: Token, 400: NestError, 401: NestError, 429: NestError },
  }),
  me: route({ method: 'GET', path: '/auth/me', auth: true, responses: { 200: Me, 401: NestError } }),
  /** A provider's own record; the first read creates it (required before the provider can quote). */
  providerMe: route({ method: 'GET', path: '/providers/me', auth: true, responses: { 200: Me, 401: NestError, 403: NestError } }),
  listJobs: route({ method: 'GET', path: '/jobs', auth: true, responses: { 200: z.array(Job), 401: NestError } }),
  createJob: route({
    method: 'POST', path: '/jobs', auth: true,
    body: z.object({ title: z.string().min(3), description: z.string().min(10) }),
    responses: { 201: Job, 400: NestError, 401: NestError, 403: NestError },
  }),
  /** An unknown id answers 200 with an empty body (recorded). */
  getJob: route({ method: 'GET', path: '/jobs/:id', auth: true, responses: { 200: z.union([JobDetail, z.literal('')]), 401: NestError } }),
  createQuote: route({
    method: 'POST', path: '/jobs/:id/quotes', auth: true,
    body: z.object({ total: z.number().positive(), notes: z.string().optional() }),
    responses: { 201: Quote, 400: NestError, 401: NestError, 403: NestError, 404: NestError },
  }),
  listQuotes: route({ method: 'GET', path: '/jobs/:id/quotes', auth: true, responses: { 200: z.array(Quote), 401: NestError, 403: NestError } }),
  accept: route({
    method: 'POST', path: '/jobs/:id/quotes/:quoteId/accept', auth: true,
    responses: { 201: Quote, 400: NestError, 401: NestError, 403: NestError, 404: NestError, 429: NestError },
  }),
  revoke: route({
    method: 'POST', path: '/jobs/:id/quotes/revoke', auth: true,
    responses: { 201: z.looseObject({ ok: z.literal(true) }), 400: NestError, 401: NestError, 403: NestError, 429: NestError },
  }),
};
