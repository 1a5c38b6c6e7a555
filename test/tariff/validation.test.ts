import { describe, expect, it } from 'vitest';
import { priceSession, TariffError, type MeterSample, type Tariff } from '../../src/tariff/index.js';
import { charging, fixture, tariffOf, timeline } from './support.js';

// The engine refuses what it cannot price correctly rather than guessing.

const TZ = 'Europe/Amsterdam';
const simple = fixture('tariff-08-simple-025kwh');
const session = timeline(TZ, '2024-01-15T10:00', [charging(60, 10)]);

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TariffError) return error.code;
    throw error;
  }
  return undefined;
}

describe('input validation', () => {
  it('time zone', () => {
    expect(code(() => priceSession({ tariff: simple, timeZone: 'Mars/Olympus', timeline: session }))).toBe('INVALID_TIME_ZONE');
  });

  it.each<[string, Tariff]>([
    ['no elements', tariffOf([])],
    ['no components', tariffOf([{ price_components: [] }])],
    ['unknown dimension', tariffOf([{ price_components: [{ type: 'POWER' as 'TIME', price: 1, step_size: 1 }] }])],
    ['fractional step_size', tariffOf([{ price_components: [{ type: 'TIME', price: 1, step_size: 1.5 }] }])],
    ['price not a number', tariffOf([{ price_components: [{ type: 'TIME', price: Number.NaN, step_size: 1 }] }])],
    ['bad start_time', tariffOf([{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { start_time: '24:00' } }])],
    ['bad end_date', tariffOf([{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { end_date: '2024-13-01' } }])],
    ['bad day_of_week', tariffOf([{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { day_of_week: ['FUNDAY' as 'MONDAY'] } }])],
    ['negative min_duration', tariffOf([{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { min_duration: -1 } }])],
  ])('tariff: %s', (_name, tariff) => {
    expect(code(() => priceSession({ tariff, timeZone: TZ, timeline: session }))).toBe('INVALID_TARIFF');
  });

  const sample = (at: string, energyKwh: number, extra: Partial<MeterSample> = {}): MeterSample => ({ at, energyKwh, state: 'CHARGING', ...extra });
  it.each<[string, MeterSample[]]>([
    ['a single sample', [sample('2024-01-15T10:00:00Z', 0)]],
    ['no samples and no reservation', []],
    ['time going backwards', [sample('2024-01-15T10:00:00Z', 0), sample('2024-01-15T09:00:00Z', 1)]],
    ['two samples at one instant', [sample('2024-01-15T10:00:00Z', 0), sample('2024-01-15T10:00:00Z', 1)]],
    ['a decreasing energy register', [sample('2024-01-15T10:00:00Z', 5), sample('2024-01-15T11:00:00Z', 4)]],
    ['power on some samples only', [sample('2024-01-15T10:00:00Z', 0, { powerKw: 11 }), sample('2024-01-15T11:00:00Z', 4)]],
    ['an unknown state', [sample('2024-01-15T10:00:00Z', 0, { state: 'IDLE' as 'PARKED' }), sample('2024-01-15T11:00:00Z', 4)]],
    ['a bad timestamp', [sample('2024-01-15 10:00', 0), sample('2024-01-15T11:00:00Z', 4)]],
  ])('timeline: %s', (_name, samples) => {
    expect(code(() => priceSession({ tariff: simple, timeZone: TZ, timeline: samples }))).toBe('INVALID_TIMELINE');
  });

  it('a tariff not yet valid when the session starts', () => {
    const future = tariffOf(simple.elements, { start_date_time: '2030-01-01T00:00:00Z' });
    expect(code(() => priceSession({ tariff: future, timeZone: TZ, timeline: session }))).toBe('TARIFF_NOT_ACTIVE');
  });

  it('a timestamp without offset is UTC (OCPI types §DateTime)', () => {
    const r = priceSession({ tariff: simple, timeZone: TZ, timeline: [sample('2024-01-15T10:00:00', 0), sample('2024-01-15T11:00:00', 4)] });
    expect(r.start_date_time).toBe('2024-01-15T10:00:00Z');
  });
});
