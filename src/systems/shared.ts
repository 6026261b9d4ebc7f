// Small pieces the foreign-system adapters share: routes as data and calls that validate against them, a random night,
// a session from whatever a system answers, and the race's 5xx log.
import { randomInt } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ApiClient, ApiResponse, CallOptions } from '../client/api-client.ts';
import { registerSecret } from '../client/redact.ts';
import type { Route } from '../contract/routes.ts';
import type { User } from '../contract/schemas.ts';
import type { Session } from '../flows/auth.ts';
import { daysFromToday } from '../flows/dates.ts';

export type { Route } from '../contract/routes.ts';

/** Declares a route of a system's table (src/systems/<name>/routes.ts), keeping its literal types. */
export const route = <const R extends Route>(r: R): R => r;

type Success<R extends Route> = Extract<keyof R['responses'], 200 | 201 | 204>;
/** The body a route's success status carries, as its schema reads it. */
export type OkBody<R extends Route> = z.output<R['responses'][Success<R>]>;
/** What a call sends: the route's body type, its path parameters. */
export type RouteCall<R extends Route> = Omit<CallOptions, 'body'> & { body?: R['body'] extends z.ZodType ? z.input<R['body']> : never };

/** The first 2xx status a route declares. */
export function successOf(r: Route): number {
  const status = Object.keys(r.responses).map(Number).find((s) => s >= 200 && s < 300);
  if (status === undefined) throw new Error(`${r.method} ${r.path} declares no success status`);
  return status;
}

/** Calls a route; the answer is validated against the schema of its status (`contractViolation` when it breaks it). */
export function call<R extends Route>(api: ApiClient, r: R, opts: RouteCall<R> = {}): Promise<ApiResponse> {
  return api.callRoute(r, opts as CallOptions);
}

/** One password login attempt on the system's login route, its answer as given (the lockout check reads its status). */
export const loginAttempt = (login: Route) => ({ api }: { api: ApiClient }, email: string, password: string) =>
  call(api, login, { body: { email, password } as never, step: 'auth.login-attempt' });

/** Reads oneself on the system's "me" route, with whatever token (or none) the check sends. */
export const readMeOn = (me: Route) => ({ api }: { api: ApiClient }, token?: string) => call(api, me, { token, step: 'auth.me' });

/** Calls a route and insists on its success status and schema; throws naming the step, status and request id. */
export async function succeed<R extends Route>(api: ApiClient, r: R, opts: RouteCall<R> & { step: string }): Promise<OkBody<R>> {
  const res = await call(api, r, opts);
  const ok = successOf(r);
  if (res.status !== ok) throw new Error(`${opts.step}: expected ${ok}, got ${res.status}${describe(res.body)} (request id ${res.requestId})`);
  if (res.contractViolation) throw new Error(`${opts.step}: the ${ok} body breaks ${r.method} ${r.path}'s schema: ${res.contractViolation} (request id ${res.requestId})`);
  return res.body as OkBody<R>;
}

function describe(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; code?: unknown; error?: unknown };
    const text = [b.code ?? b.error, Array.isArray(b.message) ? b.message.join(', ') : b.message].filter((v) => typeof v === 'string').join(': ');
    return text ? ` (${text})` : '';
  }
  return '';
}

/** A night 10–60 days out, different from the ones already used in this run (rounds must not share a night). */
export function freshNight(used: Set<number>): { checkIn: string; checkOut: string } {
  let offset = randomInt(10, 61);
  while (used.has(offset) && used.size < 50) offset = randomInt(10, 61);
  used.add(offset);
  return { checkIn: daysFromToday(offset), checkOut: daysFromToday(offset + 1) };
}

/** A session from a token and the user object the system returned (kept whole, so leak checks see every field). */
export function sessionOf(token: string | undefined, user: Record<string, unknown> | undefined, email: string, what: string): Session {
  if (!token) throw new Error(`${what}: the answer carries no token`);
  registerSecret(token);
  const id = String(user?.id ?? user?._id ?? user?.userId ?? '');
  return { token, email, user: { ...(user ?? {}), id: id || email, email: String(user?.email ?? email), role: 'TRAVELER' } as User };
}

/** A 5xx answer seen during a race round (the race spec writes them; integrity.race.no-5xx reads them back). */
export interface RaceAnswerLog {
  runId: string;
  round: number;
  answers: number;
  serverErrors: { status?: number; requestId: string }[];
}

const raceLogFile = (reportsDir: string) => join(reportsDir, 'race-answers.jsonl');

export function logRaceAnswers(reportsDir: string, entry: RaceAnswerLog): void {
  mkdirSync(reportsDir, { recursive: true });
  appendFileSync(raceLogFile(reportsDir), `${JSON.stringify(entry)}\n`);
}

export function readRaceAnswers(reportsDir: string, runId: string): RaceAnswerLog[] {
  if (!existsSync(raceLogFile(reportsDir))) return [];
  return readFileSync(raceLogFile(reportsDir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RaceAnswerLog).filter((e) => e.runId === runId);
}

export function isServerErrorStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 500;
}
