// What is for sale: hotel and tour packages, listed with search, sort and pages, and opened by id.
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { PackageQuery } from '../../src/contract/schemas.ts';
import type { Faults } from '../faults.ts';
import { badRequest, notFound } from '../http/problem.ts';
import type { Reply, RequestContext } from '../http/server.ts';

type Kind = 'hotel' | 'tour';
const table: Record<Kind, string> = { hotel: '"HotelPackage"', tour: '"TourPackage"' };

export class CatalogService {
  constructor(private readonly db: pg.Pool, private readonly faults: Faults) {}

  async list(kind: Kind, ctx: RequestContext): Promise<Reply> {
    const parsed = PackageQuery.safeParse(ctx.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badRequest(issue.code === 'unrecognized_keys' ? `unknown query parameter: ${issue.keys.join(', ')}` : `${issue.path.join('.')}: ${issue.message}`);
    }
    const q = parsed.data;
    const wait = this.faults.nextCatalogDelayMs();
    if (wait) await delay(wait);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const status = q.status ?? 'PUBLISHED';
    const statuses = status === 'PUBLISHED' && this.faults.has('catalog-drafts') ? ['PUBLISHED', 'DRAFT'] : [status];
    const search = q.search ? `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
    const order = `${q.sortBy === 'name' ? '"name"' : '"createdAt"'} ${q.sortOrder === 'desc' ? 'DESC' : 'ASC'}, "id" ASC`;
    const where = `"status" = ANY($1) AND "name" ILIKE $2`;
    const [{ rows }, count] = await Promise.all([
      this.db.query(`SELECT * FROM ${table[kind]} WHERE ${where} ORDER BY ${order} LIMIT $3 OFFSET $4`, [statuses, search, pageSize, (page - 1) * pageSize]),
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table[kind]} WHERE ${where}`, [statuses, search]),
    ]);
    if (this.faults.has('catalog-empty')) return { status: 200, body: { items: [], total: 0, page, pageSize } };
    const items = rows.map((r) => (kind === 'hotel' ? this.listedHotel(r) : tourItem(r)));
    return { status: 200, body: { items, total: count.rows[0]!.n, page, pageSize } };
  }

  async get(kind: Kind, ctx: RequestContext): Promise<Reply> {
    const { rows } = await this.db.query(`SELECT * FROM ${table[kind]} WHERE "id" = $1 AND "status" = 'PUBLISHED'`, [ctx.params.id]);
    if (!rows[0]) throw notFound('package');
    if (kind === 'hotel') return { status: 200, body: hotelItem(rows[0]) };
    const departures = await this.db.query(
      `SELECT to_char("departureDate", 'YYYY-MM-DD') AS "departureDate", "availableSeats", "status" FROM "TourDeparture"
        WHERE "tourPackageId" = $1 AND "departureDate" >= current_date ORDER BY "departureDate"`,
      [ctx.params.id],
    );
    return { status: 200, body: { ...tourItem(rows[0]), departures: departures.rows } };
  }

  private listedHotel(row: Record<string, unknown>) {
    const item = hotelItem(row);
    if (!this.faults.has('schema-drift')) return item;
    const { pricePerPerson, ...rest } = item;
    return { ...rest, price: pricePerPerson };
  }
}

export function hotelItem(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    name: r.name as string,
    description: r.description as string,
    status: r.status as string,
    pricePerPerson: Number(r.pricePerPerson).toFixed(2),
    listingId: r.listingId as string,
    amenities: r.amenities as string[],
    createdAt: (r.createdAt as Date).toISOString(),
  };
}

function tourItem(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    name: r.name as string,
    description: r.description as string,
    status: r.status as string,
    basePrice: Number(r.basePrice).toFixed(2),
    durationDays: r.durationDays as number,
    createdAt: (r.createdAt as Date).toISOString(),
  };
}
