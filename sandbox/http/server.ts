// How requests reach the sandbox's contract handlers: the contract's routes under /v1 on the shared router, with CORS for
// the web app, 405 for a wrong method, bodies refused as VALIDATION_FAILED, and every answer through the conformance mode.
import type { IncomingMessage, Server } from 'node:http';
import { routes, type RouteName } from '../../src/contract/routes.ts';
import type { Faults } from '../faults.ts';
import { conform } from './conformance.ts';
import type { Control } from './control.ts';
import { parseJson } from './incoming.ts';
import { badRequest, problemBody } from './problem.ts';
import { createRouter, namedRoutes, type Reply, type RouterRoute } from './router.ts';

export type { Reply } from './router.ts';

export interface RequestContext {
  requestId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** The bearer token, if any. */
  token?: string;
}

export type Handler = (ctx: RequestContext) => Promise<Reply>;
export type Handlers = Record<RouteName, Handler>;

/** The web app calls the API from another origin. */
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key, X-Request-ID, X-Synthetic',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'X-Request-ID, Retry-After',
};

/** `control`, when given, serves the loopback-only /__sandbox/ routes (see control.ts). */
export function createApiServer(handlers: Handlers, faults: Faults, log: (line: string) => void = () => {}, control?: Control): Server {
  return createRouter({
    prefix: '/v1',
    routes: namedRoutes(routes, handlers),
    wrongMethod: 405,
    cors: corsHeaders,
    input: contractInput,
    errorBody: (problem, site) => problemBody(problem.status, problem.message, site, problem.code),
    finish: (reply, route) => conform(faults.conformance, route?.name as RouteName | undefined, reply),
    faults,
    log,
    control,
  });
}

/** A body is read only where the route has a schema, and refused with its first issue; the query goes as sent (the services check it). */
function contractInput(route: RouterRoute, raw: string, query: Record<string, string>) {
  if (!route.body) return { body: undefined, query };
  const parsed = route.body.safeParse(parseJson(raw, () => badRequest('request body is not valid JSON')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return { body: parsed.data, query };
}
