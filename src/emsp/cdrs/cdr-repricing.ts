import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { CdrProblem } from '../../store/tables/session-tables.js';
import { repriceCdr, TariffError, type CdrTotals } from '../../tariff/index.js';

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

/**
 * Re-prices the CDR's charging periods with the tariff it carries and compares every cost it
 * states (OCPI 2.2.1 "CDRs": the periods must let the receiver compute the cost). Only where that
 * is computable: one tariff applied, and no restriction on the local clock, because a CdrLocation
 * carries no time zone (ocpi/ocpi#517) and any guess could flip a price. A credit CDR states the
 * negated costs of the same periods.
 */
export function repricingProblems(cdr: CDR, tariff: Tariff | null): CdrProblem[] {
  if (!tariff || readsLocalClock(tariff)) return [];
  let totals: CdrTotals;
  try {
    totals = repriceCdr({ tariff, timeZone: 'UTC', cdr });
  } catch (error) {
    if (!(error instanceof TariffError)) throw error;
    // Periods that cannot be read are the CDR's fault; a tariff the engine refuses is not computable.
    return error.code === 'INVALID_CDR' ? [{ field: 'charging_periods', reason: error.message }] : [];
  }
  const sign = cdr.credit ? -1 : 1;
  const problems: CdrProblem[] = [];
  for (const field of COST_FIELDS) {
    const stated = cdr[field];
    if (!stated) continue;
    const expected = totals[field];
    const bases = [['excl_vat', stated.excl_vat, expected.excl_vat]] as Array<[string, number, number]>;
    if (stated.incl_vat !== undefined) bases.push(['incl_vat', stated.incl_vat, expected.incl_vat]);
    for (const [basis, value, computed] of bases) {
      if (Math.abs(sign * value - computed) > MONEY_TOLERANCE) {
        problems.push({ field: `${field}.${basis}`, reason: `is ${value}, but tariff ${tariff.id} applied to the charging periods gives ${sign * computed}` });
      }
    }
  }
  return problems;
}

function readsLocalClock(tariff: Tariff): boolean {
  return tariff.elements.some(({ restrictions: r }) => r !== undefined && [r.start_time, r.end_time, r.start_date, r.end_date, r.day_of_week].some((v) => v !== undefined));
}
