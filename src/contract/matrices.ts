// Which wrong actors and wrong states each booking step must refuse: the ownership and state matrices, generated from
// the contract's routes and its booking lifecycle, and the walk that reaches every cell's state with as few bookings as it can.
import { routes, type RouteName } from './routes.ts';
import type { Profile } from '../profiles/types.ts';

/** The contract's booking states, in lifecycle order (QUOTE → HOLD → PAYMENT_PENDING → CONFIRMED → CANCELLED_BY_GUEST; HOLD → EXPIRED_HOLD). */
export const bookingStates = ['QUOTE', 'HOLD', 'PAYMENT_PENDING', 'CONFIRMED', 'CANCELLED_BY_GUEST', 'EXPIRED_HOLD'] as const;
export type BookingState = (typeof bookingStates)[number];

/** How a route names the quote or booking it acts on, read off the route itself: a body field or the `:id` path parameter. */
export interface Subject {
  kind: 'quote' | 'booking';
  via: { body: string } | { param: 'id' };
}

/** The subject of a route, or undefined when the route names no one's quote or booking (sign-in, catalog, quote). */
export function subjectOf(name: RouteName): Subject | undefined {
  const route = routes[name];
  if (!route.auth) return undefined;
  const body = 'body' in route ? route.body : undefined;
  const fields = body && 'shape' in body ? Object.keys((body as unknown as { shape: Record<string, unknown> }).shape) : [];
  if (fields.includes('quoteId')) return { kind: 'quote', via: { body: 'quoteId' } };
  if (fields.includes('bookingId')) return { kind: 'booking', via: { body: 'bookingId' } };
  if (route.path.includes(':id')) return { kind: 'booking', via: { param: 'id' } };
  return undefined;
}

export type RejectionKind = keyof Profile['rejections'];

export interface LifecycleStep {
  /** States in which the step succeeds; every other state must be refused. */
  from: readonly BookingState[];
  /** The state a success moves the booking to; absent for a step that changes nothing (read). */
  to?: BookingState;
  /** Refusals other than the profile's wrong-state one, by state (any listed one is a correct refusal). */
  refusals?: Partial<Record<BookingState, readonly RejectionKind[]>>;
}

const bookings: readonly BookingState[] = bookingStates.filter((s) => s !== 'QUOTE');

/**
 * The contract's Booking table, per route that names a quote or booking. Whether a quote can be read back as a
 * booking the contract does not say, so reading is judged on bookings only.
 */
export const lifecycle: Readonly<Partial<Record<RouteName, LifecycleStep>>> = {
  hold: { from: ['QUOTE'], to: 'HOLD' },
  preAuthorize: { from: ['HOLD'], to: 'PAYMENT_PENDING', refusals: { EXPIRED_HOLD: ['expiredHold'] } },
  confirm: { from: ['PAYMENT_PENDING'], to: 'CONFIRMED', refusals: { EXPIRED_HOLD: ['wrongState', 'expiredHold'] } },
  getBooking: { from: bookings },
  cancel: { from: ['HOLD', 'PAYMENT_PENDING', 'CONFIRMED'], to: 'CANCELLED_BY_GUEST' },
};

export type Lifecycle = Readonly<Partial<Record<RouteName, LifecycleStep>>>;

/**
 * The lifecycle a profile's system follows: the contract's, with the states each step succeeds from replaced where the
 * profile says its system differs (TripAvail today cancels only CONFIRMED bookings).
 */
export function lifecycleOf(profile: Pick<Profile, 'lifecycle'>): Lifecycle {
  const out: Partial<Record<RouteName, LifecycleStep>> = { ...lifecycle };
  for (const [route, change] of Object.entries(profile.lifecycle ?? {}) as [RouteName, { from: readonly BookingState[] }][]) {
    if (out[route]) out[route] = { ...out[route], from: change.from };
  }
  return out;
}

/** The one transition no request makes: an unpaid hold left past its TTL is expired by the sweep. */
export const EXPIRE = 'expire' as const;
export const expiry = { from: 'HOLD', to: 'EXPIRED_HOLD' } as const satisfies { from: BookingState; to: BookingState };

