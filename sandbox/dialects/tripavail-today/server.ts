// How the tripavail-today dialect is served: the routes of src/systems/tripavail-today-routes.ts under /v1, X-Request-ID
// echoed, security headers, and every error as `{statusCode, timestamp, path, method, message, requestId}`.
import { createServer, type Server } from 'node:http';
import { TODAY_PREFIX, todayRoutes, type TodayRouteName } from '../../../src/systems/tripavail-today-routes.ts';
import type { Faults } from '../../faults.ts';
import { handleControl, isControlPath, type Control } from '../../http/control.ts';
import { HttpProblem, problemBody } from '../../http/problem.ts';
import { isDatabaseUnavailable, readBody, requestIdOf, securityHeaders } from '../../http/server.ts';
import { VALIDATION_MESSAGE } from '../../../src/systems/tripavail-today-routes.ts';
import type { TodayReply, TodayRequest } from './support.ts';

export type TodayHandlers = Record<TodayRouteName, (req: TodayRequest) => Promise<TodayReply>>;

export function createTodayServer(handlers: TodayHandlers, faults: Faults, log: (line: string) => void, control?: Control): Server {
  const table = (Object.entries(todayRoutes) as [TodayRouteName, (typeof todayRoutes)[TodayRouteName]][]).map(([name, route]) => {
    const keys: string[] = [];
    const pattern = new RegExp(`^${TODAY_PREFIX}${route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}/?$`);
    return { name, method: route.method as string, keys, pattern };
  });
  return createServer((req, res) => {
    const requestId = requestIdOf(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const send = (reply: TodayReply) => {
      const headers: Record<string, string> = { ...securityHeaders, ...reply.headers };
      if (!faults.has('no-request-id')) headers['x-request-id'] = requestId;
      if (reply.body === undefined) return void res.writeHead(reply.status, headers).end();
      res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
    };
    const fail = (status: number, message: string, headers?: Record<string, string>) =>
      send({ status, headers, body: problemBody(status, message, { path: url.pathname, method: req.method, requestId: faults.has('no-request-id') ? undefined : requestId }) });

    void (async () => {
      try {
        const raw = await readBody(req);
        if (control && isControlPath(url.pathname)) return send(await handleControl(control, req, url.pathname, raw));
        if (faults.has('api-down')) return fail(503, 'Service Unavailable');
        if (faults.nextRequestFails()) return fail(500, 'Internal server error');
        // NestJS answers an unknown path or method alike: 404 "Cannot <METHOD> <path>".
        const route = table.find((r) => r.method === req.method && r.pattern.test(url.pathname));
        if (!route) return fail(404, `Cannot ${req.method} ${url.pathname}`);
        let body: unknown;
        if (raw.length) {
          try {
            body = JSON.parse(raw);
          } catch {
            return fail(400, VALIDATION_MESSAGE);
          }
        }
        const values = route.pattern.exec(url.pathname)!.slice(1);
        const auth = req.headers.authorization;
        send(
          await handlers[route.name]({
            requestId,
            params: Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i]!)])),
            query: Object.fromEntries(url.searchParams),
            body,
            headers: req.headers,
            token: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
          }),
        );
      } catch (error) {
        if (error instanceof HttpProblem) return fail(error.status, error.message, error.headers);
        if (isDatabaseUnavailable(error)) return fail(503, 'Service Unavailable');
        log(`sandbox (tripavail-today): ${req.method} ${url.pathname} failed (request id ${requestId}): ${(error as Error).message}`);
        fail(500, 'Internal server error');
      }
    })();
  });
}
