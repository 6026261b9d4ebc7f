// The ERP (Next.js + Prisma) as its code answers: /api routes, a JWT plus a refresh cookie, inventory items and orders,
// 400 INSUFFICIENT_QUANTITY when stock runs out. An item's stock is one night of the race cabin, so orders are
// guarded by the core's row-locked hold (and oversell with --fault overbooking, like the real code's unlocked check).
import { randomBytes, randomUUID } from 'node:crypto';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import type { Core } from './core.ts';
import type { Dialect, DialectRequest } from './router.ts';

interface Item {
  id: string;
  name: string;
  sku: string;
  unitPrice: number;
  stockId: string;
  night: string;
}

const STOCK = 'Smoke Race Cabin';

export function erpDialect(core: Core, faults: Faults): Dialect {
  const items = new Map<string, Item>();
  const signedIn = async (req: DialectRequest) => core.call('me', { token: req.token, requestId: req.requestId });
  const itemOf = (id: string) => {
    const item = items.get(id);
    if (!item) throw new HttpProblem(404, 'inventory item not found', 'NOT_FOUND');
    return item;
  };
  const view = async (item: Item) => ({ id: item.id, name: item.name, sku: item.sku, unitPrice: item.unitPrice, quantity: await core.freeUnits(item.stockId, item.night) });
  return {
    name: 'erp',
    errorBody: (status, message, code, requestId) => ({ error: code ?? 'ERROR', message, requestId }),
    routes: [
      {
        method: 'GET',
        path: '/api/_internal/health',
        handle: async (req) => ({ status: 200, body: faults.has('health-drift') ? { status: 'ok', time: new Date().toISOString() } : { status: 'ok', service: 'erp-api', time: new Date().toISOString(), requestId: req.requestId } }),
      },
      {
        method: 'GET',
        path: '/api/_internal/ready',
        handle: async (req) => {
          const started = performance.now();
          const ready = await core.call('readiness', { requestId: req.requestId }).then(() => true, () => false);
          if (!ready) throw new HttpProblem(503, 'database unreachable', 'SERVICE_UNAVAILABLE');
          return { status: 200, body: { status: 'ready', checks: { database: { ok: true, latencyMs: Math.round(performance.now() - started) } } } };
        },
      },
      {
        method: 'POST',
        path: '/api/register',
        handle: async (req) => {
          const { name, email, password } = req.body as Record<string, string>;
          if (!name || !email || !password) throw new HttpProblem(400, 'name, email and password are required', 'VALIDATION_ERROR');
          const s = await core.call('register', { requestId: req.requestId, body: { email, password } });
          return { status: 201, body: { message: 'User created', userId: (s.user as { id: string }).id } };
        },
      },
      {
        method: 'POST',
        path: '/api/login',
        handle: async (req) => {
          const s = await core.call('login', { requestId: req.requestId, body: { email: String(req.body.email ?? ''), password: String(req.body.password ?? '') } });
          const user = s.user as { id: string; email: string };
          const refresh = randomBytes(32).toString('base64url');
          return {
            status: 200,
            headers: { 'set-cookie': `refreshToken=${refresh}; HttpOnly; Secure; SameSite=Strict; Path=/api/auth/refresh; Max-Age=604800` },
            body: { success: true, token: s.accessToken, accessToken: s.accessToken, user: { id: user.id, email: user.email, role: 'USER' } },
          };
        },
      },
      {
        method: 'GET',
        path: '/api/inventory',
        handle: async (req) => (await signedIn(req), { status: 200, body: { items: await Promise.all([...items.values()].map(view)) } }),
      },
      {
        method: 'POST',
        path: '/api/inventory',
        handle: async (req) => {
          await signedIn(req);
          const { name, sku, unitPrice } = req.body as { name?: string; sku?: string; unitPrice?: number };
          if (!name || !sku || !(Number(unitPrice) > 0)) throw new HttpProblem(400, 'name, sku and a positive unitPrice are required', 'VALIDATION_ERROR');
          const stock = (await core.publishedPackages()).find((p) => p.name === STOCK);
          if (!stock) throw new HttpProblem(503, 'no stock seeded', 'SERVICE_UNAVAILABLE');
          const night = await core.wholeFreeNight(stock.id, 62, new Set([...items.values()].map((i) => i.night)));
          const item: Item = { id: randomUUID(), name, sku, unitPrice: Number(unitPrice), stockId: stock.id, night };
          items.set(item.id, item);
          return { status: 201, body: await view(item) };
        },
      },
      { method: 'GET', path: '/api/inventory/:id', handle: async (req) => (await signedIn(req), { status: 200, body: await view(itemOf(req.params.id!)) }) },
      {
        method: 'DELETE',
        path: '/api/inventory/:id',
        handle: async (req) => {
          await signedIn(req);
          itemOf(req.params.id!);
          items.delete(req.params.id!);
          return { status: 204, body: undefined };
        },
      },
      {
        method: 'POST',
        path: '/api/orders',
        handle: async (req) => {
          await signedIn(req);
          const lines = req.body.items as { inventoryItemId?: string; quantity?: number }[] | undefined;
          if (!req.body.customerName || !req.body.customerEmail || !Array.isArray(lines) || lines.length !== 1) {
            throw new HttpProblem(400, 'customerName, customerEmail and exactly one item line are required (the sandbox sells one line per order)', 'VALIDATION_ERROR');
          }
          const line = lines[0]!;
          const item = itemOf(String(line.inventoryItemId));
          const quantity = Number(line.quantity);
          if (!Number.isInteger(quantity) || quantity < 1) throw new HttpProblem(400, 'quantity must be a positive whole number', 'VALIDATION_ERROR');
          let held;
          try {
            held = await core.reserve(req.token ?? '', req.requestId, item.stockId, item.night, quantity);
          } catch (error) {
            if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') throw new HttpProblem(400, `insufficient quantity for ${item.sku}`, 'INSUFFICIENT_QUANTITY');
            throw error;
          }
          await core.sell(req.token ?? '', req.requestId, held.id);
          return { status: 201, body: { id: held.id, status: 'CONFIRMED', customerName: req.body.customerName, total: Number(held.total), items: [{ inventoryItemId: item.id, quantity }] } };
        },
      },
      {
        method: 'DELETE',
        path: '/api/orders/:id',
        handle: async (req) => {
          try {
            await core.cancel(req.token ?? '', req.requestId, req.params.id!);
          } catch (error) {
            if (error instanceof HttpProblem && error.status === 409) throw new HttpProblem(409, 'order is already cancelled', 'ORDER_ALREADY_CANCELLED');
            throw error;
          }
          return { status: 200, body: { id: req.params.id, status: 'CANCELLED' } };
        },
      },
    ],
  };
}
