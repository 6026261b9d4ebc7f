// Can a traveller book a stay end to end at the right price? (Wrong actors and wrong states: matrices.spec.ts.)
import { test, expect, check } from '../../fixtures/index.ts';
import { nightsBetween, priceOf, toCents } from '../../src/contract/pricing.ts';
import { confirmBooking, holdQuote, payFor, quoteStay, readBooking } from '../../src/flows/booking.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { stayDates } from '../../src/flows/dates.ts';
import { bookingState } from '../../src/integrity/leftovers.ts';

test.describe('booking', () => {
  test('quote → hold → pay → confirm → read → cancel, at the contract price @smoke @gate', check({ id: 'api.booking.journey', severity: 'P0', feature: 'booking', needs: ['quote', 'hold', 'preAuthorize', 'confirm', 'cancel'] }), async ({ api, config, profile, session, cleanup, db }) => {
    const pkg = await test.step('find the synthetic hotel', () => findPackage(api, 'hotel', profile.stock.hotel));
    const stay = { pkg, rooms: 1, ...stayDates(2) };
    const quote = await test.step('quote two nights', () => quoteStay(api, session, stay));

    // Money is compared in cents: the contract lets it travel as a number or a decimal string.
    const expected = priceOf({ unitPrice: pkg.pricePerPerson, nights: nightsBetween(stay.checkInDate, stay.checkOutDate), units: stay.rooms, taxRatePercent: profile.pricing.taxRatePercent });
    const total = toCents(expected.total);
    await test.step(`the quote follows the pricing rule: ${expected.total}`, () => {
      expect(toCents(quote.totalPrice), `totalPrice for ${pkg.pricePerPerson} × 2 nights + ${profile.pricing.taxRatePercent} % tax, in cents`).toBe(total);
      expect(toCents(quote.priceSnapshot.total), 'priceSnapshot.total equals totalPrice, in cents').toBe(total);
    });

    const hold = await test.step('hold the quote', () => holdQuote(api, session, quote.id));
    cleanup.booking(hold.id, session.token);
    expect(toCents(hold.totalPrice), 'held at the quoted price, in cents').toBe(total);

    const payment = await test.step('pre-authorize the test card', () => payFor(api, session, hold.id, config.paymentMethod));
    expect(toCents(payment.amount), 'pre-authorized amount, in cents').toBe(total);

    const confirmed = await test.step('confirm', () => confirmBooking(api, session, hold.id));
    expect(toCents(confirmed.totalPrice), 'confirmed amount, in cents').toBe(total);

    if (api.has('getBooking')) {
      const read = await test.step('read it back', () => readBooking(api, session, hold.id));
      expect(read.status).toBe('CONFIRMED');
    } else if (db) {
      // The target has no booking read route: its database (read-only) says what the booking became.
      const read = await test.step('read it back through the database (no booking read route)', () => bookingState(db, profile, hold.id));
      expect(read?.status, 'the booking in the database').toBe('CONFIRMED');
    } else {
      test.info().annotations.push({ type: 'step-not-applicable', description: 'read it back: the target has no booking read route and HOLDFAST_DATABASE_URL is not set' });
    }

    const cancelled = await test.step('cancel it', () => api.succeed('cancel', { token: session.token, params: { id: hold.id }, step: 'booking.cancel' }));
    expect(cancelled.status).toBe('CANCELLED_BY_GUEST');
  });
});
