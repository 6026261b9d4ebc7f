// How the tripavail-today dialect is served: the routes of src/systems/tripavail-today/routes.ts under /v1 on the shared
// router, routed as NestJS routes them (a trailing slash accepted, an unknown path or method alike 404 "Cannot <METHOD>
// <path>"), bodies as sent (its services parse them), and every error as `{statusCode, timestamp, path, method, message, requestId}`.
import type { Server } from 'node:http';
import { TODAY_PREFIX, todayRoutes, VALIDATION_MESSAGE, type TodayRouteName } from '../../../src/systems/tripavail-today/routes.ts';
import type { Faults } from '../../faults.ts';
import type { Control } from '../../http/control.ts';
import { parseJson } from '../../http/incoming.ts';
import { HttpProblem, problemBody } from '../../http/problem.ts';
import { createRouter, namedRoutes } from '../../http/router.ts';
import type { TodayReply, TodayRequest } from './support.ts';

export type TodayHandlers = Record<TodayRouteName, (req: TodayRequest) => Promise<TodayReply>>;

export function createTodayServer(handlers: TodayHandlers, faults: Faults, log: (line: string) => void, control?: Control): Server {
  return createRouter({
    name: 'tripavail-today',
    prefix: TODAY_PREFIX,
    routes: namedRoutes(todayRoutes, handlers),
    wrongMethod: 404,
    trailingSlash: true,
    input: (_route, raw, query) => ({ body: parseJson(raw, () => new HttpProblem(400, VALIDATION_MESSAGE)), query }),
    // NestJS's bodies carry no code, and its 503 says what ServiceUnavailableException says by default.
    errorBody: (problem, site) => problemBody(problem.status, problem.message, site),
    databaseDownMessage: 'Service Unavailable',
    faults,
    log,
    control,
  });
}
