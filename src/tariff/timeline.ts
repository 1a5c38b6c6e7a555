import { Dec } from './decimal.js';
import { parseInstant } from './local-time.js';
import { TariffError } from './tariff-error.js';

// The metering timeline of a session: what the charge point measured.

/** PARKED: connected but not requesting power (Mod CDRs §PARKING_TIME, 2.2.1-d2). */
export type VehicleState = 'CHARGING' | 'PARKED';

/**
 * One metering sample. The session runs from the first sample to the last; `state`, `powerKw`
 * and `currentA` hold from a sample until the next one (the last sample's are not used), and
 * energy grows linearly between samples.
 */
export interface MeterSample {
  /** RFC 3339 instant. */
  readonly at: string;
  /** Cumulative meter register, kWh; the session's energy counts from the first sample. */
  readonly energyKwh: number;
  /** Power, kW; give it on every sample or on none. */
  readonly powerKw?: number;
  /** Current summed over phases, A; give it on every sample or on none. */
  readonly currentA?: number;
  readonly state: VehicleState;
}

/** A reservation held before the session: from when it was made until the session started or it expired. */
export interface ReservationWindow {
  readonly start: string;
  readonly end: string;
}

export interface Sample {
  readonly ms: number;
  /** Session energy so far, kWh, exact. */
  readonly energyKwh: Dec;
  readonly power: Dec | undefined;
  readonly current: Dec | undefined;
  readonly state: VehicleState;
}

/**
 * Energy resolution of reported volumes: 1 mWh, a thousandth of the ENERGY step unit. Session
 * energy at every period boundary is rounded (half up) to it, so each ENERGY volume in a CDR is an
 * exact decimal that re-prices to the same amount (see docs/TARIFFS.md "Resolution").
 */
export const ENERGY_DECIMALS = 6;

export function quantizeEnergy(kwh: Dec): Dec {
  return kwh.toDecimalPlaces(ENERGY_DECIMALS, Dec.ROUND_HALF_UP);
}

function invalid(message: string): never {
  throw new TariffError('INVALID_TIMELINE', message);
}

function measurement(value: number | undefined, where: string): Dec | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value)) invalid(`${where} must be a finite number`);
  return new Dec(value);
}

export function parseTimeline(samples: readonly MeterSample[]): Sample[] {
  if (samples.length === 1) invalid('a session needs at least two samples: its start and its end');
  const origin = samples[0]?.energyKwh ?? 0;
  const parsed = samples.map((s, i): Sample => {
    const where = `timeline[${i}]`;
    if (s.state !== 'CHARGING' && s.state !== 'PARKED') invalid(`${where}.state must be CHARGING or PARKED`);
    const energy = measurement(s.energyKwh, `${where}.energyKwh`) ?? invalid(`${where}.energyKwh is missing`);
    return {
      ms: parseInstant(s.at, `${where}.at`, 'INVALID_TIMELINE'),
      energyKwh: energy.minus(origin),
      power: measurement(s.powerKw, `${where}.powerKw`),
      current: measurement(s.currentA, `${where}.currentA`),
      state: s.state,
    };
  });
  parsed.forEach((s, i) => {
    const previous = parsed[i - 1];
    if (previous === undefined) return;
    if (s.ms <= previous.ms) invalid(`timeline[${i}].at must be after the previous sample`);
    if (s.energyKwh.lessThan(previous.energyKwh)) invalid(`timeline[${i}].energyKwh must not decrease (cumulative register)`);
    // Mixed known/unknown values would let a merged period hide a restriction one part failed.
    if ((s.power === undefined) !== (previous.power === undefined)) invalid('powerKw must be given on every sample or on none');
    if ((s.current === undefined) !== (previous.current === undefined)) invalid('currentA must be given on every sample or on none');
  });
  return parsed;
}

/** Session energy at `ms` inside the interval from `a` to `b`, linearly interpolated, exact. */
export function energyBetween(a: Sample, b: Sample, ms: number): Dec {
  if (ms <= a.ms) return a.energyKwh;
  if (ms >= b.ms) return b.energyKwh;
  return a.energyKwh.plus(b.energyKwh.minus(a.energyKwh).times(ms - a.ms).div(b.ms - a.ms));
}
