// The ERP under load: browse the item list; order one unit of a synthetic item (made in setup, deleted in teardown) and
// cancel the order, which restores the stock. Order creation is limited to 5 a minute per client address, whoever signs
// in, so the book rate is planned below it (pre-provisioned users do not lift it).
import { credentials, type DescribeLoad, type LoadConversation } from '../../load/conversation.ts';
import { routes } from './routes.ts';

const customer = 'customer' as const;
const login = { step: 'login', route: routes.login, body: credentials, extract: { token: 'accessToken' } };

export const erpLoad: DescribeLoad = (): LoadConversation => ({
  signIn: {
    fresh: [{ step: 'register', route: routes.register, body: { name: 'Holdfast Synthetic', ...credentials, role: 'CLERK' } }, login],
    provisioned: [login],
    // No "me" route: the item list is the cheapest read that needs a signed-in user.
    check: { step: 'inventory', route: routes.listInventory, as: customer, query: { page: '1', limit: '1' } },
    parties: [customer],
    sessions: 'per-vu',
  },
  readiness: { step: 'ready', route: routes.ready, expect: { status: 'ready' } },
  stock: [{
    step: 'item', route: routes.createItem, as: customer, body: { name: 'Holdfast load stock {{runId}}', sku: 'HF-LOAD-{{runId}}', unitPrice: 10 },
    extract: { itemId: 'data.id', unitPrice: 'data.unitPrice' }, what: 'synthetic inventory item (POST by setup\'s user)',
  }],
  teardown: [{ step: 'delete-item', route: routes.deleteItem, as: customer, params: { id: '{{itemId}}' } }],
  browse: [{ step: 'inventory', route: routes.listInventory, as: customer, query: { page: '{{page}}', limit: '25' }, expect: { data: true } }],
  book: {
    reserve: {
      step: 'order', route: routes.createOrder, as: customer, soldOut: true, extract: { orderId: 'data.id' },
      body: { customerName: 'Holdfast Synthetic', customerEmail: '{{email}}', items: [{ inventoryItemId: '{{itemId}}', quantity: 1, unitPrice: '{{unitPrice}}' }] },
    },
    release: [{ step: 'cancel', route: routes.cancelOrder, as: customer, params: { id: '{{orderId}}' } }],
  },
  health: [{ step: 'health', route: routes.health, expect: { status: 'ok' } }],
  stockName: 'a synthetic inventory item with stock (created by setup; the sandbox gives it 3 units)',
  bookLimits: [{ perMinute: 5, per: 'client', requestsPerIteration: 1, why: 'the ERP allows 5 order creations a minute per client address' }],
  baseline: [
    { step: 'health', route: routes.health },
    { step: 'ready', route: routes.ready },
    { step: 'inventory', route: routes.listInventory, as: customer, query: { page: '1', limit: '25' } },
  ],
});
