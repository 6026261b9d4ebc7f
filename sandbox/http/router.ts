// The one router behind every server the sandbox runs (the TripAvail contract and each dialect): the control routes, the
// api-down and flaky-5xx faults, route matching, request ids and security headers, and every failure in the server's own
// error body. What differs between servers is an option.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { Faults } from '../faults.ts';
import { handleControl, isControlPath, type Control } from './control.ts';
import { bearerToken, readBody, requestIdOf } from './incoming.ts';
import { HttpProblem } from './problem.ts';
import { routeTable } from './route-table.ts';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a handler gets, whichever server routes it. */
export interface RoutedRequest<B = unknown, Q = unknown> {
  requestId: string;
  params: Record<string, string>;
  query: Q;
  body: B;
  headers: IncomingMessage['headers'];
  /** The bearer token, if any. */
  token?: string;
  /** The client's address: dialects keep rate limits per address. */
  ip: string;
}

export interface RouterRoute {
  /** Handed to `finish` (the contract's route name). */
  name: string;
  method: string;
  /** Below the router's prefix; `:name` segments are path parameters. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** `never`: each server's `input` decides what the body and query are, and its handlers' types say so. */
  handle: (req: RoutedRequest<never, never>) => Promise<Reply>;
}

/** Where a failure happened, for the error body; no `requestId` while the no-request-id fault is on. */
export interface ProblemSite {
  path: string;
  method: string | undefined;
  requestId: string | undefined;
}

export interface RouterOptions {
  /** Names the server in log lines and configuration errors ("erp"); the contract's server has none. */
  name?: string;
  prefix?: string;
  routes: readonly RouterRoute[];
  /** A known path under another method: 405, or 404 "Cannot <METHOD> <path>" as NestJS answers. */
  wrongMethod: 404 | 405;
  trailingSlash?: boolean;
  /** Sent on every answer, and an OPTIONS preflight is answered 204. */
  cors?: Record<string, string>;
  /** The body and query the route's handler gets; throws an HttpProblem to refuse them. */
  input: (route: RouterRoute, raw: string, query: Record<string, string>) => { body: unknown; query: unknown };
  errorBody: (problem: HttpProblem, site: ProblemSite) => unknown;
  /** Rewrites every answer just before it is sent (the contract's conformance mode). */
  finish?: (reply: Reply, route: RouterRoute | undefined) => Reply;
  /** The message of the 503 for an unreachable database. */
  databaseDownMessage?: string;
  faults: Faults;
  log: (line: string) => void;
  /** Serves the loopback-only /__sandbox/ routes (see control.ts). */
  control?: Control;
}

const securityHeaders = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export function createRouter(options: RouterOptions): Server {
  const who = options.name ? `sandbox (${options.name})` : 'sandbox';
  const match = routeTable(options.routes, { prefix: options.prefix, trailingSlash: options.trailingSlash, owner: who });

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { faults } = options;
    const requestId = requestIdOf(req);
    const echoRequestId = !faults.has('no-request-id');
    const url = new URL(req.url ?? '/', 'http://sandbox');
    let route: RouterRoute | undefined;
    const send = (answer: Reply) => {
      const reply = options.finish ? options.finish(answer, route) : answer;
      const headers: Record<string, string> = { ...securityHeaders, ...options.cors, ...reply.headers };
      if (echoRequestId) headers['x-request-id'] = requestId;
      writeReply(res, reply.status, headers, reply.body);
    };
    const fail = (problem: HttpProblem) =>
      send({ status: problem.status, headers: problem.headers, body: options.errorBody(problem, { path: url.pathname, method: req.method, requestId: echoRequestId ? requestId : undefined }) });

    try {
      const raw = await readBody(req);
      if (options.control && isControlPath(url.pathname)) return send(await handleControl(options.control, req, url.pathname, raw));
      if (options.cors && req.method === 'OPTIONS') return send({ status: 204, body: undefined });
      if (faults.has('api-down')) return fail(new HttpProblem(503, 'Service Unavailable', 'SERVICE_UNAVAILABLE'));
      if (faults.nextRequestFails()) return fail(new HttpProblem(500, 'Internal server error', 'INTERNAL'));

      const found = match(req.method ?? 'GET', url.pathname);
      if (found === 'no-route' || (found === 'wrong-method' && options.wrongMethod === 404)) return fail(new HttpProblem(404, `Cannot ${req.method} ${url.pathname}`, 'NOT_FOUND'));
      if (found === 'wrong-method') return fail(new HttpProblem(405, `Method ${req.method} not allowed on ${url.pathname}`, 'METHOD_NOT_ALLOWED'));
      route = found.route;
      const input = options.input(route, raw, Object.fromEntries(url.searchParams));
      send(
        await route.handle({
          requestId,
          params: found.params,
          query: input.query as never,
          body: input.body as never,
          headers: req.headers,
          token: bearerToken(req),
          ip: req.socket.remoteAddress ?? 'unknown',
        }),
      );
    } catch (error) {
      if (error instanceof HttpProblem) return fail(error);
      if (isDatabaseUnavailable(error)) return fail(new HttpProblem(503, options.databaseDownMessage ?? 'database unavailable', 'SERVICE_UNAVAILABLE'));
      options.log(`${who}: ${req.method} ${url.pathname} failed (request id ${requestId}): ${(error as Error).message}`);
      fail(new HttpProblem(500, 'Internal server error', 'INTERNAL'));
    }
  }

  return createServer((req, res) => void respond(req, res));
}

/** A route per entry of a named table (the contract's or tripavail-today's), served by the handler of the same name. */
export function namedRoutes<N extends string>(
  table: Readonly<Record<N, { method: string; path: string; body?: z.ZodType; query?: z.ZodType }>>,
  handlers: Readonly<Record<N, RouterRoute['handle']>>,
): RouterRoute[] {
  return (Object.keys(table) as N[]).map((name) => {
    const { method, path, body, query } = table[name];
    return { name, method, path, body, query, handle: handlers[name] };
  });
}

function writeReply(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