/** Every route that names someone's quote or booking, each with its lifecycle step; a route without one is a table error. */
export function subjectRoutes(steps: Lifecycle = lifecycle): { route: RouteName; subject: Subject; step: LifecycleStep }[] {
  return (Object.keys(routes) as RouteName[]).flatMap((route) => {
    const subject = subjectOf(route);
    if (!subject) return [];
    const step = steps[route];
    if (!step) throw new Error(`route ${route} names a ${subject.kind}, but src/contract/matrices.ts has no lifecycle step for it`);
    return [{ route, subject, step }];
  });
}

export interface Cell {
  /** Unique, readable: a failure names the cell. */
  name: string;
  route: RouteName;
  /** The state the owner's booking is in when the cell is tried. */
  state: BookingState;
  actor: 'owner' | 'stranger';
  /** Any of these refusals is correct. */
  refusals: readonly RejectionKind[];
}

/** A second user tries every step that names someone else's quote or booking, in a state where the owner would succeed. */
export function ownershipCells(available: (route: RouteName) => boolean, steps: Lifecycle = lifecycle): Cell[] {
  return subjectRoutes(steps)
    .filter(({ route }) => available(route))
    .map(({ route, subject, step }) => {
      const state = step.from[0]!;
      return { name: `another user: ${stepName(route)} the owner's ${subject.kind} in ${state}`, route, state, actor: 'stranger' as const, refusals: ['notOwner'] as const };
    });
}

/** The owner tries one step in every state the step must refuse. */
export function stateCells(route: RouteName, steps: Lifecycle = lifecycle): Cell[] {
  const step = steps[route];
  if (!step) throw new Error(`route ${route} has no lifecycle step`);
  const subject = subjectOf(route)!;
  return bookingStates
    .filter((state) => !step.from.includes(state))
    .map((state) => ({ name: `${stepName(route)} a ${subject.kind === 'quote' ? 'quote whose booking is' : 'booking'} in ${state}`, route, state, actor: 'owner' as const, refusals: step.refusals?.[state] ?? ['wrongState'] }));
}

/** Routes with a state matrix of their own: every lifecycle step that changes state (reading refuses no state). */
export function stateMatrixRoutes(steps: Lifecycle = lifecycle): RouteName[] {
  return subjectRoutes(steps).filter(({ step }) => step.to !== undefined).map(({ route }) => route);
}

export type Move = RouteName | typeof EXPIRE;

/** One instruction of a walk: start a fresh quote, move the current booking on, or try the cells of its current state. */
export type WalkOp = { op: 'start' } | { op: 'move'; via: Move; to: BookingState } | { op: 'cells'; state: BookingState; cells: Cell[] };

export interface WalkOptions {
  /** Routes the target has. */
  available: (route: RouteName) => boolean;
  /** Whether the run may wait a hold out (short TTL, destructive checks allowed, a way to see the sweep's work). */
  canExpire: boolean;
  /** Whether the owner can read a booking in this state back; a state that cannot be read is proved by a move out of it. */
  readable: (state: BookingState) => boolean;
  /** The system's lifecycle (default: the contract's; see lifecycleOf). */
  lifecycle?: Lifecycle;
}

export interface Walk {
  ops: WalkOp[];
  /** Cells whose state this run cannot reach (an expiry it may not wait out, a route the target lacks), by reason. */
  unreachable: { cell: Cell; reason: string }[];
}

/** Waiting a TTL out costs far more than a request: prefer any other path. */
const EXPIRE_COST = 100;
/** A state left behind costs a fresh quote and the moves back to where the walk was. */
const STRANDED_COST = 10;

function moves(options: WalkOptions): { via: Move; from: BookingState; to: BookingState; cost: number }[] {
  const out: { via: Move; from: BookingState; to: BookingState; cost: number }[] = [];
  for (const { route, step } of subjectRoutes(options.lifecycle)) {
    if (!step.to || !options.available(route)) continue;
    for (const from of step.from) out.push({ via: route, from, to: step.to, cost: 1 });
  }
  if (options.canExpire) out.push({ via: EXPIRE, ...expiry, cost: EXPIRE_COST });
  return out;
}

