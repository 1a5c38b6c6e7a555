import type { CompiledTariff } from './compiled-tariff.js';
import { Dec, ZERO } from './decimal.js';
import { wallClockBoundaries } from './local-time.js';
import type { MeteredPeriod } from './metered-period.js';
import type { Range } from './restrictions.js';
import { ENERGY_DECIMALS, energyBetween, quantizeEnergy, type Sample } from './timeline.js';

// Period splitting, Mod CDRs §ChargingPeriod: a new period starts wherever another price
// component may become active. Cuts go at every sample (state, power and current change there),
// at every local clock time a time or date restriction names (DST-aware, see local-time.ts), at
// each min/max_duration, and where session energy reaches each min/max_kwh. The result is fine
// grained; period-merging.ts joins what turns out to be priced alike.

const HALF_RESOLUTION = new Dec(10).pow(-ENERGY_DECIMALS).div(2);
const UNMEASURED: Range = { min: undefined, max: undefined };

function measured(value: Dec | undefined): Range {
  return { min: value, max: value };
}

/**
 * First whole ms in (a, b) from which the *reported* (quantized) session energy is ≥ `thresholdKwh`,
 * so the cut sits exactly where restriction evaluation on reported volumes flips.
 */
function energyCrossing(a: Sample, b: Sample, thresholdKwh: Dec): number | undefined {
  const level = thresholdKwh.toDecimalPlaces(ENERGY_DECIMALS, Dec.ROUND_CEIL).minus(HALF_RESOLUTION);
  if (a.energyKwh.greaterThanOrEqualTo(level) || b.energyKwh.lessThan(level)) return undefined;
  const exact = level.minus(a.energyKwh).times(b.ms - a.ms).div(b.energyKwh.minus(a.energyKwh)).plus(a.ms);
  const cut = exact.ceil().toNumber();
  return cut > a.ms && cut < b.ms ? cut : undefined;
}

function sortedCuts(cuts: Iterable<number>): number[] {
  return [...new Set(cuts)].sort((x, y) => x - y);
}

export function splitSession(tariff: CompiledTariff, timeZone: string, samples: readonly Sample[]): MeteredPeriod[] {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) return [];
  const cuts = samples.map((s) => s.ms);
  cuts.push(...wallClockBoundaries(first.ms, last.ms, timeZone, tariff.clockBoundaries));
  for (const d of tariff.durationThresholdsMs) if (d > 0 && first.ms + d < last.ms) cuts.push(first.ms + d);
  samples.forEach((a, i) => {
    const b = samples[i + 1];
    if (b === undefined) return;
    for (const k of tariff.kwhThresholds) {
      const cut = energyCrossing(a, b, k);
      if (cut !== undefined) cuts.push(cut);
    }
  });

  const instants = sortedCuts(cuts);
  const periods: MeteredPeriod[] = [];
  let interval = 0;
  let energyAtStart = ZERO;
  for (let j = 0; j + 1 < instants.length; j++) {
    const start = instants[j] as number;
    const end = instants[j + 1] as number;
    while ((samples[interval + 1]?.ms ?? Infinity) <= start) interval++;
    const a = samples[interval] as Sample;
    const b = samples[interval + 1] as Sample;
    const energyAtEnd = quantizeEnergy(energyBetween(a, b, end));
    const charging = a.state === 'CHARGING';
    periods.push({
      phase: 'SESSION',
      startMs: start,
      chargingMs: charging ? end - start : 0,
      parkingMs: charging ? 0 : end - start,
      reservationMs: 0,
      energyKwh: energyAtEnd.minus(energyAtStart),
      power: measured(a.power),
      current: measured(a.current),
    });
    energyAtStart = energyAtEnd;
  }
  return periods;
}

export function splitReservation(tariff: CompiledTariff, timeZone: string, startMs: number, endMs: number): MeteredPeriod[] {
  const cuts = [startMs, endMs, ...wallClockBoundaries(startMs, endMs, timeZone, tariff.clockBoundaries)];
  for (const d of tariff.durationThresholdsMs) if (d > 0 && startMs + d < endMs) cuts.push(startMs + d);
  const instants = sortedCuts(cuts);
  return instants.slice(0, -1).map((start, j) => ({
    phase: 'RESERVATION',
    startMs: start,
    chargingMs: 0,
    parkingMs: 0,
    reservationMs: (instants[j + 1] as number) - start,
    energyKwh: ZERO,
    power: UNMEASURED,
    current: UNMEASURED,
  }));
}
