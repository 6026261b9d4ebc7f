// Does every booking step refuse the wrong actor and the wrong state, and change nothing when it does? One cell per test step.
import { test, expect, check, recordEvidence } from '../../fixtures/index.ts';
import type { ApiClient } from '../../src/client/api-client.ts';
import type { Config } from '../../src/config/load.ts';
import { EXPIRE, lifecycleOf, ownershipCells, planWalk, stateCells, stateMatrixRoutes, stepName, subjectOf, type Cell } from '../../src/contract/matrices.ts';
import type { Session } from '../../src/flows/auth.ts';
import { quoteStay } from '../../src/flows/booking.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { stayDates } from '../../src/flows/dates.ts';
import { callAbout, walkOptions, type WalkIds } from '../../src/flows/matrix.ts';
import { holdStatus, pollInterval, sweepDeadline, takeExpiringHold } from '../../src/integrity/expiring-holds.ts';
import { isRejection } from '../../src/integrity/race.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import type { Cleanup } from '../../fixtures/index.ts';

/** Everything the walk needs besides the cells, so every state is reached on the contract's own routes. */
const walkRoutes = ['quote', ...stateMatrixRoutes()] as const;

interface WalkInput {
  api: ApiClient;
  config: Config;
  owner: Session;
  stranger?: Session;
  cleanup: Cleanup;
  cells: Cell[];
  /** The check's id: its name among the run's expiring holds. */
  key: string;
}

/**
 * Walks the owner's bookings through the states the cells need and tries each cell there: the attempt must be refused
 * with one of the cell's refusals, and the booking, read back where the target allows it, must still be in that state.
 * A state that cannot be read back is proved by the owner's next move out of it. Returns the number of cells tried.
 */
