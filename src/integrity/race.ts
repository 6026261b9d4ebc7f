// Does the target sell more than it has? One overbooking round: many distinct users reserve the last units of one slot at once.
import { SuiteError } from '../verdict/suite-error.ts';
import { request } from 'undici';
import { redactText } from '../client/redact.ts';
import type { Session } from '../flows/auth.ts';
import type { Rejection } from '../profiles/types.ts';
import type { BookingSystem, Slot, SystemContext } from '../systems/types.ts';
import { releaseAtBarrier, type BarrierAnswer, type BarrierRequest } from './barrier.ts';

export interface RaceRoundInput {
  system: BookingSystem;
  ctx: SystemContext;
  slot: Slot;
  /** The user who owns the slot where the system has owners (a marketplace job); otherwise any signed-in user. */
  owner: Session;
  /** One per concurrent request: distinct users. */
  contenders: readonly Session[];
  timeoutMs: number;
  /** Called with every successful reservation the moment it is known, so cleanup never misses one. */
  onReserved: (id: string, session: Session) => void;
  /** `barrier` releases every request at once; `naive` is a plain Promise.all, kept for comparison. */
  strategy?: 'barrier' | 'naive';
}

export interface RaceRoundResult {
  freeBefore: number;
  freeAfter: number;
  successes: number;
  rejections: number;
  /** Answers that were neither a reservation nor the profile's rejection: 5xx, timeouts, other statuses. */
  unexpected: { status?: number; error?: string; requestId: string }[];
  /** Broken promises, in words; empty when the round held. */
  violations: string[];
  requestIds: string[];
}

export async function raceRound(input: RaceRoundInput): Promise<RaceRoundResult> {
  const { system, ctx, slot, owner, contenders } = input;
  const freeBefore = await freeUnitsOf(system, ctx, slot, owner);
  const requests = await Promise.all(contenders.map((c) => system.prepareReservation(ctx, slot, c, owner)));
  const released = Date.now();
  const answers = input.strategy === 'naive' ? await naive(requests, input.timeoutMs) : await releaseAtBarrier(requests, input.timeoutMs);
  let successes = 0;
  let rejections = 0;
  const unexpected: RaceRoundResult['unexpected'] = [];
  answers.forEach((a, i) => {
    const outcome = a.status === undefined ? { kind: 'unexpected' as const } : system.classify(ctx, a);
    if (outcome.kind === 'reserved') {
      successes += 1;
      input.onReserved(outcome.id, reserverOf(requests[i]!, contenders[i]!, owner));
    } else if (outcome.kind === 'rejected') {
      rejections += 1;
    } else {
      unexpected.push({ status: a.status, error: a.error && redactText(a.error), requestId: a.requestId });
    }
  });
  const freeAfter = await freeUnitsOf(system, ctx, slot, owner);

  const violations: string[] = [];
  if (successes > freeBefore) violations.push(`oversold: ${successes} reservations succeeded for ${freeBefore} free units of ${slot.label}`);
  const expected = Math.max(0, freeBefore - successes);
  // Units that came back after the holds could have expired prove nothing (a short-TTL target); units lost always do.
  const holdsMayHaveExpired = Date.now() - released >= ctx.config.holdTtlSeconds * 1000;
  if (freeAfter < expected || (freeAfter > expected && !holdsMayHaveExpired)) {
    violations.push(`inventory drift: ${freeBefore} free before, ${successes} reserved, ${freeAfter} free after (expected ${Math.max(0, freeBefore - successes)})`);
  }
  if (unexpected.length) {
    const first = unexpected[0]!;
    violations.push(`${unexpected.length} answers were neither a reservation nor a ${ctx.config.profile.rejections.insufficientInventory.status} rejection (first: ${first.status ?? first.error}, request id ${first.requestId})`);
  }
  return { freeBefore, freeAfter, successes, rejections, unexpected, violations, requestIds: answers.map((a) => a.requestId) };
}

async function freeUnitsOf(system: BookingSystem, ctx: SystemContext, slot: Slot, owner: Session): Promise<number> {
  const free = await system.freeUnits(ctx, slot, owner, 'probe');
  if (free === undefined) throw new SuiteError(`free units of ${slot.label} cannot be measured`, 'set HOLDFAST_DATABASE_URL, or map a way to read this system\'s capacity in its adapter');
  return free;
}

/** A reservation is undone with the token that made it: the contender's, or the owner's where the owner sends it. */
function reserverOf(request: BarrierRequest, contender: Session, owner: Session): Session {
  return request.headers.authorization === `Bearer ${owner.token}` ? owner : contender;
}

/** Whether an answer is the profile's way of saying "no capacity". */
export function isRejection(a: { status?: number; body?: unknown }, rejection: Rejection): boolean {
  if (a.status !== rejection.status) return false;
  const body = (a.body ?? {}) as { code?: string; error?: string; message?: string };
  if (rejection.code && body.code !== rejection.code && body.error !== rejection.code) return false;
  if (rejection.message && !rejection.message.test(body.message ?? '')) return false;
  return true;
}

async function naive(requests: readonly BarrierRequest[], timeoutMs: number): Promise<BarrierAnswer[]> {
  return Promise.all(
    requests.map(async (r) => {
      const started = performance.now();
      const requestId = r.headers['x-request-id'] ?? crypto.randomUUID();
      try {
        const res = await request(r.url, {
          method: r.method,
          headers: { ...r.headers, 'x-request-id': requestId, 'content-type': 'application/json' },
          body: JSON.stringify(r.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.body.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* keep the text */
        }
        return { status: res.statusCode, body, requestId, ms: performance.now() - started };
      } catch (error) {
        return { requestId, error: (error as Error).message, ms: performance.now() - started };
      }
    }),
  );
}
