// How a matrix walks on this run: what it may do (walkOptions), which matrices wait a hold out, and how one request is sent.
import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../client/api-client.ts';
import { EXPIRE, lifecycleOf, ownershipCells, planWalk, stateCells, stateMatrixRoutes, stepName, subjectOf, type BookingState, type Cell, type WalkOptions } from '../contract/matrices.ts';
import type { RouteName } from '../contract/routes.ts';
import { destructiveAllowed, type Config } from '../config/load.ts';

/** The longest hold TTL a run waits out (for EXPIRED_HOLD cells and the expiry checks). */
export const MAX_WAIT_TTL_SECONDS = 30;

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

/** How this run may walk a booking: the routes it has, what it may read back, and whether it may wait a hold out. */
export function walkOptions(api: ApiClient, config: Config): WalkOptions {
  const steps = lifecycleOf(api.profile);
  const readable = (state: BookingState) => api.has('getBooking') && (steps.getBooking?.from.includes(state) ?? false);
  return { available: (route) => api.has(route), canExpire: mayWaitOutAHold(api, config), readable, lifecycle: steps };
}

/** Whether this run may wait a hold out: destructive checks allowed, a TTL it can wait for, and a way to read the sweep's work. */
export function mayWaitOutAHold(api: ApiClient, config: Config): boolean {
  return api.has('getBooking') && destructiveAllowed(config) && config.holdTtlSeconds <= MAX_WAIT_TTL_SECONDS;
}

/** The matrices (by check id) whose walk waits a hold out on this run. */
export function matricesThatWaitOutAHold(api: ApiClient, config: Config): string[] {
  const steps = lifecycleOf(api.profile);
  const options = walkOptions(api, config);
  const walks: [string, Cell[]][] = [
    ['api.booking.ownership', ownershipCells((route) => api.has(route), steps)],
    ...stateMatrixRoutes().map((route): [string, Cell[]] => [`api.state.${stepName(route)}`, stateCells(route, steps)]),
  ];
  return walks.filter(([, cells]) => planWalk(cells, options).ops.some((op) => op.op === 'move' && op.via === EXPIRE)).map(([id]) => id);
}
