import type { MeterReading } from '../../ocpp/charger-events.js';

/**
 * Chargers often sample every few seconds, and each session update is a PATCH to the eMSP (OCPI
 * 2.2.1 "Sessions" leaves the rate to the CPO), so readings are forwarded at most once per
 * interval (`chargerMeterIntervalSeconds`). Energy is a cumulative register, so a skipped reading
 * loses nothing an energy or time tariff needs.
 */
export interface LastReading {
  at: Date | null;
  kwh: number | null;
}

export type ReadingFate =
  | 'forward'
  /** Not due yet, no energy, or not after the last one (a replayed duplicate). */
  | 'skip'
  /** The register is below the last reading: a meter swap, reset or firmware bug. Never billed as negative. */
  | 'went_back';

/**
 * What to do with a reading, `intervalMs` after the last forwarded one at the earliest.
 * `everyReading` is for tariffs that price power or current: their restrictions need each
 * sample, so none is skipped for the rate.
 */
export function fateOf(reading: MeterReading, last: LastReading, everyReading: boolean, intervalMs: number): ReadingFate {
  if (reading.energyKwh === undefined) return 'skip';
  const at = Date.parse(reading.at);
  if (last.at && at <= last.at.getTime()) return 'skip';
  if (last.kwh !== null && reading.energyKwh < last.kwh) return 'went_back';
  if (everyReading || !last.at || at - last.at.getTime() >= intervalMs) return 'forward';
  return 'skip';
}
