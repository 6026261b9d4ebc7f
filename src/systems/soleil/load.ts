// Soleil Hostel under load: browse rooms for a range and one room; book a room for one night and cancel it.
// Sign-up is limited to 5 a minute per address, a new log-in revokes the user's older tokens, and a booking needs a
// verified e-mail: setup signs one user in and every VU shares it; bookings are limited to 5 a minute per user and 20
// per address, so the book rate is planned below them.
import { credentials, type DescribeLoad, type LoadConversation } from '../../load/conversation.ts';
import { routes } from './routes.ts';

const customer = 'customer' as const;
const login = { step: 'login', route: routes.login, body: credentials, extract: { token: 'data.token' } };

export const soleilLoad: DescribeLoad = ({ profile }): LoadConversation => ({
  signIn: {
    fresh: [{ step: 'register', route: routes.register, body: { name: '{{name}}', ...credentials, password_confirmation: '{{password}}' } }, login],
    provisioned: [login],
    check: { step: 'me', route: routes.me, as: customer },
    parties: [customer],
    sessions: 'shared',
  },
  // Readiness needs an admin token, which a synthetic user must not hold: liveness is what setup can prove.
  readiness: { step: 'live', route: routes.live },
  stock: [{
    step: 'rooms', route: routes.rooms, query: { check_in: '{{night}}', check_out: '{{nextNight}}' },
    extract: { roomId: 'data.#(name=="{{stock}}").id' }, what: `room named "${profile.stock.hotel}" free on the run's first night`,
  }],
  browse: [
    { step: 'rooms', route: routes.rooms, query: { check_in: '{{night}}', check_out: '{{nextNight}}' }, expect: { data: true } },
    { step: 'room', route: routes.room, params: { id: '{{roomId}}' }, expect: { 'data.id': true } },
  ],
  book: {
    reserve: {
      step: 'book', route: routes.book, as: customer, soldOut: true, extract: { bookingId: 'data.id' },
      // 422 when the row lock sees the overlap first, 409 when the exclusion constraint catches the race.
      refusals: [{ status: 409 }],
      setupRefusals: [{ status: 403, message: 'not verified', why: 'the synthetic user\'s e-mail is not verified, and Soleil books only for verified users: give the run pre-provisioned, verified users (HOLDFAST_USERS_FILE)' }],
      body: { room_id: '{{roomId}}', check_in: '{{night}}', check_out: '{{nextNight}}', guest_name: 'Holdfast Synthetic', guest_email: '{{email}}', number_of_guests: 1 },
    },
    release: [{ step: 'cancel', route: routes.cancel, as: customer, params: { id: '{{bookingId}}' } }],
  },
  health: [{ step: 'live', route: routes.live, expect: { status: 'ok' } }],
  stockName: `a room named "${profile.stock.hotel}" (profile ${profile.name}'s stock.hotel) free on nights 30–79 days out`,
  bookLimits: [
    { perMinute: 5, per: 'user', requestsPerIteration: 1, why: 'Soleil allows 5 bookings a minute per user' },
    { perMinute: 20, per: 'client', requestsPerIteration: 1, why: 'Soleil allows 20 bookings a minute per client address' },
  ],
  baseline: [
    { step: 'live', route: routes.live },
    { step: 'rooms', route: routes.rooms, query: { check_in: '{{night}}', check_out: '{{nextNight}}' } },
  ],
});
