import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { MeterSample, Tariff, VehicleState } from '../../src/tariff/index.js';

const FIXTURES = new URL('../fixtures/tariff/', import.meta.url);

export function fixture<T = Tariff>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as T;
}

/** One stretch of a session: real (elapsed) minutes in one state, at constant power. */
export interface Leg {
  readonly minutes: number;
  readonly state: VehicleState;
  readonly kwh?: number;
  readonly powerKw?: number;
  readonly currentA?: number;
}

export function charging(minutes: number, kwh = 0, powerKw = 11, currentA = 16): Leg {
  return { minutes, state: 'CHARGING', kwh, powerKw, currentA };
}

export function parked(minutes: number): Leg {
  return { minutes, state: 'PARKED' };
}

/** A timeline starting at `localStart` (wall clock in `timeZone`) made of consecutive legs. */
export function timeline(timeZone: string, localStart: string, legs: readonly Leg[]): MeterSample[] {
  let at = DateTime.fromISO(localStart, { zone: timeZone });
  if (!at.isValid) throw new Error(`bad local start ${localStart}`);
  let energy = 0;
  const samples: MeterSample[] = [];
  for (const leg of legs) {
    samples.push({
      at: at.toUTC().toISO() ?? '',
      energyKwh: energy,
      powerKw: leg.powerKw ?? 0,
      currentA: leg.currentA ?? 0,
      state: leg.state,
    });
    at = at.plus({ milliseconds: Math.round(leg.minutes * 60_000) });
    energy = Math.round((energy + (leg.kwh ?? 0)) * 1e6) / 1e6;
  }
  samples.push({ at: at.toUTC().toISO() ?? '', energyKwh: energy, powerKw: 0, currentA: 0, state: 'PARKED' });
  return samples;
}

export function price(excl_vat: number, incl_vat: number = excl_vat): { excl_vat: number; incl_vat: number } {
  return { excl_vat, incl_vat };
}

/** A tariff with the given elements and neutral identity fields. */
export function tariffOf(elements: Tariff['elements'], extra: Partial<Tariff> = {}): Tariff {
  return { country_code: 'NL', party_id: 'EVR', id: 'T1', currency: 'EUR', elements, last_updated: '2024-01-01T00:00:00Z', ...extra };
}
