// How a dialect is served: its own paths and error shape over the sandbox's core, with the same request ids and headers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Faults } from '../faults.ts';
import { handleControl, isControlPath, type Control } from '../http/control.ts';
import { HttpProblem } from '../http/problem.ts';
import { isDatabaseUnavailable, readBody, requestIdOf, securityHeaders, type Reply } from '../http/server.ts';

export interface DialectRequest {
  requestId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  token?: string;
  ip: string;
}

export interface DialectRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handle: (req: DialectRequest) => Promise<Reply>;
}

export interface Dialect {
  name: string;
  routes: DialectRoute[];
  /** The system's own error body for a status and message. */
  errorBody: (status: number, message: string, code: string | undefined, requestId: string) => unknown;
}

/** `control`, when given, serves the loopback-only /__sandbox/ routes (see ../http/control.ts). */
export function createDialectServer(dialect: Dialect, faults: Faults, log: (line: string) => void, control?: Control): Server {
  const table = dialect.routes.map((r) => {
    const keys: string[] = [];
    const pattern = new RegExp(`^${r.path.replace(/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`);
    return { ...r, keys, pattern };
  });
  return createServer((req, res) => {
    const requestId = requestIdOf(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const send = (reply: Reply) => {
      const headers: Record<string, string> = { ...securityHeaders, ...reply.headers };
      if (!faults.has('no-request-id')) headers['x-request-id'] = requestId;
      if (reply.body === undefined) return void res.writeHead(reply.status, headers).end();
      res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
    };
    const fail = (status: number, message: string, code?: string, headers?: Record<string, string>) =>
      send({ status, headers, body: dialect.errorBody(status, message, code, requestId) });

    void (async () => {
      try {
        const raw = await readBody(req);
        if (control && isControlPath(url.pathname)) return send(await handleControl(control, req, url.pathname, raw));
        if (faults.has('api-down')) return fail(503, 'Service Unavailable', 'SERVICE_UNAVAILABLE');
        if (faults.nextRequestFails()) return fail(500, 'Internal server error', 'INTERNAL');
        const matches = table.filter((r) => r.pattern.test(url.pathname));
        if (!matches.length) return fail(404, `Cannot ${req.method} ${url.pathname}`, 'NOT_FOUND');
        const route = matches.find((r) => r.method === req.method);
        if (!route) return fail(405, `Method ${req.method} not allowed`, 'METHOD_NOT_ALLOWED');
        const values = route.pattern.exec(url.pathname)!.slice(1);
        let body: Record<string, unknown> = {};
        if (raw.length) {
          try {
            body = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            return fail(400, 'request body is not valid JSON', 'VALIDATION_FAILED');
          }
        }
        const auth = req.headers.authorization;
        send(
          await route.handle({
            requestId,
            params: Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i]!)])),
            query: Object.fromEntries(url.searchParams),
            body: body && typeof body === 'object' ? body : {},
            headers: req.headers,
            token: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
            ip: req.socket.remoteAddress ?? 'unknown',
          }),
        );
      } catch (error) {
        if (error instanceof HttpProblem) return fail(error.status, error.message, error.code, error.headers);
        if (isDatabaseUnavailable(error)) return fail(503, 'database unavailable', 'SERVICE_UNAVAILABLE');
        log(`sandbox (${dialect.name}): ${req.method} ${url.pathname} failed (request id ${requestId}): ${(error as Error).message}`);
        fail(500, 'Internal server error', 'INTERNAL');
      }
    })();
  });
}
