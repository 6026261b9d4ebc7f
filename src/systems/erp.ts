// The ERP's transaction in the suite's steps: a synthetic inventory item is the slot, an order reserves and sells its stock,
// deleting the order restores it. Items are created for the run and deleted after it.
import { randomUUID } from 'node:crypto';
import { isRejection } from '../integrity/race.ts';
import { field, sessionOf } from './shared.ts';
import { barrierRequest, expectStatus, type BookingSystem, type SystemContext } from './types.ts';

export function erpSystem(): BookingSystem {
  const register = async ({ api }: SystemContext, who: { email: string; password: string }) => {
    const res = await api.request('POST', '/api/register', { body: { name: 'Holdfast Synthetic', email: who.email, password: who.password, role: 'USER' }, step: 'auth.register', setup: true });
    expectStatus(res, 201, 'register');
  };
  const login = ({ api }: SystemContext, email: string, password: string) => api.request('POST', '/api/login', { body: { email, password }, step: 'auth.login' });
  return {
    async liveness({ api }) {
      const res = await api.request('GET', '/api/_internal/health', { step: 'health.liveness' });
      expectStatus(res, 200, 'GET /api/_internal/health');
      if (field(res.body, 'status') !== 'ok') throw new Error(`liveness says "${String(field(res.body, 'status'))}" (request id ${res.requestId})`);
    },
    async readiness({ api }) {
      const res = await api.request('GET', '/api/_internal/ready', { step: 'health.readiness' });
      if (res.status !== 200 || field(res.body, 'status') !== 'ready') {
        throw new Error(`readiness answers ${res.status} "${String(field(res.body, 'status') ?? field(res.body, 'error'))}" (request id ${res.requestId})`);
      }
      if (field(res.body, 'checks.database.ok') !== true) throw new Error(`readiness says ready but checks.database.ok is not true (request id ${res.requestId})`);
    },
    async signIn(ctx, who) {
      await register(ctx, who);
      const res = await login(ctx, who.email, who.password);
      expectStatus(res, 200, 'login');
      return sessionOf(field(res.body, 'accessToken') ?? field(res.body, 'token'), field(res.body, 'user'), who.email, 'login');
    },
    register,
    passwordLogin: login,
    browse: ({ api }, session) => api.request('GET', '/api/inventory', { token: session.token, step: 'inventory.browse' }),
    async offerNames({ api }, session) {
      const res = await api.request('GET', '/api/inventory', { token: session.token, step: 'inventory.list' });
      expectStatus(res, 200, 'list inventory');
      return (field<{ name: string }[]>(res.body, 'items') ?? []).map((i) => i.name);
    },
    async openSlot({ api, config }, owner) {
      const name = `Holdfast synthetic stock ${config.runId} ${randomUUID().slice(0, 8)}`;
      const res = await api.request('POST', '/api/inventory', { token: owner.token, body: { name, sku: `HF-${randomUUID().slice(0, 12)}`, unitPrice: 10 }, step: 'inventory.create' });
      expectStatus(res, 201, 'create an inventory item');
      return { label: `item ${name}`, offerName: name, data: { itemId: String(field(res.body, 'id')) } };
    },
    async freeUnits({ api }, slot, owner) {
      const res = await api.request('GET', `/api/inventory/${slot.data.itemId}`, { token: owner.token, step: 'inventory.read' });
      expectStatus(res, 200, 'read the item');
      const quantity = field<number>(res.body, 'quantity');
      if (typeof quantity !== 'number') throw new Error(`the item carries no quantity (request id ${res.requestId})`);
      return quantity;
    },
    async prepareReservation(ctx, slot, contender) {
      return barrierRequest(ctx, 'POST', '/api/orders', contender.token, {
        customerName: 'Holdfast Synthetic',
        customerEmail: contender.email,
        items: [{ inventoryItemId: slot.data.itemId, quantity: 1, unitPrice: 10 }],
      });
    },
    classify({ api }, answer) {
      const id = field<string>(answer.body, 'id');
      if (answer.status === 201 && id) return { kind: 'reserved', id };
      return isRejection(answer, api.profile.rejections.insufficientInventory) ? { kind: 'rejected' } : { kind: 'unexpected' };
    },
    async release({ api }, session, id) {
      const res = await api.request('DELETE', `/api/orders/${id}`, { token: session.token, step: 'cleanup.cancel-order' });
      return res.status === 200 ? 'cancelled' : res.status === api.profile.rejections.wrongState.status ? 'already-final' : 'failed';
    },
    async closeSlot({ api }, slot, owner) {
      await api.request('DELETE', `/api/inventory/${slot.data.itemId}`, { token: owner.token, step: 'cleanup.delete-item' });
    },
  };
}
