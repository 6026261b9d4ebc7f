// The ERP's transaction in the suite's steps: a synthetic inventory item is the slot, an order reserves and sells its stock,
// deleting the order restores it. Items are created for the run and deleted after it.
import { randomUUID } from 'node:crypto';
import { isRejection } from '../../integrity/race.ts';
import type { SyntheticUser } from '../../flows/identity.ts';
import { call, loginAttempt, sessionOf, succeed, successOf } from '../shared.ts';
import { barrierRequest, type BookingSystem, type SystemContext } from '../types.ts';
import { stockOf } from './readers.ts';
import { routes } from './routes.ts';

/** The role a self-registered user asks for: the ERP's least privileged. */
const CLERK = 'CLERK';

export function erpSystem(): BookingSystem {
  const register = ({ api }: SystemContext, who: SyntheticUser, role = CLERK) =>
    call(api, routes.register, { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, role }, step: 'auth.register', setup: true });
  const logIn = async ({ api }: SystemContext, who: SyntheticUser) => {
    const res = await succeed(api, routes.login, { body: { email: who.email, password: who.password }, step: 'auth.login', setup: true });
    return { session: sessionOf(res.accessToken, res.user, who.email, 'login'), role: res.user.role };
  };
  return {
    async liveness({ api }) {
      await succeed(api, routes.health, { step: 'health.liveness' });
    },
    async readiness({ api }) {
      const res = await call(api, routes.ready, { step: 'health.readiness' });
      if (res.status !== successOf(routes.ready) || res.contractViolation) throw new Error(`readiness answers ${res.status}${res.contractViolation ? `: ${res.contractViolation}` : ''} (request id ${res.requestId})`);
      if ((res.body as { checks: { database: { ok: boolean } } }).checks.database.ok !== true) throw new Error(`readiness says ready but checks.database.ok is not true (request id ${res.requestId})`);
    },
    async signIn(ctx, who) {
      const res = await register(ctx, who);
      if (res.status !== successOf(routes.register)) throw new Error(`register: expected ${successOf(routes.register)}, got ${res.status} (request id ${res.requestId})`);
      return (await logIn(ctx, who)).session;
    },
    logIn: async (ctx, who) => (await logIn(ctx, who)).session,
    async register(ctx, who) {
      await succeed(ctx.api, routes.register, { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, role: CLERK }, step: 'auth.register', setup: true });
    },
    passwordLogin: loginAttempt(routes.login),
    // The ERP has no "me" route: the item list is its cheapest read that needs a signed-in user.
    readMe: ({ api }, token) => call(api, routes.listInventory, { token, query: { page: 1, limit: 1 }, step: 'auth.protected-read' }),
    selfRegistration: {
      privilegedRole: 'ADMIN',
      async signUpAs(ctx, who, role) {
        const res = await register(ctx, who, role);
        if (res.status !== successOf(routes.register)) return { refused: true, status: res.status, requestId: res.requestId };
        // No "me": the login answer (and the token's claims) say which role the account has.
        return { refused: false, role: (await logIn(ctx, who)).role, requestId: res.requestId };
      },
    },
    // Orders are limited to 5 a minute per client address: one round of 4 (more than an item's 3 units) beside the journey's one.
    racePlan: (asked) => ({ contenders: Math.min(asked.concurrency, 4), rounds: 1, reason: 'orders are limited to 5 a minute per client address' }),
    browse: ({ api }, session) => call(api, routes.listInventory, { token: session.token, query: { page: 1, limit: 25 }, step: 'inventory.browse' }),
    async offerNames({ api }, session) {
      const page = await succeed(api, routes.listInventory, { token: session.token, query: { page: 1, limit: 200 }, step: 'inventory.list' });
      return page.data.map((i) => i.name);
    },
    async openSlot({ api, config }, owner) {
      const name = `Holdfast synthetic stock ${config.runId} ${randomUUID().slice(0, 8)}`;
      const sku = `HF-${randomUUID().slice(0, 12)}`;
      const { data: item } = await succeed(api, routes.createItem, { token: owner.token, body: { name, sku, unitPrice: 10 }, step: 'inventory.create' });
      return { label: `item ${item.sku}`, offerName: item.name, data: { itemId: item.id, sku: item.sku, unitPrice: item.unitPrice } };
    },
    freeUnits: ({ api, db }, slot, owner) => stockOf(api, owner.token, String(slot.data.sku), db),
    async prepareReservation(ctx, slot, contender) {
      const body = { customerName: 'Holdfast Synthetic', customerEmail: contender.email, items: [{ inventoryItemId: String(slot.data.itemId), quantity: 1, unitPrice: Number(slot.data.unitPrice) }] };
      routes.createOrder.body.parse(body);
      return barrierRequest(ctx, 'POST', routes.createOrder.path, contender.token, body);
    },
    classify({ api }, answer) {
      const parsed = routes.createOrder.responses[201].safeParse(answer.body);
      if (answer.status === successOf(routes.createOrder) && parsed.success) return { kind: 'reserved', id: parsed.data.data.id };
      return isRejection(answer, api.profile.rejections.insufficientInventory) ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, session, id) {
      const res = await call(api, routes.cancelOrder, { token: session.token, params: { id }, step: 'cleanup.cancel-order' });
      return res.status === successOf(routes.cancelOrder) ? 'cancelled' : isRejection(res, api.profile.rejections.wrongState) ? 'already-final' : 'failed';
    },
    async closeSlot({ api }, slot, owner) {
      await call(api, routes.deleteItem, { token: owner.token, params: { id: String(slot.data.itemId) }, step: 'cleanup.delete-item' });
    },
  };
}
