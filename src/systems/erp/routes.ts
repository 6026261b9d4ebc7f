// The ERP's routes as data (../shared/contract/other-systems.md, "Observed on running deployments"): what the client
// sends and validates, and what the sandbox dialect serves.
import { z } from 'zod';
import { route } from '../shared.ts';

/** The ERP's error bodies: `{error}`, plus `code` (and `details` for validation) on the order routes. */
export const ErpError = z.looseObject({ error: z.string(), code: z.string().optional(), message: z.string().optional() });
export const Item = z.looseObject({ id: z.string(), name: z.string(), sku: z.string(), quantity: z.number(), unitPrice: z.number() });
export const ItemPage = z.looseObject({ data: z.array(Item), total: z.number(), page: z.number(), limit: z.number(), pages: z.number() });
export const Order = z.looseObject({ id: z.string(), status: z.string(), totalAmount: z.number().optional() });
/** Letters, spaces, hyphens and apostrophes only (observed: anything else is refused). */
export const customerName = z.string().min(1).regex(/^[\p{L} '-]+$/u);

export const routes = {
  health: route({ method: 'GET', path: '/api/_internal/health', auth: false, responses: { 200: z.looseObject({ status: z.literal('ok') }) } }),
  ready: route({
    method: 'GET', path: '/api/_internal/ready', auth: false,
    responses: { 200: z.looseObject({ status: z.literal('ready'), checks: z.looseObject({ database: z.looseObject({ ok: z.boolean() }) }) }), 503: ErpError },
  }),
  register: route({
    method: 'POST', path: '/api/register', auth: false,
    body: z.object({ name: z.string().min(1), email: z.email(), password: z.string().min(6), role: z.string().min(1) }),
    responses: { 201: z.looseObject({ message: z.string(), userId: z.string() }), 400: ErpError },
  }),
  login: route({
    method: 'POST', path: '/api/login', auth: false,
    body: z.object({ email: z.string(), password: z.string() }),
    responses: {
      200: z.looseObject({ success: z.literal(true), accessToken: z.string(), token: z.string().optional(), user: z.looseObject({ id: z.string(), email: z.string(), role: z.string() }) }),
      400: ErpError, 401: ErpError, 429: ErpError,
    },
  }),
  listInventory: route({
    method: 'GET', path: '/api/inventory', auth: true,
    query: z.object({ page: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(200).optional(), q: z.string().optional() }),
    responses: { 200: ItemPage, 400: ErpError, 401: ErpError },
  }),
  createItem: route({
    method: 'POST', path: '/api/inventory', auth: true,
    body: z.object({ name: z.string().min(1), sku: z.string().min(1), unitPrice: z.number().positive(), description: z.string().optional() }),
    responses: { 201: z.looseObject({ data: Item }), 400: ErpError, 401: ErpError },
  }),
  deleteItem: route({ method: 'DELETE', path: '/api/inventory/:id', auth: true, responses: { 200: z.looseObject({ data: z.unknown() }), 401: ErpError, 404: ErpError } }),
  createOrder: route({
    method: 'POST', path: '/api/orders', auth: true,
    body: z.object({
      customerName,
      customerEmail: z.email(),
      items: z.array(z.object({ inventoryItemId: z.string().min(1), quantity: z.number().int().min(1), unitPrice: z.number().nonnegative() })).min(1),
    }),
    responses: { 201: z.looseObject({ data: Order }), 400: ErpError, 401: ErpError, 415: ErpError, 429: ErpError },
  }),
  getOrder: route({ method: 'GET', path: '/api/orders/:id', auth: true, responses: { 200: z.looseObject({ data: Order }), 401: ErpError, 404: ErpError } }),
  cancelOrder: route({ method: 'DELETE', path: '/api/orders/:id', auth: true, responses: { 200: z.looseObject({ data: Order }), 400: ErpError, 401: ErpError, 404: ErpError } }),
};
