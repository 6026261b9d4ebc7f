// Writes the README's profiles table from the profiles themselves (src/profiles/index.ts), between its markers, so the
// table cannot drift: `npm run docs:profiles`; `--check` exits 1 when README.md is stale (selftest/systems/readme-profiles).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profiles } from '../src/profiles/index.ts';
import type { Profile, Rejection } from '../src/profiles/types.ts';

export const BEGIN = '<!-- profiles:begin (generated from src/profiles by `npm run docs:profiles`: edit the profiles, not this table) -->';
export const END = '<!-- profiles:end -->';

const rejection = (r: Rejection) => `${r.status}${r.code ? ` \`${r.code}\`` : ''}${r.message ? ` /${r.message.source}/` : ''}`;

function row(p: Profile): string {
  const auth = [
    p.auth.style,
    p.auth.jwtExpirySeconds ? `JWT ${p.auth.jwtExpirySeconds >= 3600 ? `${p.auth.jwtExpirySeconds / 3600} h` : `${p.auth.jwtExpirySeconds / 60} min`}` : 'opaque or unread token',
    p.auth.lockoutAfter ? `locks after ${p.auth.lockoutAfter} failures` : 'no lockout',
  ].join(', ');
  const limits = p.limits
    ? [p.limits.signUpsPerMinute && `sign-up ${p.limits.signUpsPerMinute}/min`, p.limits.loginsPerMinute && `login ${p.limits.loginsPerMinute}/min`, p.limits.reservationsPerMinute && `reservations ${p.limits.reservationsPerMinute}/min`].filter(Boolean).join(', ') + (p.limits.scope ? ` (${p.limits.scope})` : '')
    : '—';
  const gaps = Object.entries(p.gaps).map(([id, why]) => `\`${id}\`: ${why}`);
  if (!p.speaksContract) gaps.push(`the TripAvail-contract checks (catalog, booking state machine, expiry, idempotency): it does not speak that contract (its k6 load stage and blue/green baseline speak its own conversation, \`src/systems/${p.system}/load.ts\`)`);
  if (!p.tables) gaps.push('`db.invariants`: no table mapping');
  const cell = (s: string) => s.replaceAll('|', '\\|');
  return `| \`${p.name}\` | ${cell(p.title)} | ${cell(rejection(p.rejections.insufficientInventory))} | ${cell(auth)} | ${cell(limits)} | ${cell(readBackAndCleanup(p))} | ${gaps.length ? cell(gaps.join('; ')) : '—'} |`;
}

/** How the run reads a booking's state back, and how it gives its synthetic bookings back. */
function readBackAndCleanup(p: Profile): string {
  if (!p.speaksContract) return "read back through the system's own routes (its adapter's reader); released by its own cancel or undo step";
  const readBack = p.routeOverrides.getBooking === null
    ? 'no booking read route: read back through the database (`HOLDFAST_DATABASE_URL`), else those steps are not applicable'
    : 'read back with `GET /bookings/:id`';
  const cancelFrom = p.lifecycle?.cancel?.from;
  const cleanup = cancelFrom
    ? `guest cancel only from ${cancelFrom.join(', ')}${p.providerCancel ? ', else the provider cancel with `HOLDFAST_CLEANUP_TOKEN`' : ''}; what no route releases (a HOLD) is reported as \`cleanup.left-behind\` (P1) unless it expires first`
    : 'every booking released by the guest cancel';
  return `${readBack}; ${cleanup}`;
}

export function profilesTable(): string {
  return [
    '| profile | system | "sold out" answer | sign-in | rate limits the run plans for | read back · clean-up | not applicable, and why |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.values(profiles).map(row),
  ].join('\n');
}

/** README.md with the generated table between the markers; throws when the markers are missing. */
export function withTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${BEGIN}" … "${END}" markers`);
  return `${readme.slice(0, start + BEGIN.length)}\n${profilesTable()}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = join(new URL('..', import.meta.url).pathname, 'README.md');
  const current = readFileSync(path, 'utf8');
  const next = withTable(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md: the profiles table is stale; run npm run docs:profiles');
      process.exit(1);
    }
  } else if (next !== current) {
    writeFileSync(path, next);
    console.log('README.md: profiles table regenerated');
  }
}
