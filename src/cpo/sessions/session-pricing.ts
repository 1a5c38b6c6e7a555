import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { ChargingPeriod } from '../../ocpi/types/sessions.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import { priceSession, type CdrTotals, type MeterSample } from '../../tariff/index.js';

export interface SessionPricingInput {
  tariff: Tariff;
  /** IANA time zone of the Location: tariff restrictions read its local clock. */
  timeZone: string;
  /** The session's meter readings, start first; at least two. */
  timeline: readonly MeterSample[];
}

export interface PricedTimeline {
  /** One period per price change (OCPI 2.2.1 "CDRs", ChargingPeriod), each naming the tariff. */
  chargingPeriods: ChargingPeriod[];
  totals: CdrTotals;
}

/**
 * The one place a session's costs come from: a running session's `total_cost`, and every cost and
 * volume of its CDR. Session and CDR therefore never disagree (the price jump at session end that
 * ocpi-implementations.md §5 reports of others). Throws the engine's TariffError on input it
 * cannot price.
 */
export function priceTimeline({ tariff, timeZone, timeline }: SessionPricingInput): PricedTimeline {
  const priced = priceSession({ tariff, timeZone, timeline: withConsistentMeasurements(timeline) });
  return {
    chargingPeriods: priced.charging_periods.map((p) => ({
      start_date_time: formatOcpiDateTime(new Date(p.start_date_time)),
      dimensions: p.dimensions.map((d) => ({ type: d.type, volume: d.volume })),
      ...(p.tariff_id === undefined ? {} : { tariff_id: p.tariff_id }),
    })),
    totals: {
      total_cost: priced.total_cost,
      total_fixed_cost: priced.total_fixed_cost,
      total_energy: priced.total_energy,
      total_energy_cost: priced.total_energy_cost,
      total_time: priced.total_time,
      total_time_cost: priced.total_time_cost,
      total_parking_time: priced.total_parking_time,
      total_parking_cost: priced.total_parking_cost,
      total_reservation_cost: priced.total_reservation_cost,
    },
  };
}

/**
 * Prices a one-second probe from the session's start, so a tariff that cannot price this session
 * (malformed, not valid at the start, unknown time zone) is refused when the session starts rather
 * than at its first meter reading.
 */
export function assertPriceable(tariff: Tariff, timeZone: string, start: MeterSample): void {
  const oneSecondLater = new Date(new Date(start.at).getTime() + 1000).toISOString();
  priceTimeline({ tariff, timeZone, timeline: [start, { ...start, at: oneSecondLater }] });
}

/**
 * The engine wants power (and current) on every sample or on none. A charger reports them with its
 * meter values but rarely at session start, so they are priced only when every sample but the last
 * has them; the last one's value is never used (it holds after the session), so it is copied from
 * its predecessor.
 */
function withConsistentMeasurements(timeline: readonly MeterSample[]): MeterSample[] {
  const known = (value: (s: MeterSample) => number | undefined) => timeline.slice(0, -1).every((s) => value(s) !== undefined);
  const keepPower = timeline.length > 1 && known((s) => s.powerKw);
  const keepCurrent = timeline.length > 1 && known((s) => s.currentA);
  return timeline.map((sample, i) => {
    const previous = timeline[i - 1];
    const out: MeterSample = { at: sample.at, energyKwh: sample.energyKwh, state: sample.state };
    const powerKw = sample.powerKw ?? previous?.powerKw;
    const currentA = sample.currentA ?? previous?.currentA;
    return {
      ...out,
      ...(keepPower && powerKw !== undefined ? { powerKw } : {}),
      ...(keepCurrent && currentA !== undefined ? { currentA } : {}),
    };
  });
}
