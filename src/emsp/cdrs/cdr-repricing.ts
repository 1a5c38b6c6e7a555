import { Decimal } from 'decimal.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { CdrProblem } from '../../store/tables/session-tables.js';
import type { CdrRepricing } from '../../store/tables/retail-tables.js';
import { readsLocalClock, repriceCdr, TariffError, type CdrTotals } from '../../tariff/index.js';

/** Money figures compared to the cent: CPOs round differently, and a cent is not worth a dispute. */
export const MONEY_TOLERANCE = 0.01;

const COST_FIELDS = ['total_cost', 'total_fixed_cost', 'total_energy_cost', 'total_time_cost', 'total_parking_cost', 'total_reservation_cost'] as const;

/**
 * The tariff the CDR's periods were priced with: the one every period names, or the CDR's only
 * tariff when no period names one. Null when periods name several, or only some name one (a
 * period without `tariff_id` had no tariff, OCPI 2.2.1 "CDRs", ChargingPeriod).
 */
export function appliedTariff(cdr: CDR): Tariff | null {
  const tariffs = cdr.tariffs ?? [];
  const named = cdr.charging_periods.map((p) => p.tariff_id?.toUpperCase()).filter((id) => id !== undefined);
  if (named.length === 0) return tariffs.length === 1 ? tariffs[0]! : null;
  const ids = new Set(named);
  if (named.length !== cdr.charging_periods.length || ids.size !== 1) return null;
  const [id] = ids;
  return tariffs.find((t) => t.id.toUpperCase() === id) ?? null;
}

/** One pass of the tariff engine over a received CDR: the price check, and the reason to refuse it. */
export interface CdrPricingReview {
  repricing: CdrRepricing;
  /**
   * Charging periods the engine cannot read (negative times, reservation mixed with session
   * dimensions): the CDR's own fault, so a reason to refuse it, unlike a price that differs.
   */
  unreadable: CdrProblem[];
}

/**
 * Re-prices the CDR's charging periods with the tariff it carries and compares every cost it
 * states (OCPI 2.2.1 "CDRs": the periods must let the receiver compute the cost). A difference of
 * more than a cent flags the CDR for the operator; it is not refused for it. A CdrLocation has no
 * time zone (ocpi/ocpi#517): `timeZone` is the partner Location's when we hold it. Without it, a
 * tariff that reads the local clock is not checked (a guessed zone could flip a price and raise a
 * false flag); any other tariff prices the same in every zone, so UTC is exact. A credit CDR
 * states the negated costs of the same periods.
 */
export function reviewCdrPricing(cdr: CDR, timeZone: string | null): CdrPricingReview {
  const tariff = appliedTariff(cdr);
  const stated_total_cost = cdr.total_cost.incl_vat === undefined ? { excl_vat: cdr.total_cost.excl_vat } : { excl_vat: cdr.total_cost.excl_vat, incl_vat: cdr.total_cost.incl_vat };
  const notChecked = (reason: string, extra: Partial<CdrRepricing> = {}): CdrRepricing => ({ outcome: 'NOT_CHECKED', reason, stated_total_cost, differences: [], ...extra });
  if (!tariff) return { repricing: notChecked((cdr.tariffs ?? []).length === 0 ? 'the CDR carries no tariff' : 'the charging periods do not name one tariff of the CDR'), unreadable: [] };
  // Without the zone the price is not checked, but the periods must still be readable: any zone tells that.
  const localClockUnknown = timeZone === null && readsLocalClock(tariff);
  const zone = timeZone ?? 'UTC';
  let totals: CdrTotals;
  try {
    totals = repriceCdr({ tariff, timeZone: zone, cdr });
  } catch (error) {
    if (!(error instanceof TariffError)) throw error;
    const unreadable = error.code === 'INVALID_CDR' ? [{ field: 'charging_periods', reason: error.message }] : [];
    return { repricing: notChecked(error.message, { tariff_id: tariff.id, time_zone: zone }), unreadable };
  }
  if (localClockUnknown) {
    return { repricing: notChecked("the tariff has time-of-day, date or weekday restrictions and the location's time zone is unknown", { tariff_id: tariff.id }), unreadable: [] };
  }
  const sign = cdr.credit ? -1 : 1;
  const differences: CdrRepricing['differences'] = [];
  for (const field of COST_FIELDS) {
    const stated = cdr[field];
    if (!stated) continue;
    const expected = totals[field];
    const bases: Array<['excl_vat' | 'incl_vat', number | undefined]> = [['excl_vat', stated.excl_vat], ['incl_vat', stated.incl_vat]];
    for (const [basis, value] of bases) {
      if (value === undefined) continue;
      const repriced = sign * expected[basis];
      // Decimal, so a difference of exactly one cent is not flagged for binary noise (3.31 − 3.30).
      if (new Decimal(value).minus(repriced).abs().greaterThan(MONEY_TOLERANCE)) differences.push({ field: `${field}.${basis}`, stated: value, repriced });
    }
  }
  const repricing: CdrRepricing = {
    outcome: differences.length > 0 ? 'FLAGGED' : 'MATCHED',
    tariff_id: tariff.id,
    time_zone: zone,
    stated_total_cost,
    repriced_total_cost: { excl_vat: sign * totals.total_cost.excl_vat, incl_vat: sign * totals.total_cost.incl_vat },
    differences,
  };
  return { repricing, unreadable: [] };
}
