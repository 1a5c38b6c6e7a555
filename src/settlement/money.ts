import { Decimal } from 'decimal.js';

/**
 * Settlement's own Decimal: money is added and compared exactly, never as floats, and this module
 * never depends on (or changes) the global decimal.js configuration. Amounts are reported rounded
 * half up to 4 decimals, the resolution of OCPI prices (docs/SETTLEMENT.md).
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

const DECIMALS = 4;

/** The decimal text stored and exported: `3.3`, `-0.25`, `0`; never an exponent. */
export function moneyText(amount: Decimal.Value): string {
  return new Money(amount).toDecimalPlaces(DECIMALS).toFixed();
}

/** A stored decimal (pg gives numeric as text, PGlite may give a number) as a JSON number. */
export function moneyNumber(stored: string | number): number {
  return new Money(stored).toDecimalPlaces(DECIMALS).toNumber();
}
