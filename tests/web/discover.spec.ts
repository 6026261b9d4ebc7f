// Can a person see what is for sale on the web, find it by search, and never see a draft?
import { test, check } from '../../fixtures/web.ts';
import { findPackage } from '../../src/flows/catalog.ts';
import { fromCents, toCents } from '../../src/contract/pricing.ts';

test('published packages are listed with prices and search narrows the list @web @smoke @gate', check({ id: 'web.discover.journey', severity: 'P0', feature: 'web', needs: ['web'] }), async ({ api, profile, catalogPage, journey }) => {
  const hotel = await findPackage(api, 'hotel', profile.stock.hotel);
  await test.step('open the catalog', async () => {
    await catalogPage.goto();
    await journey.timeNavigation('catalog');
  });
  await test.step('the synthetic hotel is listed with its price', () => catalogPage.expectHotelListed(hotel.name, fromCents(toCents(hotel.pricePerPerson))));
  await test.step('search narrows the list to it', async () => {
    await catalogPage.search(hotel.name);
    await catalogPage.expectOnlyHotels([hotel.name]);
  });
});

test('a draft never appears in the web catalog @web @gate', check({ id: 'web.discover.no-drafts', severity: 'P2', feature: 'web', needs: ['web'] }), async ({ profile, catalogPage }) => {
  await catalogPage.goto();
  await catalogPage.expectHotelNotListed(profile.stock.draft);
});
