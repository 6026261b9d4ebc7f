// One reservation through any system's transaction, always given back: what the monitor runs each cycle for systems
// without the TripAvail contract (the spec tests/api/journey.spec.ts runs the same steps with an assertion each).
import type { Session } from '../flows/auth.ts';
import { releaseAtBarrier } from '../integrity/barrier.ts';
import type { BookingSystem, SystemContext } from './types.ts';

export async function reserveAndRelease(system: BookingSystem, ctx: SystemContext, session: Session, counterpart: Session): Promise<void> {
  const slot = await system.openSlot(ctx, session, 'journey');
  try {
    const before = await system.freeUnits(ctx, slot, session, 'read');
    if (before !== undefined && before < 1) throw new Error(`${slot.label} has no free unit`);
    const request = await system.prepareReservation(ctx, slot, counterpart, session);
    const [answer] = await releaseAtBarrier([request], ctx.config.requestTimeoutMs);
    const outcome = system.classify(ctx, answer!);
    if (outcome.kind !== 'reserved') throw new Error(`the reservation answered ${answer!.status ?? answer!.error} (request id ${answer!.requestId})`);
    const reserver = request.headers.authorization === `Bearer ${session.token}` ? session : counterpart;
    try {
      if (system.confirm) await system.confirm(ctx, slot, reserver, session, outcome.id);
    } finally {
      const released = await system.release(ctx, reserver, outcome.id);
      if (released === 'failed') throw new Error(`synthetic reservation ${outcome.id} could not be released`);
    }
    const after = await system.freeUnits(ctx, slot, session, 'read');
    if (after !== before) throw new Error(`${slot.label}: ${before} free before, ${after} after the release`);
  } finally {
    await system.closeSlot?.(ctx, slot, session);
  }
}
