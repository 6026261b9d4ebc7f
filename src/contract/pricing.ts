// What a quote must cost: the contract's pricing rule, in integer cents so rounding is exact.
export const TAX_RATE_PERCENT = 10;

export interface PriceInput {
  /** Decimal string, e.g. "599.99". */
  unitPrice: string;
  nights: number;
  units: number;
  taxRatePercent?: number;
}

export interface PriceBreakdown {
  subtotal: string;
  tax: string;
  total: string;
}

export function toCents(decimal: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal);
  if (!match) throw new Error(`not a decimal amount: "${decimal}"`);
  const [, sign, whole, frac = ''] = match;
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return sign ? -cents : cents;
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
