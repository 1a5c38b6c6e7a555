import type { PriceLimit } from './compiled-tariff.js';
import { decMax, decMin, type Dec } from './decimal.js';
import type { Money } from './money.js';

// Tariff min_price/max_price, Mod Tariffs §Tariff NOTEs: the bounds hold independently on the
// amount excl. VAT and on the amount incl. VAT, because mixed VAT rates can make one bound bind
// before the other.

type Bound = (amount: Dec, limit: Dec) => Dec;

/**
 * The incl. VAT amount under one limit. When the limit gives no incl_vat (it is optional in
 * 2.2.1) but its excl_vat bound moves the total, the incl. amount moves with it at the session's
 * own VAT ratio, so incl. never drifts away from excl.
 */
function boundIncl(total: Money, limit: PriceLimit, bound: Bound): Dec {
  if (limit.incl !== undefined) return bound(total.incl, limit.incl);
  const excl = bound(total.excl, limit.excl);
  if (excl.equals(total.excl)) return total.incl;
  return total.excl.isZero() ? excl : total.incl.times(excl).div(total.excl);
}

function applyLimit(total: Money, limit: PriceLimit | undefined, bound: Bound): Money {
  if (limit === undefined) return total;
  return { excl: bound(total.excl, limit.excl), incl: boundIncl(total, limit, bound) };
}

export function applyPriceLimits(total: Money, minPrice: PriceLimit | undefined, maxPrice: PriceLimit | undefined): Money {
  return applyLimit(applyLimit(total, minPrice, decMax), maxPrice, decMin);
}
