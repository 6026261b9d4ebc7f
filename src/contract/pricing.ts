// What a quote must cost: the contract's pricing rule, in integer cents so rounding is exact.
export const TAX_RATE_PERCENT = 10;

export interface PriceInput {
  /** A decimal string ("599.99") or a number (599.99). */
  unitPrice: string | number;
  nights: number;
  units: number;
  taxRatePercent?: number;
}

export interface PriceBreakdown {
  subtotal: string;
  tax: string;
  total: string;
}

/** Money (a number or a decimal string) in whole cents, rounded half away from zero; anything else is an error. */
export function toCents(amount: string | number): number {
  const n = typeof amount === 'number' ? amount : /^-?\d+(\.\d+)?$/.test(amount.trim()) ? Number(amount) : Number.NaN;
  if (!Number.isFinite(n)) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  // toFixed first: 0.285 * 100 is 28.499999999999996 in binary floating point.
  const scaled = Number((Math.abs(n) * 100).toFixed(6));
  return Math.sign(n) * Math.round(scaled);
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** subtotal = unit × nights × units; tax = rate % of subtotal, rounded half up to the cent; total = subtotal + tax. */
export function priceOf({ unitPrice, nights, units, taxRatePercent = TAX_RATE_PERCENT }: PriceInput): PriceBreakdown {
  const subtotal = toCents(unitPrice) * nights * units;
  const tax = Math.round((subtotal * taxRatePercent) / 100);
  return { subtotal: fromCents(subtotal), tax: fromCents(tax), total: fromCents(subtotal + tax) };
}

/** Whole nights between two YYYY-MM-DD dates. */
export function nightsBetween(checkIn: string, checkOut: string): number {
  return Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000);
}
