// The booking journey as plain steps: quote → hold → pre-authorize → confirm, and the release that undoes it.
import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../client/api-client.ts';
import type { HotelPackage, Hold, Payment, Quote } from '../contract/schemas.ts';
import type { Session } from './auth.ts';

export interface StayRequest {
  pkg: HotelPackage;
  checkInDate: string;
  checkOutDate: string;
  rooms?: number;
  guests?: number;
}

export function quoteStay(api: ApiClient, session: Session, stay: StayRequest, step = 'booking.quote'): Promise<Quote> {
  return api.expect('quote', 201, {
    token: session.token,
    step,
    body: {
      packageType: 'HOTEL_PACKAGE',
      packageId: stay.pkg.id,
      checkInDate: stay.checkInDate,
      checkOutDate: stay.checkOutDate,
      numberOfGuests: stay.guests ?? 2,
      numberOfRooms: stay.rooms ?? 1,
    },
  });
}

export function holdQuote(api: ApiClient, session: Session, quoteId: string, idempotencyKey = randomUUID()): Promise<Hold> {
  return api.expect('hold', 201, {
    token: session.token,
    step: 'booking.hold',
    body: { quoteId },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function payFor(api: ApiClient, session: Session, bookingId: string, paymentMethodId: string): Promise<Payment> {
  return api.expect('preAuthorize', 201, {
    token: session.token,
    step: 'booking.pre-authorize',
    body: { bookingId, paymentMethodId, idempotencyKey: randomUUID() },
  });
}

export function confirmBooking(api: ApiClient, session: Session, bookingId: string) {
  return api.expect('confirm', 200, { token: session.token, step: 'booking.confirm', params: { id: bookingId } });
}

export function readBooking(api: ApiClient, session: Session, bookingId: string) {
  return api.expect('getBooking', 200, { token: session.token, step: 'booking.read', params: { id: bookingId } });
}

export type ReleaseOutcome = 'cancelled' | 'already-final' | 'failed';

/**
 * Gives a synthetic booking's units back. A booking already cancelled or expired is fine; anything else is reported.
 * Quotes hold no units and cannot be cancelled by the contract, so they need no release.
 */
export async function releaseBooking(api: ApiClient, token: string, bookingId: string): Promise<{ outcome: ReleaseOutcome; detail?: string }> {
  try {
    const res = await api.call('cancel', { token, params: { id: bookingId }, step: 'cleanup.cancel', validate: 'record' });
    if (res.status === 200) return { outcome: 'cancelled' };
    if (res.status === api.profile.rejections.wrongState.status) return { outcome: 'already-final' };
    return { outcome: 'failed', detail: `cancel answered ${res.status} (request id ${res.requestId})` };
  } catch (error) {
    return { outcome: 'failed', detail: (error as Error).message };
  }
}