async function walk({ api, config, owner: caller, stranger, cleanup, cells, key }: WalkInput): Promise<number> {
  const { profile } = api;
  const options = walkOptions(api, config);
  const { readable } = options;
  const plan = planWalk(cells, options);
  for (const { cell, reason } of plan.unreachable) test.info().annotations.push({ type: 'cell-not-run', description: `${cell.name}: ${reason}` });

  const pkg = await findPackage(api, 'hotel', profile.stock.hotel);
  // The owner of the booking the walk is on: the caller's, or the run's expiring holds' owner once it takes one of them.
  let owner = caller;
  const readState = async (ids: WalkIds) => (await api.succeed('getBooking', { token: owner.token, params: { id: ids.bookingId }, step: 'matrix.read-back' })).status;
  let ids: WalkIds | undefined;
  let holdExpiresAt = 0;
  let stuck: string | undefined;
  let tried = 0;

  for (const op of plan.ops) {
    if (op.op === 'start') {
      const quote = await test.step('the owner quotes a stay', () => quoteStay(api, caller, { pkg, ...stayDates(1) }));
      ids = { quoteId: quote.id, bookingId: quote.id };
      owner = caller;
      stuck = undefined;
      continue;
    }
    const at = ids!;
    if (stuck) {
      if (op.op === 'cells') for (const cell of op.cells) test.info().annotations.push({ type: 'cell-not-run', description: `${cell.name}: ${stuck}` });
      continue;
    }
    if (op.op === 'move' && op.via === EXPIRE) {
      // The run's expiring holds have one for this matrix, made early: a hold that left HOLD for anything but
      // EXPIRED_HOLD is of no use, and the walk's own hold is waited out instead.
      const taken = await test.step("take this matrix's hold from the run's expiring holds", async () => {
        const pool = await takeExpiringHold({ api, config, session: caller, taker: key, register: cleanup.booking });
        if (!pool) return undefined;
        const seen = await pollUntil(() => holdStatus(api, pool.owner, pool.hold), (status) => status !== 'HOLD', sweepDeadline(config, pool.hold), pollInterval(config));
        return seen.value === op.to || seen.value === 'HOLD' ? { ...pool, seen } : undefined;
      });
      if (taken) {
        owner = taken.owner;
        at.quoteId = taken.hold.quoteId;
        at.bookingId = taken.hold.bookingId;
      }
      const expired = taken?.seen ?? (await test.step('wait for the sweep to expire the hold', () => pollUntil(() => readState(at), (status) => status === op.to, sweepDeadline(config, { holdExpiresAt }), pollInterval(config))));
      // A sweep that never runs is integrity.expiry.swept's finding (P1); here it only means the state was not reached.
      if (expired.value !== op.to) stuck = `the hold was still ${expired.value} after its TTL and a sweep (judged by the expiry checks)`;
      continue;
    }
    if (op.op === 'move') {
      const route = op.via as Exclude<typeof op.via, typeof EXPIRE>;
      await test.step(`the owner moves it on: ${stepName(route)} → ${op.to}`, async () => {
        const res = await callAbout(api, route, at, owner.token, config.paymentMethod, `matrix.${stepName(route)}`);
        expect(res.status, `the owner's ${stepName(route)} toward ${op.to} (request id ${res.requestId})`).toBe(api.successStatus(route));
        if (subjectOf(route)?.kind === 'quote') {
          const held = res.body as { id: string; holdExpiresAt?: string };
          at.bookingId = held.id;
          holdExpiresAt = Date.parse(held.holdExpiresAt ?? '') || Date.now() + config.holdTtlSeconds * 1000;
          cleanup.booking(held.id, owner.token);
        }
      });
      continue;
    }
    for (const cell of op.cells) {
      await test.step(cell.name, async () => {
        const actor = cell.actor === 'stranger' ? stranger! : owner;
        const res = await callAbout(api, cell.route, at, actor.token, config.paymentMethod, `matrix.${stepName(cell.route)}-${cell.actor === 'stranger' ? 'foreign' : cell.state.toLowerCase()}`);
        const accepted = res.status === api.successStatus(cell.route);
        const id = (res.body as { id?: unknown } | undefined)?.id;
        // A hold wrongly accepted made a booking of the owner's quote: give its units back at teardown.
        if (accepted && typeof id === 'string' && subjectOf(cell.route)?.kind === 'quote') cleanup.booking(id, owner.token);
        const refused = cell.refusals.some((kind) => isRejection(res, profile.rejections[kind]));
        const wanted = cell.refusals.map((kind) => `${kind} (${profile.rejections[kind].status}${profile.rejections[kind].code ? ` ${profile.rejections[kind].code}` : ''})`).join(' or ');
        expect(refused, `${cell.name}: expected ${wanted}, got ${res.status}${accepted ? ' (accepted)' : ''} (request id ${res.requestId})`).toBe(true);
        if (readable(cell.state)) {
          expect(await readState(at), `${cell.name}: the owner's booking read back after the refusal`).toBe(cell.state);
        }
      });
      tried += 1;
    }
  }
  return tried;
}

test.describe('ownership and state matrices', () => {
  test("another user can neither hold, pay, confirm, read nor cancel someone's quote or booking @smoke @gate", check({ id: 'api.booking.ownership', severity: 'P0', feature: 'security', needs: walkRoutes, evidence: ['cells'] }), async ({ api, config, session, newSession, cleanup }) => {
    const stranger = await test.step('sign in a second user', () => newSession());
    const cells = ownershipCells((route) => api.has(route), lifecycleOf(api.profile));
    recordEvidence('cells', await walk({ api, config, owner: session, stranger, cleanup, cells, key: 'api.booking.ownership' }));
  });

  for (const route of stateMatrixRoutes()) {
    const step = stepName(route);
    const refused = stateCells(route).map((c) => c.state).join(', ');
    test(`${step} is refused in every state it must refuse (${refused}), and changes nothing @gate`, check({ id: `api.state.${step}`, severity: 'P0', feature: 'booking', needs: walkRoutes, evidence: ['cells'] }), async ({ api, config, session, cleanup }) => {
      recordEvidence('cells', await walk({ api, config, owner: session, cleanup, cells: stateCells(route, lifecycleOf(api.profile)), key: `api.state.${step}` }));
    });
  }
});
