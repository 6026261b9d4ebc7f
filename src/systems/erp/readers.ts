// How the ERP's stock is read: its item list answers from a 10-second cache keyed by (page, limit, q), so every read asks
// with a key this process has not used (q = the item's SKU, a limit counted down from 200); the database when configured.
import type pg from 'pg';
import type { z } from 'zod';
import type { ApiClient } from '../../client/api-client.ts';
import { succeed } from '../shared.ts';
import { routes, type ItemPage } from './routes.ts';

/** Cache keys already asked, per process (a worker); a key is never reused, so no read can be answered from the cache. */
const usedKeys = new Set<string>();

/** A (page, limit, q) combination not asked before in this process: page 1 of the SKU's search, its limit from 200 down. */
export function freshListKey(q: string, used: Set<string> = usedKeys): { page: number; limit: number; q: string } {
  for (let limit = 200; limit >= 1; limit -= 1) {
    const key = `1|${limit}|${q}`;
    if (!used.has(key)) {
      used.add(key);
      return { page: 1, limit, q };
    }
  }
  throw new Error(`every cache key of the search for ${q} is spent (200 reads in one worker)`);
}

/** The quantity of the item with this SKU in a list answer; throws when the list does not carry it. */
export function quantityIn(page: z.output<typeof ItemPage>, sku: string): number {
  const item = page.data.find((i) => i.sku === sku);
  if (!item) throw new Error(`the item list searched for ${sku} does not carry it (${page.data.length} items on page ${page.page})`);
  return item.quantity;
}

export async function stockOf(api: ApiClient, token: string, sku: string, db?: pg.Pool): Promise<number> {
  if (db) {
    const { rows } = await db.query<{ quantity: number }>('SELECT "quantity" FROM "InventoryItem" WHERE "sku" = $1', [sku]);
    if (rows[0]) return Number(rows[0].quantity);
  }
  const page = await succeed(api, routes.listInventory, { token, query: freshListKey(sku), step: 'inventory.read' });
  return quantityIn(page, sku);
}
