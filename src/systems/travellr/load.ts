// Travellr under load: browse trips and a departure's availability; book a departure (paid at creation) and cancel it.
// No sign-up limit: each book VU registers its own traveller.
import { credentials, type DescribeLoad, type LoadConversation } from '../../load/conversation.ts';
import { routes } from './routes.ts';

const token = { token: 'data.token' };
const customer = 'customer' as const;

export const travellrLoad: DescribeLoad = ({ profile }): LoadConversation => ({
  signIn: {
    fresh: [{ step: 'register', route: routes.register, body: { name: '{{name}}', ...credentials, role: 'user' }, extract: token }],
    provisioned: [{ step: 'login', route: routes.login, body: credentials, extract: token }],
    check: { step: 'me', route: routes.me, as: customer },
    parties: [customer],
    sessions: 'per-vu',
  },
  // Travellr has no readiness probe: its v1 health is the best "up".
  readiness: { step: 'health', route: routes.v1Health },
  stock: [{ step: 'trips', route: routes.trips, extract: { tripId: 'data.trips.#(title=="{{stock}}").id' }, what: `trip titled "${profile.stock.hotel}"` }],
  browse: [
    { step: 'trips', route: routes.trips, expect: { 'data.trips': true } },
    { step: 'availability', route: routes.availability, params: { id: '{{tripId}}' }, query: { departureId: '{{night}}', guests: '1' }, expect: { 'data.remainingSpots': true } },
  ],
  book: {
    reserve: {
      step: 'book', route: routes.book, as: customer, soldOut: true, extract: { bookingId: 'data.booking._id' },
      body: { trip: '{{tripId}}', numberOfGuests: 1, selectedDate: '{{night}}', guestDetails: [{ name: 'Holdfast Synthetic', email: '{{email}}' }], paymentMethod: 'card' },
    },
    release: [{ step: 'cancel', route: routes.cancel, as: customer, params: { id: '{{bookingId}}' } }],
  },
  health: [{ step: 'health', route: routes.v1Health, expect: { status: 'ok' } }],
  stockName: `a trip titled "${profile.stock.hotel}" (profile ${profile.name}'s stock.hotel) with free departures 30–79 days out`,
  baseline: [
    { step: 'health', route: routes.v1Health },
    { step: 'trips', route: routes.trips },
  ],
});
