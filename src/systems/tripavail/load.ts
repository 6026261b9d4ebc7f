// TripAvail under load (both profiles): browse the package list, a search and a detail; book quote → hold → (pay → confirm)
// → cancel. Routes are the contract's names, resolved with the profile's overrides (TripAvail today: OTP only, cancel
// only from CONFIRMED). Each book VU signs its own user in.
import { credentials, type DescribeLoad, type LoadConversation, type LoadRequest } from '../../load/conversation.ts';

const customer = 'customer' as const;

function signInRequests(auth: 'password' | 'otp' | 'token'): { fresh: LoadRequest[]; provisioned: LoadRequest[] } {
  if (auth === 'otp') {
    const otp: LoadRequest[] = [
      { step: 'otp-start', route: 'otpStart', body: { channel: 'email', email: '{{email}}', purpose: 'login' }, extract: { code: 'code' }, what: 'OTP start (the target must echo OTP codes: test mode)' },
      { step: 'otp-verify', route: 'otpVerify', body: { channel: 'email', email: '{{email}}', code: '{{code}}' }, extract: { token: 'accessToken' }, what: 'OTP verify with the echoed code was refused' },
    ];
    return { fresh: otp, provisioned: otp };
  }
  if (auth === 'token') return { fresh: [], provisioned: [] };
  return {
    fresh: [{ step: 'register', route: 'register', body: credentials, extract: { token: 'accessToken' } }],
    provisioned: [{ step: 'login', route: 'login', body: credentials, extract: { token: 'accessToken' } }],
  };
}

export const tripavailLoad: DescribeLoad = ({ profile, auth }): LoadConversation => {
  const onlyConfirmed = !!profile.lifecycle?.cancel?.from && !profile.lifecycle.cancel.from.includes('HOLD');
  return {
    signIn: { ...signInRequests(auth), check: { step: 'me', route: 'me', as: customer }, parties: [customer], sessions: 'per-vu' },
    readiness: { step: 'readiness', route: 'readiness' },
    stock: [{
      step: 'stock', route: 'listHotelPackages', query: { status: 'PUBLISHED', search: '{{stock}}' },
      extract: { hotelId: 'items.#(name=="{{stock}}").id' }, what: `published package named "${profile.stock.hotel}"`,
    }],
    browse: [
      { step: 'list', route: 'listHotelPackages', query: { status: 'PUBLISHED', page: '{{page}}', pageSize: '2' }, expect: { items: true } },
      { step: 'search', route: 'listHotelPackages', query: { status: 'PUBLISHED', search: '{{stock}}' } },
      { step: 'detail', route: 'getHotelPackage', params: { id: '{{hotelId}}' }, expect: { id: '{{hotelId}}' } },
    ],
    book: {
      prepare: [{
        step: 'quote', route: 'quote', as: customer, extract: { quoteId: 'id' },
        body: { packageType: 'HOTEL_PACKAGE', packageId: '{{hotelId}}', checkInDate: '{{night}}', checkOutDate: '{{nextNight}}', numberOfGuests: 1, numberOfRooms: 1 },
      }],
      reserve: { step: 'hold', route: 'hold', as: customer, soldOut: true, body: { quoteId: '{{quoteId}}' }, headers: { 'Idempotency-Key': '{{runId}}-{{quoteId}}' }, extract: { holdId: 'id' } },
      confirm: [
        { step: 'pay', route: 'preAuthorize', as: customer, body: { bookingId: '{{holdId}}', paymentMethodId: '{{paymentMethod}}', idempotencyKey: '{{runId}}-pay-{{holdId}}' } },
        { step: 'confirm', route: 'confirm', as: customer, params: { id: '{{holdId}}' } },
      ],
      // Where a hold can be cancelled, every other booking is sold; where only a confirmed one can (today's code), every one.
      sell: onlyConfirmed ? 'always' : 'alternate',
      release: [{ step: 'cancel', route: 'cancel', as: customer, params: { id: '{{holdId}}' } }],
      releaseNeedsConfirm: onlyConfirmed,
    },
    health: [{ step: 'readiness', route: 'readiness', expect: { status: 'ready' } }],
    // Nights 30–79 days out: inside the 90 nights of seeded stock, clear of the race package (62+ days, another package).
    nights: { fromDays: 30, span: 50 },
    stockName: `a published package named "${profile.stock.hotel}" (profile ${profile.name}'s stock.hotel)`,
    // The contract's baseline keeps its own read-only journey and catalog comparison (src/baseline/compare.ts).
    baseline: [],
  };
};
