// Small pieces the foreign-system adapters share: reading JSON fields, a random night, a session from whatever a system answers.
import { randomInt } from 'node:crypto';
import { registerSecret } from '../client/redact.ts';
import type { User } from '../contract/schemas.ts';
import type { Session } from '../flows/auth.ts';
import { daysFromToday } from '../flows/dates.ts';

/** Reads a dotted path from a JSON body; undefined when any step is missing. */
export function field<T = unknown>(body: unknown, path: string): T | undefined {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value as T | undefined;
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
