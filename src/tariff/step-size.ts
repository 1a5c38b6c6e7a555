import type { ActiveComponents } from './component-selection.js';
import { ZERO, type Dec } from './decimal.js';
import type { MeteredPeriod } from './metered-period.js';

// step_size, Mod CDRs §step_size (2.2.1-d2): applied once per session on the total billed amount
// of a dimension, never per period, with the step of the component that priced the last period
// of that dimension; the extra volume is billed in that period at that component's price, even
// if the dimension turns free afterwards (Mod Tariffs §PriceComponent, "switching to
// Free-of-Charge Tariff Element": 8 priced parking minutes become 15).
// ENERGY rounds on its own. TIME and PARKING_TIME share one rounding: when the session has priced
// parking time, only the parking total is rounded and charging time is billed as measured
// ("step_size is only taken into account for the total parking duration"); otherwise the
// charging total is rounded. Reservation time (TIME of reservation elements) rounds on its own
// (Mod Tariffs examples 16 and 17: 13 → 15 and 22 → 30 minutes).

/** Volumes a period is billed for: zero where no component priced the dimension. */
export interface BilledVolumes {
  energyKwh: Dec;
  chargingMs: number;
  parkingMs: number;
  reservationMs: number;
}

type TimeVolume = 'chargingMs' | 'parkingMs' | 'reservationMs';

function roundUpTo(total: number, step: number): number {
  const remainder = total % step;
  return remainder === 0 ? total : total + step - remainder;
}

/** Rounds one time total; false when no period bills that volume. */
function roundTime(billed: BilledVolumes[], components: readonly ActiveComponents[], volume: TimeVolume): boolean {
  const last = billed.findLastIndex((b) => b[volume] > 0);
  const lastBilled = billed[last];
  if (lastBilled === undefined) return false;
  const dimension = volume === 'parkingMs' ? 'PARKING_TIME' : 'TIME';
  const stepMs = (components[last]?.[dimension]?.stepSize ?? 0) * 1000;
  if (stepMs > 0) {
    const total = billed.reduce((sum, b) => sum + b[volume], 0);
    lastBilled[volume] += roundUpTo(total, stepMs) - total;
  }
  return true;
}

function roundEnergy(billed: BilledVolumes[], components: readonly ActiveComponents[]): void {
  const last = billed.findLastIndex((b) => b.energyKwh.greaterThan(0));
  const lastBilled = billed[last];
  const stepWh = components[last]?.ENERGY?.stepSize ?? 0;
  if (lastBilled === undefined || stepWh === 0) return;
  const totalKwh = billed.reduce((sum, b) => sum.plus(b.energyKwh), ZERO);
  const roundedKwh = totalKwh.times(1000).div(stepWh).ceil().times(stepWh).div(1000);
  lastBilled.energyKwh = lastBilled.energyKwh.plus(roundedKwh.minus(totalKwh));
}

export function billedVolumes(periods: readonly MeteredPeriod[], components: readonly ActiveComponents[]): BilledVolumes[] {
  const billed = periods.map((p, i): BilledVolumes => {
    const active = components[i] ?? {};
    const session = p.phase === 'SESSION';
    return {
      energyKwh: session && active.ENERGY ? p.energyKwh : ZERO,
      chargingMs: session && active.TIME ? p.chargingMs : 0,
      parkingMs: session && active.PARKING_TIME ? p.parkingMs : 0,
      reservationMs: !session && active.TIME ? p.reservationMs : 0,
    };
  });
  roundEnergy(billed, components);
  if (!roundTime(billed, components, 'parkingMs')) roundTime(billed, components, 'chargingMs');
  roundTime(billed, components, 'reservationMs');
  return billed;
}
