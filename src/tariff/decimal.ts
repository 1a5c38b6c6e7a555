import { Decimal } from 'decimal.js';

// A private Decimal constructor so the engine's precision never depends on, or changes, the
// global decimal.js configuration another module may set.
// 40 significant digits keep every intermediate (price × hours, interpolated kWh) far below the
// 4-decimal money resolution; ROUND_HALF_UP is the rounding used wherever the engine rounds.
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export const ZERO: Dec = new Dec(0);

export function decMin(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

export function decMax(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}
