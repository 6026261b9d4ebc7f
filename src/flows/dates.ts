// Which nights a synthetic stay uses: far enough ahead to be bookable, spread so parallel runs rarely share a night.
import { randomInt } from 'node:crypto';

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function daysFromToday(days: number, today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

/** A stay of `nights` starting between `from` and `to` days ahead. */
export function stayDates(nights = 2, from = 20, to = 100): { checkInDate: string; checkOutDate: string } {
  const offset = randomInt(from, to + 1);
  return { checkInDate: daysFromToday(offset), checkOutDate: daysFromToday(offset + nights) };
}
