// How a dialect is served: routes from its system's table (src/systems/<name>/routes.ts), bodies and queries parsed by
// their schemas, its own error shape over the sandbox's core, with the same request ids and headers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { z } from 'zod';
import type { Route } from '../../src/contract/routes.ts';
import type { Faults } from '../faults.ts';
import { handleControl, isControlPath, type Control } from '../http/control.ts';
import { HttpProblem } from '../http/problem.ts';
import { isDatabaseUnavailable, readBody, requestIdOf, securityHeaders, type Reply } from '../http/server.ts';

export interface DialectRequest<B = Record<string, unknown>, Q = Record<string, string>> {
  requestId: string;
  params: Record<string, string>;
  query: Q;
  body: B;
  headers: IncomingMessage['headers'];
  token?: string;
  /** The client's address: rate limits are kept per address. */
  ip: string;
}

type BodyOf<R extends Route> = R['body'] extends z.ZodType ? z.output<R['body']> : Record<string, unknown>;
type QueryOf<R extends Route> = R['query'] extends z.ZodType ? z.output<R['query']> : Record<string, string>;

export interface DialectRoute {
  route: Route;
  handle: (req: DialectRequest<never, never>) => Promise<Reply>;
}

/** Serves `route` (from the system's table) with `handle`, which gets the body and query as the route's schemas parsed them. */
export function on<R extends Route>(route: R, handle: (req: DialectRequest<BodyOf<R>, QueryOf<R>>) => Promise<Reply>): DialectRoute {
  return { route, handle: handle as DialectRoute['handle'] };
}

/** A body or query its route's schema refuses: the dialect answers it in the system's own words (`invalid`). */
export class InvalidInput extends HttpProblem {
  constructor(
    readonly details: { field: string; message: string }[],
    status: number,
  ) {
    super(status, details.map((d) => `${d.field}: ${d.message}`).join('; '), 'VALIDATION_ERROR');
  }
}

export interface Dialect {
  name: string;
  routes: DialectRoute[];
  /** The system's own error body for a status and message (`details` for a refused body or query). */
  errorBody: (status: number, message: string, code: string | undefined, requestId: string, details?: { field: string; message: string }[]) => unknown;
  /** The status the system refuses a malformed body with (400, or Laravel's 422). */
  invalidStatus: number;
  /** Forgets in-memory state (rate-limit windows, jobs, items), as a restarted process would: the sandbox's reset calls it. */
  reset?(): void;
}

/** `control`, when given, serves the loopback-only /__sandbox/ routes (see ../http/control.ts). */
export function createDialectServer(dialect: Dialect, faults: Faults, log: (line: string) => void, control?: Control): Server {
  const table = dialect.routes.map((r) => {
    const keys: string[] = [];
    const pattern = new RegExp(`^${r.route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`);
    return { ...r, keys, pattern };
  });
  const seen = new Set<string>();
  for (const r of table) {
    const key = `${r.route.method} ${r.route.path}`;
    if (seen.has(key)) throw new Error(`dialect ${dialect.name} serves ${key} twice`);
    seen.add(key);
  }
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return value;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new InvalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })), dialect.invalidStatus);
  };
  return createServer((req, res) => {
    const requestId = requestIdOf(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const send = (reply: Reply) => {
      const headers: Record<string, string> = { ...securityHeaders, ...reply.headers };
      if (!faults.has('no-request-id')) headers['x-request-id'] = requestId;
      if (reply.body === undefined) return void res.writeHead(reply.status, headers).end();
      res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
    };
    const fail = (status: number, message: string, code?: string, headers?: Record<string, string>, details?: { field: string; message: string }[]) =>
      send({ status, headers, body: dialect.errorBody(status, message, code, requestId, details) });

    void (async () => {
      try {
        const raw = await readBody(req);
        if (control && isControlPath(url.pathname)) return send(await handleControl(control, req, url.pathname, raw));
        if (faults.has('api-down')) return fail(503, 'Service Unavailable', 'SERVICE_UNAVAILABLE');
        if (faults.nextRequestFails()) return fail(500, 'Internal server error', 'INTERNAL');
        const matches = table.filter((r) => r.pattern.test(url.pathname));
        if (!matches.length) return fail(404, `Cannot ${req.method} ${url.pathname}`, 'NOT_FOUND');
        const match = matches.find((r) => r.route.method === req.method);
        if (!match) return fail(405, `Method ${req.method} not allowed`, 'METHOD_NOT_ALLOWED');
        const values = match.pattern.exec(url.pathname)!.slice(1);
        let json: unknown = {};
        if (raw.length) {
          try {
            json = JSON.parse(raw);
          } catch {
            return fail(dialect.invalidStatus, 'request body is not valid JSON', 'VALIDATION_ERROR');
          }
        }
        const auth = req.headers.authorization;
        send(
          await match.handle({
            requestId,
            params: Object.fromEntries(match.keys.map((k, i) => [k, decodeURIComponent(values[i]!)])),
            query: parse(match.route.query, Object.fromEntries(url.searchParams)) as never,
            body: parse(match.route.body, json ?? {}) as never,
            headers: req.headers,
            token: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
            ip: req.socket.remoteAddress ?? 'unknown',
          }),
        );
      } catch (error) {
        if (error instanceof InvalidInput) return fail(error.status, error.message, error.code, error.headers, error.details);
        if (error instanceof HttpProblem) return fail(error.status, error.message, error.code, error.headers);
        if (isDatabaseUnavailable(error)) return fail(503, 'database unavailable', 'SERVICE_UNAVAILABLE');
        log(`sandbox (${dialect.name}): ${req.method} ${url.pathname} failed (request id ${requestId}): ${(error as Error).message}`);
        fail(500, 'Internal server error', 'INTERNAL');
      }
    })();
  });
}
