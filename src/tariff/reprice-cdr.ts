import { fromChargingPeriods, type ReceivedChargingPeriod } from './charging-periods.js';
import { compileTariff } from './compiled-tariff.js';
import { assertTimeZone } from './local-time.js';
import type { Tariff } from './tariff-model.js';
import { priceMeteredPeriods, type PricedTotals } from './totals.js';

export interface RepriceCdrInput {
  readonly tariff: Tariff;
  /** IANA time zone of the CDR's Location. */
  readonly timeZone: string;
  /** The CDR (or any object with its charging periods). */
  readonly cdr: { readonly charging_periods: readonly ReceivedChargingPeriod[] };
}

/**
 * Recomputes every total of a CDR from its charging periods, as an eMSP checking a CPO's CDR
 * would (Mod CDRs: the periods must let the receiver re-compute the cost). Restrictions are read
 * at each period's start: its local time, the energy of the periods before it, the time since
 * the first session period, and its MIN/MAX_POWER and MIN/MAX_CURRENT dimensions.
 */
export function repriceCdr({ tariff, timeZone, cdr }: RepriceCdrInput): PricedTotals {
  assertTimeZone(timeZone);
  return priceMeteredPeriods(compileTariff(tariff), timeZone, fromChargingPeriods(cdr.charging_periods));
}
