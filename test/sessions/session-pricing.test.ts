import { describe, expect, it } from 'vitest';
import { priceTimeline } from '../../src/cpo/sessions/session-pricing.js';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import { repriceCdr, type MeterSample } from '../../src/tariff/index.js';
import { TARIFF } from './pair.js';

const tariff = TARIFF as Tariff;
const sample = (minutes: number, energyKwh: number, extra: Partial<MeterSample> = {}): MeterSample => ({ at: new Date(Date.UTC(2025, 2, 4, 9, minutes)).toISOString(), energyKwh, state: 'CHARGING', ...extra });

describe('session pricing', () => {
  it('gives periods that re-price to the totals it reports, as the eMSP checks them', () => {
    const timeline = [sample(0, 1000), sample(20, 1004), sample(40, 1007, { state: 'PARKED' }), sample(55, 1007)];
    const priced = priceTimeline({ tariff, timeZone: 'Europe/Amsterdam', timeline });
    expect(priced.totals.total_energy).toBe(7);
    expect(priced.totals.total_cost).toEqual({ excl_vat: 3.1, incl_vat: 3.751 });
    const repriced = repriceCdr({ tariff, timeZone: 'Europe/Amsterdam', cdr: { charging_periods: priced.chargingPeriods } });
    expect(repriced.total_cost).toEqual(priced.totals.total_cost);
    expect(priced.chargingPeriods.map((p) => p.start_date_time)).toEqual(['2025-03-04T09:00:00.000Z', '2025-03-04T09:40:00.000Z']);
  });

  it('reports power once every reading but the last has it, and leaves it out otherwise', () => {
    const withPower = priceTimeline({ tariff, timeZone: 'UTC', timeline: [sample(0, 0, { powerKw: 11 }), sample(30, 5, { powerKw: 7 }), sample(60, 8)] });
    expect(withPower.chargingPeriods[0]!.dimensions).toContainEqual({ type: 'MAX_POWER', volume: 11 });
    expect(withPower.chargingPeriods[0]!.dimensions).toContainEqual({ type: 'MIN_POWER', volume: 7 });
    // The charger reported no power at session start: no power figures rather than a refusal.
    const startWithout = priceTimeline({ tariff, timeZone: 'UTC', timeline: [sample(0, 0), sample(30, 5, { powerKw: 7 }), sample(60, 8)] });
    expect(startWithout.chargingPeriods[0]!.dimensions.map((d) => d.type)).toEqual(['ENERGY', 'TIME']);
  });
});
