import type { CompiledComponent } from './compiled-tariff.js';
import { Dec, ZERO } from './decimal.js';

// Money stays exact (40 significant digits) until a figure is reported. Rounding policy (OCPI
// leaves rounding to law and contract, Mod Tariffs §Tariff NOTE): each reported cost total is
// rounded once, half up, to 4 decimals; total_cost is the sum of those rounded totals, then
// bounded by min_price/max_price. See docs/TARIFFS.md.

const MONEY_DECIMALS = 4;

/** An amount before and after VAT, exact. */
export interface Money {
  readonly excl: Dec;
  readonly incl: Dec;
}

/** OCPI 2.2.1 Price as the engine reports it: incl_vat is always given. */
export interface CdrPrice {
  readonly excl_vat: number;
  readonly incl_vat: number;
}

export const NO_MONEY: Money = { excl: ZERO, incl: ZERO };

export function addMoney(a: Money, b: Money): Money {
  return { excl: a.excl.plus(b.excl), incl: a.incl.plus(b.incl) };
}

/**
 * `units` (kWh, hours, or 1 for FLAT) at the component's price. VAT is per component, so a
 * session mixing dimensions has no single VAT rate (§PriceComponent vat: absent means no VAT).
 */
export function componentCost(component: CompiledComponent, units: Dec): Money {
  const excl = component.price.times(units);
  return { excl, incl: component.vatRate === undefined ? excl : excl.times(component.vatRate.plus(1)) };
}

export function roundMoney(amount: Money): Money {
  return {
    excl: amount.excl.toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_HALF_UP),
    incl: amount.incl.toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_HALF_UP),
  };
}

export function toCdrPrice(amount: Money): CdrPrice {
  const rounded = roundMoney(amount);
  return { excl_vat: rounded.excl.toNumber(), incl_vat: rounded.incl.toNumber() };
}
