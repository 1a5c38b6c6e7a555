import { ApiError } from '../../api/api-error.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import { repriceCdr, TariffError } from '../../tariff/index.js';
import { moneyText } from '../money.js';
import type { Agreement } from './agreement.js';

/** What a statement line bills for a CDR: decimals as text. */
export interface LinePrice {
  currency: string;
  total_excl_vat: string;
  total_incl_vat: string;
}

/**
 * The price of a CDR on a statement, by the agreement's price basis (docs/SETTLEMENT.md,
 * "Agreements"): CPO_TARIFFS bills the CDR's own total_cost; WHOLESALE re-prices the CDR's
 * charging periods with the wholesale tariff through the tariff engine, negated for a credit CDR
 * (OCPI 2.2.1 "CDRs": a credit states the negated costs of the same periods).
 */
export function linePrice(cdr: CDR, agreement: Agreement): LinePrice {
  // Statements built before wholesale price lists existed carry no tariff in their agreement: CDR prices, as then.
  if (agreement.price_basis === 'CPO_TARIFFS' || !agreement.wholesale_tariff) {
    // A CDR without incl_vat states no VAT (OCPI 2.2.1 "Types", Price: incl_vat is optional).
    return { currency: cdr.currency, total_excl_vat: moneyText(cdr.total_cost.excl_vat), total_incl_vat: moneyText(cdr.total_cost.incl_vat ?? cdr.total_cost.excl_vat) };
  }
  const tariff = agreement.wholesale_tariff;
  let totals;
  try {
    totals = repriceCdr({ tariff, timeZone: agreement.wholesale_time_zone ?? 'UTC', cdr }).total_cost;
  } catch (error) {
    if (!(error instanceof TariffError)) throw error;
    throw new ApiError(409, `CDR ${cdr.id} cannot be priced with the wholesale tariff ${tariff.id}: ${error.message}`, 'wholesale_tariff');
  }
  const sign = cdr.credit === true ? -1 : 1;
  return { currency: tariff.currency, total_excl_vat: moneyText(sign * totals.excl_vat), total_incl_vat: moneyText(sign * totals.incl_vat) };
}
