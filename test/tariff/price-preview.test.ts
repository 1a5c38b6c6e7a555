import { describe, expect, it } from 'vitest';
import { plannedTimeline, previewPrice, priceSession, TariffError } from '../../src/tariff/index.js';
import { charging, fixture, parked, price, timeline } from './support.js';

const TZ = 'Europe/Berlin';

describe('previewPrice', () => {
  it('tariff 9: 20 kWh at 10 kW (2 h) = 0.50 + 5.00 = 5.50 excl, 6.10 incl', () => {
    const r = previewPrice({ tariff: fixture('tariff-09-025kwh-start'), timeZone: TZ, plan: { start: '2024-01-15T09:00:00Z', energyKwh: 20, powerKw: 10 } });
    expect(r.total_cost).toEqual(price(5.5, 6.1));
    expect(r.total_time).toBe(2);
  });

  it('tariff 10: 20 kWh at 10 kW, connected 2 h 40 min: 40 min parked → 45 = 1.50; 7.00 excl, 7.90 incl', () => {
    const r = previewPrice({
      tariff: fixture('tariff-10-025kwh-parking-start'),
      timeZone: TZ,
      plan: { start: '2024-01-15T09:00:00Z', energyKwh: 20, powerKw: 10, durationSeconds: 160 * 60 },
    });
    expect(r.total_cost).toEqual(price(7, 7.9));
  });

  it('tariff 14 across the 17:00 switch: 7 kWh at 12 kW from 16:35 (35 min) = 1.30, as in the spec example', () => {
    const r = previewPrice({ tariff: fixture('tariff-14-step-size'), timeZone: TZ, plan: { start: '2024-01-15T15:35:00Z', energyKwh: 7, powerKw: 12 } });
    expect(r.total_cost).toEqual(price(1.3));
  });

  it('equals the CDR of the same session metered with many samples', () => {
    const tariff = fixture('tariff-04-complex');
    const preview = previewPrice({ tariff, timeZone: TZ, plan: { start: '2024-01-15T08:30:00Z', energyKwh: 30.25, powerKw: 11, currentA: 16, durationSeconds: 4 * 3600 } });
    const minutes = (30.25 / 11) * 60;
    const legs = [...Array.from({ length: 11 }, () => charging(minutes / 11, 30.25 / 11, 11, 16)), parked(240 - minutes)];
    const metered = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, '2024-01-15T09:30', legs) });
    expect(metered.total_cost).toEqual(preview.total_cost);
    expect(metered.charging_periods).toEqual(preview.charging_periods);
  });

  it('describes the plan as a timeline: charging, then parked', () => {
    expect(plannedTimeline({ start: '2024-01-15T09:00:00Z', energyKwh: 11, powerKw: 22, currentA: 32, durationSeconds: 3600 })).toEqual([
      { at: '2024-01-15T09:00:00Z', energyKwh: 0, powerKw: 22, currentA: 32, state: 'CHARGING' },
      { at: '2024-01-15T09:30:00Z', energyKwh: 11, powerKw: 0, currentA: 0, state: 'PARKED' },
      { at: '2024-01-15T10:00:00Z', energyKwh: 11, powerKw: 0, currentA: 0, state: 'PARKED' },
    ]);
  });

  it('refuses plans that cannot happen', () => {
    const tariff = fixture('tariff-08-simple-025kwh');
    const plan = { start: '2024-01-15T09:00:00Z', energyKwh: 20, powerKw: 10 };
    expect(() => previewPrice({ tariff, timeZone: TZ, plan: { ...plan, durationSeconds: 3600 } })).toThrow(TariffError);
    expect(() => previewPrice({ tariff, timeZone: TZ, plan: { ...plan, powerKw: 0 } })).toThrow(/powerKw/);
    expect(() => previewPrice({ tariff, timeZone: TZ, plan: { ...plan, energyKwh: 0 } })).toThrow(/last some time/);
  });
});
