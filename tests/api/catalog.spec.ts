// Can a traveller see what is for sale, exactly as the contract shapes it, and nothing that is not?
import { test, expect, check } from '../../fixtures/index.ts';
import { routes } from '../../src/contract/routes.ts';
import { listPublished } from '../../src/flows/catalog.ts';

test.describe('catalog', () => {
  test('published hotel packages are listed, with the synthetic stock @smoke @gate', check({ id: 'api.catalog.hotels-listed', severity: 'P0', feature: 'catalog', needs: ['listHotelPackages'] }), async ({ api, profile }) => {
    const res = await api.call('listHotelPackages', { query: { status: 'PUBLISHED', page: 1, pageSize: 100 }, step: 'catalog.list-hotel', validate: 'record' });
    expect(res.status, `hotel list (request id ${res.requestId})`).toBe(api.successStatus('listHotelPackages'));
    const names = ((res.body as { items?: { name?: string }[] }).items ?? []).map((i) => i.name);
    expect(names.length, 'published hotel packages listed').toBeGreaterThan(0);
    expect(names).toContain(profile.stock.hotel);
  });

  test('published tour packages are listed @smoke @gate', check({ id: 'api.catalog.tours-listed', severity: 'P0', feature: 'catalog', needs: ['listTourPackages'] }), async ({ api, profile }) => {
    const res = await api.call('listTourPackages', { query: { status: 'PUBLISHED', page: 1, pageSize: 100 }, step: 'catalog.list-tour', validate: 'record' });
    expect(res.status, `tour list (request id ${res.requestId})`).toBe(api.successStatus('listTourPackages'));
    const names = ((res.body as { items?: { name?: string }[] }).items ?? []).map((i) => i.name);
    expect(names).toContain(profile.stock.tour);
  });

  test('every listed item matches the contract schema @smoke @gate', check({ id: 'api.catalog.schema', severity: 'P1', feature: 'contract', needs: ['listHotelPackages', 'listTourPackages'] }), async ({ api }) => {
    for (const name of ['listHotelPackages', 'listTourPackages'] as const) {
      await test.step(name, async () => {
        const res = await api.call(name, { query: { status: 'PUBLISHED', page: 1, pageSize: 100 }, step: `catalog.${name}`, validate: 'record' });
        expect(res.contractViolation, `${routes[name].path} breaks the contract (request id ${res.requestId})`).toBeUndefined();
      });
    }
  });

  test('a draft is never listed as published @gate', check({ id: 'api.catalog.no-drafts', severity: 'P2', feature: 'catalog', needs: ['listHotelPackages'] }), async ({ api, profile }) => {
    const res = await api.call('listHotelPackages', { query: { status: 'PUBLISHED', search: profile.stock.draft, pageSize: 100 }, step: 'catalog.search-draft', validate: 'record' });
    const items = (res.body as { items?: { name?: string; status?: string }[] }).items ?? [];
    expect(items.filter((i) => i.status !== 'PUBLISHED' || i.name === profile.stock.draft), 'drafts in a PUBLISHED listing').toEqual([]);
  });

  test('pagination is consistent: total matches and no item on two pages @gate', check({ id: 'api.catalog.pagination', severity: 'P2', feature: 'catalog', needs: ['listHotelPackages'] }), async ({ api }) => {
    const { total, pages } = await listPublished(api, 'hotel', 2);
    const ids = pages.flat().map((i) => i.id);
    expect(new Set(ids).size, 'an item appeared on two pages').toBe(ids.length);
    expect(ids.length, 'items across pages vs total').toBe(total);
    for (const page of pages.slice(0, -1)) expect(page.length).toBe(2);
  });

  test('a listed package opens, and an unknown id answers 404 @gate', check({ id: 'api.catalog.detail', severity: 'P1', feature: 'catalog', needs: ['listHotelPackages', 'getHotelPackage'] }), async ({ api, profile }) => {
    const list = await api.call('listHotelPackages', { query: { status: 'PUBLISHED', search: profile.stock.hotel }, step: 'catalog.search', validate: 'record' });
    const item = ((list.body as { items?: { id: string; name: string }[] }).items ?? []).find((i) => i.name === profile.stock.hotel);
    expect(item, `${profile.stock.hotel} found by search`).toBeDefined();
    const detail = await api.succeed('getHotelPackage', { params: { id: item!.id }, step: 'catalog.hotel-detail' });
    expect(detail.name).toBe(profile.stock.hotel);
    const missing = await api.call('getHotelPackage', { params: { id: '00000000-0000-4000-8000-000000000000' }, step: 'catalog.hotel-detail-missing', validate: 'record' });
    expect(missing.status, `unknown id (request id ${missing.requestId})`).toBe(profile.rejections.notFound.status);
  });

  test('the list refuses unknown parameters and oversized pages @gate', check({ id: 'api.catalog.input-validation', severity: 'P2', feature: 'catalog', needs: ['listHotelPackages'] }), async ({ api, profile }) => {
    const unknown = await api.call('listHotelPackages', { query: { status: 'PUBLISHED', bogus: 'x' }, step: 'catalog.bad-query', validate: 'record' });
    expect(unknown.status, 'unknown query parameter').toBe(profile.rejections.invalidInput.status);
    const huge = await api.call('listHotelPackages', { query: { pageSize: 101 }, step: 'catalog.bad-query', validate: 'record' });
    expect(huge.status, 'pageSize above 100').toBe(profile.rejections.invalidInput.status);
  });
});
