// Can a person book a stay on the web at the contract price, pay, confirm and find it in "My bookings"?
import { test, expect, check } from '../../fixtures/web.ts';
import { nightsBetween, priceOf } from '../../src/contract/pricing.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { stayDates } from '../../src/flows/dates.ts';

test('a traveller books, pays and confirms a stay on the web @web @smoke @gate', check({ id: 'web.booking.journey', severity: 'P0', feature: 'web', needs: ['web'] }), async ({ api, profile, catalogPage, packagePage, myBookingsPage, journey, cleanup, workerStorageState }) => {
  const hotel = await findPackage(api, 'hotel', profile.stock.hotel);
  const stay = { ...stayDates(2), rooms: 1, guests: 2 };
  await test.step('open the package from the catalog', async () => {
    await catalogPage.goto();
    await catalogPage.open(hotel.name);
    await journey.timeNavigation('package');
  });
  await test.step('pick dates and rooms', () => packagePage.pickStay(stay));
  const total = await test.step('get a quote', () => packagePage.getQuote());
  await test.step('the quoted total follows the pricing rule', () => {
    const expected = priceOf({ unitPrice: hotel.pricePerPerson, nights: nightsBetween(stay.checkInDate, stay.checkOutDate), units: stay.rooms, taxRatePercent: profile.pricing.taxRatePercent });
    expect(total).toBe(expected.total);
  });
  const heldId = await test.step('hold the price', () => packagePage.hold());
  cleanup.booking(heldId, workerStorageState.token);
  const bookingId = await test.step('pay with the test card and confirm', () => packagePage.payAndConfirm());
  expect(bookingId).toBe(heldId);
  await journey.timeNavigation('confirmed');
  await test.step('find it in "My bookings"', async () => {
    await myBookingsPage.goto();
    await myBookingsPage.expectBooking(bookingId, 'CONFIRMED');
  });
});
