// The ERP (Next.js + Prisma) as observed: /api/register with a required role, /api/login with a JWT plus a refresh
// cookie, an item list answered from a 10-second cache keyed by (page, limit, q), orders validated as the real code does
// (JSON only, names of letters, spaces, - and '), 400 INSUFFICIENT_QUANTITY when stock runs out, order creation limited
// to 5 a minute per client address. An item's stock is one night of the race cabin, so orders are guarded by the core's
// row-locked hold (and oversell with --fault overbooking, like the real code's unlocked check).
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { routes } from '../../src/systems/erp/routes.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Faults } from '../faults.ts';
import { RateLimiter, type Core } from './core.ts';
import { on, type Dialect, type DialectRequest } from './router.ts';

interface Item {
  id: string;
  name: string;
  sku: string;
  description: string | null;
  unitPrice: number;
  stockId: string;
  night: string;
  createdAt: string;
}

const STOCK = 'Smoke Race Cabin';
const CACHE_MS = 10_000;
/** What self-registration may ask for; a privileged role is recorded as CLERK unless signup-grants-admin. */
const PRIVILEGED = new Set(['ADMIN', 'MANAGER']);

export function erpDialect(core: Core, faults: Faults): Dialect {
  const items = new Map<string, Item>();
  const orders = new Map<string, { status: string; token: string; body: Record<string, unknown> }>();
  const roles = new Map<string, { role: string; name: string }>();
  const listCache = new Map<string, { at: number; body: unknown }>();
  const orderLimit = new RateLimiter(5, 'Too many requests');
  const signedIn = async (req: DialectRequest<unknown, unknown>) => {
    if (!req.token) throw new HttpProblem(401, 'Unauthorized', 'UNAUTHORIZED');
    return core.call('me', { token: req.token, requestId: req.requestId });
  };
  const itemOf = (id: string) => {
    const item = items.get(id);
    if (!item) throw new HttpProblem(404, 'Inventory item not found', 'NOT_FOUND');
    return item;
  };
  const view = async (item: Item) => ({
    id: item.id, name: item.name, sku: item.sku, description: item.description,
    quantity: await core.freeUnits(item.stockId, item.night), unitPrice: item.unitPrice, createdAt: item.createdAt, updatedAt: new Date().toISOString(),
  });
  const orderView = (id: string) => {
    const o = orders.get(id)!;
    return { id, orderNumber: `ORD-${id.slice(0, 6).toUpperCase()}`, ...o.body, status: o.status };
  };
  return {
    name: 'erp',
    invalidStatus: 400,
    errorBody: (status, message, code, _requestId, details) =>
      details ? { error: 'Validation failed', code: 'VALIDATION_ERROR', details: details.map((d) => ({ field: d.field, message: d.message })) }
        : { error: code === 'UNAUTHORIZED' ? code : message, ...(code && code !== 'UNAUTHORIZED' ? { code } : {}), message, timestamp: new Date().toISOString() },
    reset() {
      items.clear();
      orders.clear();
      roles.clear();
      listCache.clear();
      orderLimit.reset();
    },
    routes: [
      on(routes.health, async (req) => ({ status: 200, body: faults.has('health-drift') ? { status: 'ok', time: new Date().toISOString() } : { status: 'ok', service: 'erp-api', time: new Date().toISOString(), requestId: req.requestId } })),
      on(routes.ready, async (req) => {
        const started = performance.now();
        const ready = await core.call('readiness', { requestId: req.requestId }).then(() => true, () => false);
        if (!ready) throw new HttpProblem(503, 'database unreachable', 'SERVICE_UNAVAILABLE');
        return { status: 200, body: { status: 'ready', checks: { database: { ok: true, latencyMs: Math.round(performance.now() - started) } } } };
      }),
      on(routes.register, async (req) => {
        const { name, email, password, role } = req.body;
        let s;
        try {
          s = await core.call('register', { requestId: req.requestId, body: { email, password } });
        } catch (error) {
          if (error instanceof HttpProblem && error.status === 409) throw new HttpProblem(400, 'User with this email already exists');
          throw error;
        }
        const id = String((s.user as { id: string }).id);
        roles.set(id, { role: PRIVILEGED.has(role.toUpperCase()) && !faults.has('signup-grants-admin') ? 'CLERK' : role, name });
        return { status: 201, body: { message: 'User created successfully', userId: id } };
      }),
      on(routes.login, async (req) => {
        let s;
        try {
          s = await core.call('login', { requestId: req.requestId, body: req.body });
        } catch (error) {
          if (error instanceof HttpProblem && error.status === 401) throw new HttpProblem(401, 'Invalid credentials');
          if (error instanceof HttpProblem && error.status === 429) throw new HttpProblem(429, 'Too many failed attempts. Please try again later.', undefined, error.headers);
          throw error;
        }
        const user = s.user as { id: string; email: string };
        const known = roles.get(user.id) ?? { role: 'CLERK', name: 'Synthetic' };
        return {
          status: 200,
          headers: { 'set-cookie': `refresh-token=${randomBytes(32).toString('base64url')}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=604800` },
          body: { success: true, token: s.accessToken, accessToken: s.accessToken, user: { id: user.id, email: user.email, name: known.name, role: known.role } },
        };
      }),
      on(routes.listInventory, async (req) => {
        await signedIn(req);
        const { page = 1, limit = 25, q = '' } = req.query;
        const key = `${page}|${limit}|${q}`;
        const cached = listCache.get(key);
        // As observed: the list is answered from a 10-second cache keyed by (page, limit, q).
        if (cached && Date.now() - cached.at < CACHE_MS) return { status: 200, body: cached.body };
        const matching = [...items.values()].filter((i) => !q || i.name.includes(q) || i.sku.includes(q));
        const data = await Promise.all(matching.slice((page - 1) * limit, page * limit).map(view));
        const body = { data, total: matching.length, page, limit, pages: Math.max(1, Math.ceil(matching.length / limit)) };
        listCache.set(key, { at: Date.now(), body });
        return { status: 200, body };
      }),
      on(routes.createItem, async (req) => {
        await signedIn(req);
        const stock = (await core.publishedPackages()).find((p) => p.name === STOCK);
        if (!stock) throw new HttpProblem(503, 'no stock seeded', 'SERVICE_UNAVAILABLE');
        const night = await core.wholeFreeNight(stock.id, 62, new Set([...items.values()].map((i) => i.night)));
        const item: Item = { id: randomUUID(), name: req.body.name, sku: req.body.sku, description: req.body.description ?? null, unitPrice: req.body.unitPrice, stockId: stock.id, night, createdAt: new Date().toISOString() };
        items.set(item.id, item);
        return { status: 201, body: { data: await view(item) } };
      }),
      on(routes.deleteItem, async (req) => {
        await signedIn(req);
        const item = itemOf(req.params.id!);
        items.delete(item.id);
        return { status: 200, body: { data: { id: item.id } } };
      }),
      on(routes.createOrder, async (req) => {
        await signedIn(req);
        if (!String(req.headers['content-type'] ?? '').includes('application/json')) throw new HttpProblem(415, 'Content-Type must be application/json', 'UNSUPPORTED_MEDIA_TYPE');
        orderLimit.take(req.ip);
        if (req.body.items.length !== 1) throw new HttpProblem(400, 'the sandbox sells one line per order', 'VALIDATION_ERROR');
        const line = req.body.items[0]!;
        const item = itemOf(line.inventoryItemId);
        await delay(faults.nextReserveDelayMs());
        let held;
        try {
          held = await core.reserve(req.token ?? '', req.requestId, item.stockId, item.night, line.quantity);
        } catch (error) {
          if (error instanceof HttpProblem && error.code === 'INSUFFICIENT_INVENTORY') {
            throw new HttpProblem(400, `Insufficient quantity for item ${item.name}. Available: ${await core.freeUnits(item.stockId, item.night)}, Requested: ${line.quantity}`, 'INSUFFICIENT_QUANTITY');
          }
          throw error;
        }
        await core.sell(req.token ?? '', req.requestId, held.id);
        const subtotal = line.quantity * line.unitPrice;
        orders.set(held.id, { status: 'DRAFT', token: req.token ?? '', body: { customerName: req.body.customerName, customerEmail: req.body.customerEmail, subtotal, taxAmount: subtotal * 0.1, totalAmount: subtotal * 1.1 } });
        return { status: 201, body: { data: orderView(held.id) } };
      }),
      on(routes.getOrder, async (req) => {
        await signedIn(req);
        orderLimit.take(req.ip);
        if (!orders.has(req.params.id!)) throw new HttpProblem(404, 'Order not found', 'NOT_FOUND');
        return { status: 200, body: { data: orderView(req.params.id!) } };
      }),
      on(routes.cancelOrder, async (req) => {
        await signedIn(req);
        const order = orders.get(req.params.id!);
        if (!order) throw new HttpProblem(404, 'Order not found', 'NOT_FOUND');
        if (order.status === 'CANCELLED') throw new HttpProblem(400, 'Order is already cancelled', 'ALREADY_CANCELLED');
        await core.cancel(order.token, req.requestId, req.params.id!);
        order.status = 'CANCELLED';
        return { status: 200, body: { data: orderView(req.params.id!) } };
      }),
    ],
  };
}
