// Where the synthetic stock is: packages found by name through search, never by a hard-coded id.
import type { ApiClient } from '../client/api-client.ts';
import type { HotelPackage, TourPackage } from '../contract/schemas.ts';
import { SuiteError } from '../verdict/suite-error.ts';

export type PackageKind = 'hotel' | 'tour';
const listRoute = { hotel: 'listHotelPackages', tour: 'listTourPackages' } as const;

/**
 * Finds a published package by exact name. Validation is recorded, not thrown: finding stock needs only
 * id and name, and the list's schema is judged by its own check.
 */
export async function findPackage(api: ApiClient, kind: 'hotel', name: string): Promise<HotelPackage>;
export async function findPackage(api: ApiClient, kind: 'tour', name: string): Promise<TourPackage>;
export async function findPackage(api: ApiClient, kind: PackageKind, name: string): Promise<HotelPackage | TourPackage> {
  const res = await api.call(listRoute[kind], {
    query: { status: 'PUBLISHED', search: name, page: 1, pageSize: 20 },
    step: `catalog.find-${kind}`,
    validate: 'record',
  });
  if (res.status !== 200) throw new Error(`catalog.find-${kind}: listing answered ${res.status} (request id ${res.requestId})`);
  const items = (res.body as { items?: { id?: unknown; name?: unknown }[] }).items ?? [];
  const found = items.find((item) => item.name === name);
  // The catalog checks judge whether listing works; here a missing name means the synthetic stock is not provisioned.
  if (!found || typeof found.id !== 'string') {
    throw new SuiteError(
      `catalog.find-${kind}: no published package named "${name}" (request id ${res.requestId})`,
      `publish a ${kind} package named "${name}" on the target, or name the synthetic stock in profile ${api.profile.name}`,
    );
  }
  if (kind === 'hotel') return api.expect('getHotelPackage', 200, { params: { id: found.id }, step: 'catalog.hotel-detail' });
  return api.expect('getTourPackage', 200, { params: { id: found.id }, step: 'catalog.tour-detail' });
}

/** Every published item of a kind, page by page (bounded). */
export async function listPublished(api: ApiClient, kind: PackageKind, pageSize = 2, maxPages = 50) {
  const pages: { id: string; name: string; status: string }[][] = [];
  let total = 0;
  for (let page = 1; page <= maxPages; page += 1) {
    const body = await api.expect(listRoute[kind], 200, { query: { status: 'PUBLISHED', page, pageSize }, step: `catalog.list-${kind}` });
    total = body.total;
    pages.push(body.items);
    if (page * pageSize >= total || body.items.length === 0) break;
  }
  return { total, pages };
}
