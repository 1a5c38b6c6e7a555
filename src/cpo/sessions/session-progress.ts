import type { Session } from '../../ocpi/types/sessions.js';
import type { MeterSample } from '../../tariff/index.js';
import type { StoredChargePoint } from '../../store/tables/session-tables.js';
import { priceTimeline, type PricedTimeline } from './session-pricing.js';

export type SessionFigures = Pick<Session, 'kwh' | 'charging_periods' | 'total_cost'>;

/**
 * What a session reports from its meter readings. While it runs, only the periods that have ended
 * are listed: the last one still grows, and a receiver appends PATCHed periods rather than
 * replacing them (OCPI 2.2.1 "Sessions", PATCH), so an open period sent now could never be
 * corrected. `kwh` and `total_cost` include the running period. Before a second reading there is
 * nothing to price: `total_cost` stays absent, which OCPI reads as "not known", not "free".
 */
export function sessionFigures(timeline: readonly MeterSample[], chargePoint: StoredChargePoint, ended: boolean): { figures: SessionFigures; priced: PricedTimeline | null } {
  if (timeline.length < 2) return { figures: { kwh: 0, charging_periods: [] }, priced: null };
  const priced = priceTimeline({ tariff: chargePoint.tariff, timeZone: chargePoint.time_zone, timeline });
  const periods = ended ? priced.chargingPeriods : priced.chargingPeriods.slice(0, -1);
  return { figures: { kwh: priced.totals.total_energy, charging_periods: periods, total_cost: priced.totals.total_cost }, priced };
}
