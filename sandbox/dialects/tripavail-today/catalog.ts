// What is for sale, as TripAvail's code lists it today: hotel and tour packages with money as strings, pages, search and
// sort; unknown query parameters → 400. Healthy follows the contract where the code falls short: status defaults to
// PUBLISHED and pageSize is bounded at 100. Faults: catalog-empty, catalog-drafts, schema-drift, slow-catalog.
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { todayQueries } from '../../../src/systems/tripavail-today/routes.ts';
import type { Faults } from '../../faults.ts';
import { iso, missing, parse, type TodayReply, type TodayRequest } from './support.ts';

type Kind = 'hotel' | 'tour';

const HOTEL_COLUMNS = `"id","providerId","listingId","templateId","name","description","status"::text AS "status","pricePerPerson"::text AS "pricePerPerson",
  "inclusions","exclusions","availabilityRule",${iso('"publishedAt"')},"discountEnabled","discountPercentage"::text AS "discountPercentage",
  ${iso('"discountStartDate"')},${iso('"discountEndDate"')},"cancellationPolicyId",${iso('"createdAt"')},${iso('"updatedAt"')}`;
const TOUR_COLUMNS = `"id","providerId","tripType","name","description","duration","status"::text AS "status","basePrice"::text AS "basePrice","maxSeats",${iso('"createdAt"')},${iso('"updatedAt"')}`;

const spec = {
  hotel: { table: '"HotelPackage"', columns: HOTEL_COLUMNS, query: todayQueries.listHotelPackages, filters: ['providerId', 'templateId', 'listingId'], notFound: 'Hotel package not found' },
  tour: { table: '"TourPackage"', columns: TOUR_COLUMNS, query: todayQueries.listTourPackages, filters: ['providerId', 'tripType'], notFound: 'Tour package not found' },
} as const;

export class TodayCatalog {
  constructor(private readonly db: pg.Pool, private readonly faults: Faults) {}

  async list(kind: Kind, req: TodayRequest): Promise<TodayReply> {
    const s = spec[kind];
    const q = parse(s.query, req.query) as Record<string, unknown> & { page?: number; pageSize?: number; status?: string; search?: string; includeArchived?: string; sortBy?: string; sortOrder?: string };
    const wait = this.faults.nextCatalogDelayMs();
    if (wait) await delay(wait);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const status = q.status ?? 'PUBLISHED';
    const statuses = status === 'PUBLISHED' && this.faults.has('catalog-drafts') ? ['PUBLISHED', 'DRAFT'] : [status];
    const where = [`"status"::text = ANY($1)`, `"name" ILIKE $2`];
    const params: unknown[] = [statuses, q.search ? `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%'];
    for (const f of s.filters) {
      if (typeof q[f] === 'string') where.push(`"${f}" = $${params.push(q[f])}`);
    }
    const order = `${q.sortBy === 'name' ? '"name"' : '"createdAt"'} ${q.sortOrder === 'asc' ? 'ASC' : 'DESC'}, "id" DESC`;
    const [{ rows }, count] = await Promise.all([
      this.db.query(`SELECT ${s.columns} FROM ${s.table} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s.table} WHERE ${where.join(' AND ')}`, params),
    ]);
    if (this.faults.has('catalog-empty')) return { status: 200, body: { items: [], total: 0, page, pageSize } };
    const items = rows.map((r) => (kind === 'hotel' ? this.listedHotel(r) : r));
    return { status: 200, body: { items, total: count.rows[0]!.n, page, pageSize } };
  }

  async get(kind: Kind, req: TodayRequest): Promise<TodayReply> {
    const s = spec[kind];
    const { rows } = await this.db.query(`SELECT ${s.columns} FROM ${s.table} WHERE "id" = $1`, [req.params.id]);
    if (!rows[0]) throw missing(s.notFound);
    if (kind === 'hotel') return { status: 200, body: hotelItem(rows[0]) };
    const departures = await this.db.query(
      `SELECT "id","packageId",${iso('"departureDate"')},"availableSeats",${iso('"lockedUntil"')},"status",${iso('"createdAt"')}
         FROM "TourDeparture" WHERE "packageId" = $1 ORDER BY "departureDate"`,
      [req.params.id],
    );
    return { status: 200, body: { ...rows[0], itinerary: [], pickups: [], departures: departures.rows } };
  }

  private listedHotel(row: Record<string, unknown>) {
    const item = hotelItem(row);
    if (!this.faults.has('schema-drift')) return item;
    const { pricePerPerson, ...rest } = item;
    return { ...rest, price: pricePerPerson };
  }
}

function hotelItem(r: Record<string, unknown>): Record<string, unknown> {
  return { ...r, amenities: [] as unknown[] };
}