/** Cheapest paths from one state to every state (Dijkstra over the lifecycle's moves; ties broken by lifecycle order). */
function pathsFrom(start: BookingState, edges: ReturnType<typeof moves>): Map<BookingState, { cost: number; path: { via: Move; to: BookingState }[] }> {
  const best = new Map<BookingState, { cost: number; path: { via: Move; to: BookingState }[] }>([[start, { cost: 0, path: [] }]]);
  const done = new Set<BookingState>();
  for (;;) {
    const next = [...best.entries()].filter(([s]) => !done.has(s)).sort((a, b) => a[1].cost - b[1].cost || bookingStates.indexOf(a[0]) - bookingStates.indexOf(b[0]))[0];
    if (!next) return best;
    const [state, { cost, path }] = next;
    done.add(state);
    for (const e of edges.filter((m) => m.from === state)) {
      const known = best.get(e.to);
      if (!known || cost + e.cost < known.cost) best.set(e.to, { cost: cost + e.cost, path: [...path, { via: e.via, to: e.to }] });
    }
  }
}

/**
 * Orders the cells into walks: one booking moves on through the states its cells need, nearest state first; a state it
 * can no longer reach (EXPIRED_HOLD after CONFIRMED) starts a fresh quote. Refused cells change nothing, so the cells of
 * one state share one booking. Within a state, reads come first, and a state that cannot be read back is left by a move.
 */
export function planWalk(cells: Cell[], options: WalkOptions): Walk {
  const edges = moves(options);
  const fromQuote = pathsFrom('QUOTE', edges);
  const unreachable: Walk['unreachable'] = [];
  const pending = new Map<BookingState, Cell[]>();
  for (const cell of cells) {
    if (!options.available(cell.route)) unreachable.push({ cell, reason: `the target has no ${cell.route} route` });
    else if (!fromQuote.has(cell.state)) unreachable.push({ cell, reason: cell.state === expiry.to ? 'this run may not wait a hold out (hold TTL too long, destructive checks not allowed, or no way to read the sweep\'s work)' : `no path to ${cell.state} on this target` });
    else pending.set(cell.state, [...(pending.get(cell.state) ?? []), cell]);
  }
  const ops: WalkOp[] = [];
  let current: BookingState | undefined;
  while (pending.size) {
    const reach = current ? pathsFrom(current, edges) : undefined;
    const candidates = [...pending.keys()].filter((s) => reach?.has(s));
    let target: BookingState;
    if (candidates.length && reach) {
      // Nearest first, unless going there strands states the booking could still have reached (CANCELLED before CONFIRMED).
      const stranded = (s: BookingState) => [...pending.keys()].filter((other) => other !== s && reach.has(other) && !pathsFrom(s, edges).has(other)).length;
      const score = (s: BookingState) => reach.get(s)!.cost + STRANDED_COST * stranded(s);
      target = candidates.sort((a, b) => score(a) - score(b) || bookingStates.indexOf(a) - bookingStates.indexOf(b))[0]!;
    } else {
      ops.push({ op: 'start' });
      current = 'QUOTE';
      target = [...pending.keys()].sort((a, b) => fromQuote.get(a)!.cost - fromQuote.get(b)!.cost || bookingStates.indexOf(a) - bookingStates.indexOf(b))[0]!;
    }
    for (const step of pathsFrom(current!, edges).get(target)!.path) ops.push({ op: 'move', via: step.via, to: step.to });
    const here = pending.get(target)!;
    pending.delete(target);
    const steps = options.lifecycle ?? lifecycle;
    ops.push({ op: 'cells', state: target, cells: [...here].sort((a, b) => Number(steps[a.route]?.to !== undefined) - Number(steps[b.route]?.to !== undefined)) });
    current = target;
  }
  // The last state visited, when it cannot be read back, is proved unchanged by the cheapest move out of it.
  const last = ops.at(-1);
  if (last?.op === 'cells' && !options.readable(last.state)) {
    const out = edges.filter((e) => e.from === last.state && e.via !== EXPIRE)[0];
    if (out) ops.push({ op: 'move', via: out.via, to: out.to });
  }
  return { ops, unreachable };
}

/** The journey's word for each step, used in check ids (`api.state.pay`) and latency step names. */
export const stepNames: Readonly<Partial<Record<RouteName, string>>> = { quote: 'quote', hold: 'hold', preAuthorize: 'pay', confirm: 'confirm', getBooking: 'read', cancel: 'cancel' };

export function stepName(route: RouteName): string {
  return stepNames[route] ?? route;
}
