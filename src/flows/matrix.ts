// How one request of a matrix is sent: the route's subject (a quote or booking id) filled in where the route names it.
import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../client/api-client.ts';
import { subjectOf } from '../contract/matrices.ts';
import type { RouteName } from '../contract/routes.ts';

/** The ids a walk carries: the quote it started from and the booking the hold made of it (the same id on most targets). */
export interface WalkIds {
  quoteId: string;
  bookingId: string;
}

/** What else a route's request needs besides its subject: fresh keys (a reused key would be a replay, not a new attempt). */
const extras: Partial<Record<RouteName, (paymentMethodId: string) => { body?: Record<string, unknown>; headers?: Record<string, string> }>> = {
  hold: () => ({ headers: { 'Idempotency-Key': randomUUID() } }),
  preAuthorize: (paymentMethodId) => ({ body: { paymentMethodId, idempotencyKey: randomUUID() } }),
};

/** Sends `route` about the walk's quote or booking with `token`; never throws for a status. */
export function callAbout(api: ApiClient, route: RouteName, ids: WalkIds, token: string, paymentMethodId: string, step: string): Promise<ApiResponse> {
  const subject = subjectOf(route);
  if (!subject) throw new Error(`route ${route} names no quote or booking`);
  const id = subject.kind === 'quote' ? ids.quoteId : ids.bookingId;
  const extra = extras[route]?.(paymentMethodId) ?? {};
  const body = 'body' in subject.via ? { [subject.via.body]: id, ...extra.body } : extra.body;
  const params = 'param' in subject.via ? { [subject.via.param]: id } : undefined;
  return api.call(route, { token, step, validate: 'record', ...(body ? { body } : {}), ...(params ? { params } : {}), ...(extra.headers ? { headers: extra.headers } : {}) });
}
