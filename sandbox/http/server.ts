// How requests reach the sandbox's handlers: a small router over the contract's routes, request ids, security headers, errors.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { routes, type RouteName } from '../../src/contract/routes.ts';
import type { Faults } from '../faults.ts';
import { handleControl, isControlPath, type Control } from './control.ts';
import { HttpProblem, problemBody } from './problem.ts';
import { conform } from './conformance.ts';

export interface RequestContext {
  requestId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** The bearer token, if any. */
  token?: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply>;
export type Handlers = Record<RouteName, Handler>;

const PREFIX = '/v1';

export const securityHeaders = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** The web app calls the API from another origin. */
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key, X-Request-ID, X-Synthetic',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'X-Request-ID, Retry-After',
};

interface CompiledRoute {
  name: RouteName;
  method: string;
  pattern: RegExp;
  keys: string[];
  body?: z.ZodType;
}

function compile(): CompiledRoute[] {
  return (Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][]).map(([name, route]) => {
    const keys: string[] = [];
    const pattern = new RegExp(`^${PREFIX}${route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`);
    return { name, method: route.method, pattern, keys, body: 'body' in route ? route.body : undefined };
  });
}

/** `control`, when given, serves the loopback-only /__sandbox/ routes (see control.ts). */
export function createApiServer(handlers: Handlers, faults: Faults, log: (line: string) => void = () => {}, control?: Control): Server {
  const table = compile();
  return createServer((req, res) => {
    void handle(req, res, table, handlers, faults, log, control);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, table: CompiledRoute[], handlers: Handlers, faults: Faults, log: (line: string) => void, control?: Control) {
  const requestId = requestIdOf(req);
  const url = new URL(req.url ?? '/', 'http://sandbox');
  let routeName: RouteName | undefined;
  const send = (answer: Reply) => {
    const reply = conform(faults.conformance, routeName, answer);
    const headers: Record<string, string> = { ...securityHeaders, ...corsHeaders, ...reply.headers };
    if (!faults.has('no-request-id')) headers['x-request-id'] = requestId;
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
  };
  const problem = (status: number, message: string, code?: string, headers?: Record<string, string>) =>
    send({ status, headers, body: problemBody(status, message, { path: url.pathname, method: req.method, requestId: faults.has('no-request-id') ? undefined : requestId }, code) });

  try {
    const raw = await readBody(req);
    if (control && isControlPath(url.pathname)) return send(await handleControl(control, req, url.pathname, raw));
    if (req.method === 'OPTIONS') return send({ status: 204, body: undefined });
    if (faults.has('api-down')) return problem(503, 'Service Unavailable', 'SERVICE_UNAVAILABLE');
    if (faults.nextRequestFails()) return problem(500, 'Internal server error', 'INTERNAL');

    const matches = table.filter((r) => r.pattern.test(url.pathname));
    if (matches.length === 0) return problem(404, `Cannot ${req.method} ${url.pathname}`, 'NOT_FOUND');
    const route = matches.find((r) => r.method === req.method);
    if (!route) return problem(405, `Method ${req.method} not allowed on ${url.pathname}`, 'METHOD_NOT_ALLOWED');

    routeName = route.name;
    const values = route.pattern.exec(url.pathname)!.slice(1);
    const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i]!)]));
    let body: unknown;
    if (route.body) {
      let json: unknown;
      try {
        json = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return problem(400, 'request body is not valid JSON', 'VALIDATION_FAILED');
      }
      const parsed = route.body.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return problem(400, `${issue.path.join('.') || 'body'}: ${issue.message}`, 'VALIDATION_FAILED');
      }
      body = parsed.data;
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const reply = await handlers[route.name]({ requestId, params, query: Object.fromEntries(url.searchParams), body, headers: req.headers, token });
    send(reply);
  } catch (error) {
    if (error instanceof HttpProblem) return problem(error.status, error.message, error.code, error.headers);
    if (isDatabaseUnavailable(error)) return problem(503, 'database unavailable', 'SERVICE_UNAVAILABLE');
    log(`sandbox: ${req.method} ${url.pathname} failed (request id ${requestId}): ${(error as Error).message}`);
    return problem(500, 'Internal server error', 'INTERNAL');
  }
}

/** The caller's X-Request-ID when it is sane, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const inbound = req.headers['x-request-id'];
  return typeof inbound === 'string' && inbound.length > 0 && inbound.length <= 200 ? inbound : randomUUID();
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) {
        reject(new HttpProblem(413, 'request body too large', 'PAYLOAD_TOO_LARGE'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'ECONNREFUSED' || e?.code === '57P01' || /connect|terminat|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}
