// Does the target sell more than it has? One overbooking round: many distinct users hold the last units of one night at once.
import type { ApiClient } from '../client/api-client.ts';
import { redactText } from '../client/redact.ts';
import type { HotelPackage } from '../contract/schemas.ts';
import type { Session } from '../flows/auth.ts';
import type { Rejection } from '../profiles/types.ts';
import { releaseAtBarrier, type BarrierAnswer } from './barrier.ts';
import type { InventoryReader, Night } from './inventory.ts';

export interface RaceRoundInput {
  api: ApiClient;
  baseUrl: string;
  runId: string;
  timeoutMs: number;
  pkg: HotelPackage;
  night: Night;
  /** One per concurrent request: distinct users. */
  contenders: readonly Session[];
  inventory: InventoryReader;
  /** Called with every successful hold's id the moment it is known, so cleanup never misses one. */
  onHold: (bookingId: string, token: string) => void;
  /** `barrier` releases every request at once; `naive` is a plain Promise.all, kept for comparison. */
  strategy?: 'barrier' | 'naive';
}

export interface RaceRoundResult {
  freeBefore: number;
  freeAfter: number;
  successes: number;
  rejections: number;
  /** Answers that were neither a hold nor the profile's rejection: 5xx, timeouts, other statuses. */
  unexpected: { status?: number; error?: string; requestId: string }[];
  /** Broken promises, in words; empty when the round held. */
  violations: string[];
  requestIds: string[];
}

export async function raceRound(input: RaceRoundInput): Promise<RaceRoundResult> {
  const { api, pkg, night, contenders, inventory } = input;
  const freeBefore = await inventory.freeUnits(night);
  const quotes = await Promise.all(
    contenders.map((s) =>
      api.expect('quote', 201, {
        token: s.token,
        step: 'integrity.race-quote',
        body: { packageType: 'HOTEL_PACKAGE', packageId: pkg.id, ...night, numberOfGuests: 1, numberOfRooms: 1 },
      }),
    ),
  );
  const answers = input.strategy === 'naive' ? await naive(input, quotes.map((q) => q.id)) : await barrier(input, quotes.map((q) => q.id));
  let successes = 0;
  let rejections = 0;
  const unexpected: RaceRoundResult['unexpected'] = [];
  answers.forEach((a, i) => {
    if (a.status === 201) {
      successes += 1;
      const id = (a.body as { id?: string })?.id;
      if (id) input.onHold(id, contenders[i]!.token);
    } else if (isRejection(a, api.profile.rejections.insufficientInventory)) {
      rejections += 1;
    } else {
      unexpected.push({ status: a.status, error: a.error && redactText(a.error), requestId: a.requestId });
    }
  });
  const freeAfter = await inventory.freeUnits(night);

  const violations: string[] = [];
  if (successes > freeBefore) violations.push(`oversold: ${successes} holds succeeded for ${freeBefore} free units on ${night.checkInDate}`);
  if (freeAfter !== freeBefore - successes) {
    violations.push(`inventory drift: ${freeBefore} free before, ${successes} held, ${freeAfter} free after (expected ${freeBefore - successes})`);
  }
  if (unexpected.length) {
    const first = unexpected[0]!;
    violations.push(`${unexpected.length} answers were neither a hold nor a ${api.profile.rejections.insufficientInventory.status} rejection (first: ${first.status ?? first.error}, request id ${first.requestId})`);
  }
  return { freeBefore, freeAfter, successes, rejections, unexpected, violations, requestIds: answers.map((a) => a.requestId) };
}

function isRejection(a: BarrierAnswer, rejection: Rejection): boolean {
  if (a.status !== rejection.status) return false;
  const body = (a.body ?? {}) as { code?: string; message?: string };
  if (rejection.code && body.code !== rejection.code) return false;
  if (rejection.message && !rejection.message.test(body.message ?? '')) return false;
  return true;
}

function barrier(input: RaceRoundInput, quoteIds: string[]): Promise<BarrierAnswer[]> {
  const route = input.api.route('hold');
  const url = `${input.baseUrl}${input.api.profile.apiPrefix}${route.path}`;
  return releaseAtBarrier(
    quoteIds.map((quoteId, i) => ({
      method: 'POST' as const,
      url,
      headers: { authorization: `Bearer ${input.contenders[i]!.token}`, 'x-synthetic': input.runId, 'idempotency-key': `${input.runId}-race-${quoteId}` },
      body: { quoteId },
    })),
    input.timeoutMs,
  );
}

async function naive(input: RaceRoundInput, quoteIds: string[]): Promise<BarrierAnswer[]> {
  return Promise.all(
    quoteIds.map(async (quoteId, i) => {
      const started = performance.now();
      try {
        const res = await input.api.call('hold', { token: input.contenders[i]!.token, body: { quoteId }, step: 'integrity.naive-hold', validate: 'record' });
        return { status: res.status, body: res.body, requestId: res.requestId, ms: performance.now() - started };
      } catch (error) {
        return { requestId: 'none', error: (error as Error).message, ms: performance.now() - started };
      }
    }),
  );
}
