// TripAvail as its code stands today: same expectations of correctness, another shape of conversation.
import { tripavail } from './tripavail.ts';
import type { Profile } from './types.ts';

export const tripavailLegacy: Profile = {
  ...tripavail,
  name: 'tripavail-legacy',
  title: 'TripAvail (current code)',
  routeOverrides: { getBooking: null },
  auth: { style: 'otp', otpEchoed: true, jwtExpirySeconds: 900, lockoutAfter: 5 },
  rejections: {
    ...tripavail.rejections,
    insufficientInventory: { status: 400, message: /insufficient inventory/i },
    wrongState: { status: 400, message: /cannot|must be/i },
    expiredHold: { status: 400 },
  },
  stock: { ...tripavail.stock, race: undefined },
};
