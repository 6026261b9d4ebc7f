// What the tripavail-today services share: cuid-like ids, UTC timestamps read from `timestamp(3) without time zone`
// columns, the request each handler gets, and the sheet's validation failure.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { VALIDATION_MESSAGE } from '../../../src/systems/tripavail-today/routes.ts';
import { HttpProblem } from '../../http/problem.ts';

/** The dialect's handlers get and give what the contract server's handlers do. */
export type { RequestContext as TodayRequest, Reply as TodayReply } from '../../http/server.ts';

let counter = 0;

/** A 25-character cuid-like id: "c", a time part, a counter and randomness, lowercase base 36. */
export function cuid(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, '0').slice(-8);
  const count = counter.toString(36).padStart(4, '0');
  const rand = [...randomBytes(12)].map((b) => (b % 36).toString(36)).join('');
  return `c${time}${count}${rand}`.slice(0, 25);
}

/** Now, as the columns hold it: UTC without a time zone. */
export const NOW = `(now() AT TIME ZONE 'UTC')`;

/** A timestamp column read as an ISO string in UTC with milliseconds (null stays null). */
export const iso = (column: string, as = column.replace(/^.*\./, '').replaceAll('"', '')) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${as}"`;

/** Parses a body or query with the route's schema; any failure is the sheet's one message. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new HttpProblem(400, VALIDATION_MESSAGE);
  return parsed.data;
}

/** A business-rule refusal: 400 with a sentence. */
export const refuse = (message: string) => new HttpProblem(400, message);
export const missing = (message: string) => new HttpProblem(404, message);

/** numeric columns arrive as strings; the sheet answers numbers on bookings and payments. */
export const num = (v: string | number | null) => (v === null ? null : Number(v));
