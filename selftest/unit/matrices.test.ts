// Are the ownership and state matrices generated from the contract, complete, and walkable; and does a step fail its SLO only twice over?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPIRE, bookingStates, lifecycle, ownershipCells, planWalk, stateCells, stateMatrixRoutes, subjectRoutes, type BookingState, type Cell, type WalkOptions } from '../../src/contract/matrices.ts';
import { confirmedBreaches, sloBreaches } from '../../src/stats/slo.ts';

const everything: WalkOptions = { available: () => true, canExpire: true, readable: (s) => s !== 'QUOTE' };

test('the routes that name a quote or booking are read off the route table, each with its lifecycle step', () => {
  assert.deepEqual(
    subjectRoutes().map(({ route, subject }) => [route, subject.kind, JSON.stringify(subject.via)]),
    [
      ['hold', 'quote', '{"body":"quoteId"}'],
      ['preAuthorize', 'booking', '{"body":"bookingId"}'],
      ['confirm', 'booking', '{"param":"id"}'],
      ['getBooking', 'booking', '{"param":"id"}'],
      ['cancel', 'booking', '{"param":"id"}'],
    ],
  );
  assert.deepEqual(stateMatrixRoutes(), ['hold', 'preAuthorize', 'confirm', 'cancel']);
});

test('ownership: one cell per step, in a state where the owner would succeed, refused as not the owner', () => {
  const cells = ownershipCells(() => true);
  assert.deepEqual(cells.map((c) => c.route), ['hold', 'preAuthorize', 'confirm', 'getBooking', 'cancel']);
  for (const c of cells) {
    assert.ok(lifecycle[c.route]!.from.includes(c.state), c.name);
    assert.deepEqual(c.refusals, ['notOwner']);
    assert.equal(c.actor, 'stranger');
  }
  assert.deepEqual(ownershipCells((r) => r !== 'getBooking').map((c) => c.route), ['hold', 'preAuthorize', 'confirm', 'cancel']);
});

test('state: every step against every state it must refuse, including confirm twice, pay twice, pay after confirm, hold twice, cancel twice', () => {
  const states = (route: Parameters<typeof stateCells>[0]) => Object.fromEntries(stateCells(route).map((c) => [c.state, c.refusals.join('|')]));
  assert.deepEqual(states('confirm'), { QUOTE: 'wrongState', HOLD: 'wrongState', CONFIRMED: 'wrongState', CANCELLED_BY_GUEST: 'wrongState', EXPIRED_HOLD: 'wrongState|expiredHold' });
  assert.deepEqual(states('preAuthorize'), { QUOTE: 'wrongState', PAYMENT_PENDING: 'wrongState', CONFIRMED: 'wrongState', CANCELLED_BY_GUEST: 'wrongState', EXPIRED_HOLD: 'expiredHold' });
  assert.deepEqual(states('hold'), { HOLD: 'wrongState', PAYMENT_PENDING: 'wrongState', CONFIRMED: 'wrongState', CANCELLED_BY_GUEST: 'wrongState', EXPIRED_HOLD: 'wrongState' });
  assert.deepEqual(states('cancel'), { QUOTE: 'wrongState', CANCELLED_BY_GUEST: 'wrongState', EXPIRED_HOLD: 'wrongState' });
  for (const route of stateMatrixRoutes()) assert.equal(new Set(stateCells(route).map((c) => c.name)).size, stateCells(route).length, `${route}: cell names are unique`);
});

/** Replays a walk: every move must be allowed from where the booking is, and every cell tried in its own state, once. */
function replay(cells: Cell[], options: WalkOptions) {
  const { ops, unreachable } = planWalk(cells, options);
  const tried: Cell[] = [];
  let state: BookingState | undefined;
  let starts = 0;
  for (const op of ops) {
    if (op.op === 'start') {
      state = 'QUOTE';
      starts += 1;
    } else if (op.op === 'move') {
      const allowed = op.via === EXPIRE ? state === 'HOLD' : lifecycle[op.via]!.from.includes(state!) && lifecycle[op.via]!.to === op.to;
      assert.ok(allowed, `${String(op.via)} from ${state} to ${op.to}`);
      state = op.to;
    } else {
      assert.equal(op.state, state);
      for (const c of op.cells) assert.equal(c.state, state, c.name);
      tried.push(...op.cells);
    }
  }
  return { ops, tried, unreachable, starts };
}

test('each walk reaches every cell in its state, once, on allowed moves, with few fresh quotes', () => {
  for (const route of stateMatrixRoutes()) {
    const cells = stateCells(route);
    const { tried, unreachable, starts } = replay(cells, everything);
    assert.deepEqual(unreachable, []);
    assert.deepEqual(tried.map((c) => c.name).sort(), cells.map((c) => c.name).sort(), route);
    assert.ok(starts <= 2, `${route}: ${starts} fresh quotes (one walk, plus one to wait a hold out)`);
  }
  const { tried, starts } = replay(ownershipCells(() => true), everything);
  assert.equal(tried.length, 5);
  assert.equal(starts, 1, 'the ownership matrix needs one booking');
});

test('a run that may not wait a hold out reports the EXPIRED_HOLD cells unreachable, with the reason', () => {
  const { tried, unreachable } = replay(stateCells('preAuthorize'), { ...everything, canExpire: false });
  assert.deepEqual(unreachable.map((u) => u.cell.state), ['EXPIRED_HOLD']);
  assert.match(unreachable[0]!.reason, /wait a hold out/);
  assert.ok(!tried.some((c) => c.state === 'EXPIRED_HOLD'));
});

test('a last state the owner cannot read back is proved by a move out of it', () => {
  const { ops } = replay([{ name: 'x', route: 'confirm', state: 'QUOTE', actor: 'owner', refusals: ['wrongState'] }], { ...everything, readable: () => false });
  assert.deepEqual(ops.at(-1), { op: 'move', via: 'hold', to: 'HOLD' });
  assert.ok(bookingStates.length === 6);
});

test('a step fails its SLO only when it breaks it in two independent samples', () => {
  const slo = { p95Ms: 200, p99Ms: 400 };
  const fast = Array.from({ length: 20 }, () => 10);
  const slow = [...fast.slice(2), 410, 420];
  assert.deepEqual(sloBreaches({ quote: fast, hold: fast }, slo), []);
  const first = sloBreaches({ quote: fast, hold: slow }, slo);
  assert.deepEqual(first.map((b) => [b.step, b.broken.length]), [['hold', 2]]);
  assert.deepEqual(confirmedBreaches(first, sloBreaches({ quote: fast, hold: fast }, slo)), [], 'one hiccup is not a breach');
  const again = confirmedBreaches(first, sloBreaches({ quote: fast, hold: [...fast.slice(1), 405] }, slo));
  assert.equal(again.length, 1);
  assert.match(again[0]!.broken.join(', '), /p99 405\.0 ms > 400 ms/, 'shown with the milder sample');
});
