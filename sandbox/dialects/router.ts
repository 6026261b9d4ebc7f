// How a dialect is served: routes from its system's table (src/systems/<name>/routes.ts) on the sandbox's shared router,
// bodies and queries parsed by their schemas, and every error in the system's own shape.
import type { Server } from 'node:http';
import type { z } from 'zod';
import type { Route } from '../../src/contract/routes.ts';
import type { Faults } from '../faults.ts';
import type { Control } from '../http/control.ts';
import { parseJson } from '../http/incoming.ts';
import { HttpProblem } from '../http/problem.ts';
import { createRouter, type Reply, type RoutedRequest, type RouterRoute } from '../http/router.ts';

export type DialectRequest<B = Record<string, unknown>, Q = Record<string, string>> = RoutedRequest<B, Q>;

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
  /**
   * The system's own error body for a status and message (`details` for a refused body or query); `requestId` is
   * undefined while the no-request-id fault is on.
   */
  errorBody: (status: number, message: string, code: string | undefined, requestId: string | undefined, details?: { field: string; message: string }[]) => unknown;
  /** The status the system refuses a malformed body with (400, or Laravel's 422). */
  invalidStatus: number;
  /** Forgets in-memory state (rate-limit windows, jobs, items), as a restarted process would: the sandbox's reset calls it. */
  reset?(): void;
}

/** `control`, when given, serves the loopback-only /__sandbox/ routes (see ../http/control.ts). */
export function createDialectServer(dialect: Dialect, faults: Faults, log: (line: string) => void, control?: Control): Server {
  return createRouter({
    name: dialect.name,
    routes: dialect.routes.map(({ route, handle }) => ({ name: `${route.method} ${route.path}`, method: route.method, path: route.path, body: route.body, query: route.query, handle })),
    wrongMethod: 405,
    input: dialectInput(dialect.invalidStatus),
    errorBody: (problem, site) => dialect.errorBody(problem.status, problem.message, problem.code, site.requestId, problem instanceof InvalidInput ? problem.details : undefined),
    faults,
    log,
    control,
  });
}

/** Any body must be JSON (an empty one is `{}`); the query, then the body, are parsed by the route's schemas. */
function dialectInput(invalidStatus: number) {
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return value;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new InvalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })), invalidStatus);
  };
  return (route: RouterRoute, raw: string, query: Record<string, string>) => {
    const json = parseJson(raw, () => new HttpProblem(invalidStatus, 'request body is not valid JSON', 'VALIDATION_ERROR')) ?? {};
    return { query: parse(route.query, query), body: parse(route.body, json) };
  };
}
