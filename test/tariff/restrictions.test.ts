import { describe, expect, it } from 'vitest';
import { priceSession, type TariffElement } from '../../src/tariff/index.js';
import { charging, parked, price, tariffOf, timeline } from './support.js';

// Element choice per dimension and each TariffRestrictions field (Mod Tariffs §Tariff,
// §TariffRestrictions). Local times are Europe/Amsterdam; 2024-01-15 is a Monday.

const TZ = 'Europe/Amsterdam';
const time = (p: number, restrictions?: TariffElement['restrictions'], step = 1): TariffElement => ({
  price_components: [{ type: 'TIME', price: p, step_size: step }],
  restrictions,
});
const energy = (p: number, restrictions?: TariffElement['restrictions']): TariffElement => ({
  price_components: [{ type: 'ENERGY', price: p, step_size: 1 }],
  restrictions,
});

function cost(elements: TariffElement[], localStart: string, legs: Parameters<typeof timeline>[2]) {
  return priceSession({ tariff: tariffOf(elements), timeZone: TZ, timeline: timeline(TZ, localStart, legs) });
}

describe('element choice', () => {
  it('per dimension independently: ENERGY from a later element while TIME comes from the first', () => {
    const r = cost(
      [
        { price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { start_time: '08:00' } },
        { price_components: [{ type: 'ENERGY', price: 0.5, step_size: 1 }, { type: 'TIME', price: 9, step_size: 1 }] },
      ],
      '2024-01-15T10:00',
      [charging(60, 10)],
    );
    expect(r.total_time_cost).toEqual(price(1));
    expect(r.total_energy_cost).toEqual(price(5));
  });

  it('the first matching element wins even when a later one is cheaper', () => {
    expect(cost([time(4), time(1)], '2024-01-15T10:00', [charging(60)]).total_cost).toEqual(price(4));
  });

  it('a dimension no element prices is free (PARKING_TIME here)', () => {
    const r = cost([time(2)], '2024-01-15T10:00', [charging(60), parked(60)]);
    expect(r.total_parking_cost).toEqual(price(0));
    expect(r.total_parking_time).toBe(1);
    expect(r.total_time).toBe(2);
  });

  it('a duplicate component of one dimension inside an element: the first counts', () => {
    const element: TariffElement = { price_components: [{ type: 'TIME', price: 3, step_size: 1 }, { type: 'TIME', price: 7, step_size: 1 }] };
    expect(cost([element], '2024-01-15T10:00', [charging(60)]).total_cost).toEqual(price(3));
  });
});

describe('start_time / end_time', () => {
  it('start inclusive, end exclusive: 09:00–10:00 at 6/h, else 1/h; 08:30–10:30 = 0.5 + 6 + 0.5 = 7.00', () => {
    const r = cost([time(6, { start_time: '09:00', end_time: '10:00' }), time(1)], '2024-01-15T08:30', [charging(120)]);
    expect(r.total_cost).toEqual(price(7));
    expect(r.charging_periods.map((p) => p.start_date_time)).toEqual(['2024-01-15T07:30:00Z', '2024-01-15T08:00:00Z', '2024-01-15T09:00:00Z']);
  });

  it('wrapping midnight: 22:00–06:00 night rate 0.5/h, day 3/h; 21:00–07:00 = 1 h × 3 + 8 h × 0.5 + 1 h × 3 = 10.00', () => {
    const r = cost([time(0.5, { start_time: '22:00', end_time: '06:00' }), time(3)], '2024-01-15T21:00', [charging(600)]);
    expect(r.total_cost).toEqual(price(10));
    expect(r.charging_periods).toHaveLength(3);
  });

  it('end_time 00:00 means end of day: 20:00–00:00 at 2/h; 23:00–01:00 = 1 h × 2 + 1 h × 1 = 3.00', () => {
    expect(cost([time(2, { start_time: '20:00', end_time: '00:00' }), time(1)], '2024-01-15T23:00', [charging(120)]).total_cost).toEqual(price(3));
  });

  it('only start_time, or only end_time', () => {
    expect(cost([time(5, { start_time: '18:00' }), time(1)], '2024-01-15T17:00', [charging(120)]).total_cost).toEqual(price(6));
    expect(cost([time(5, { end_time: '18:00' }), time(1)], '2024-01-15T17:00', [charging(120)]).total_cost).toEqual(price(6));
  });

  it('equal start and end times cover the whole day (a full wrap)', () => {
    expect(cost([time(5, { start_time: '08:00', end_time: '08:00' }), time(1)], '2024-01-15T07:00', [charging(120)]).total_cost).toEqual(price(10));
  });
});

describe('start_date / end_date / day_of_week (local calendar)', () => {
  it('start_date inclusive, end_date exclusive: 2024-01-16 only at 4/h; 2024-01-15 22:00 → 2024-01-17 02:00 = 2 + 96 + 2 = 100.00', () => {
    const r = cost([time(4, { start_date: '2024-01-16', end_date: '2024-01-17' }), time(1)], '2024-01-15T22:00', [charging(28 * 60)]);
    expect(r.total_cost).toEqual(price(100));
  });

  it('day_of_week at local midnight: Sunday 3/h else 1/h; Sat 23:00 → Mon 01:00 = 1 + 72 + 1 = 74.00', () => {
    const r = cost([time(3, { day_of_week: ['SUNDAY'] }), time(1)], '2024-01-13T23:00', [charging(26 * 60)]);
    expect(r.total_cost).toEqual(price(74));
  });

  it('day_of_week uses the local date, not UTC: Monday 00:30 Amsterdam is Sunday 23:30 UTC', () => {
    expect(cost([time(3, { day_of_week: ['MONDAY'] }), time(1)], '2024-01-15T00:00', [charging(60)]).total_cost).toEqual(price(3));
  });
});

describe('min_kwh / max_kwh (session energy so far)', () => {
  it('first 10 kWh at 0.40, then 0.20: 25 kWh in one stretch is cut where 10 kWh is reached = 4.00 + 3.00 = 7.00', () => {
    const r = cost([energy(0.4, { max_kwh: 10 }), energy(0.2, { min_kwh: 10 })], '2024-01-15T10:00', [charging(150, 25)]);
    expect(r.total_cost).toEqual(price(7));
    expect(r.charging_periods.map((p) => p.start_date_time)).toEqual(['2024-01-15T09:00:00Z', '2024-01-15T10:00:00Z']);
    expect(r.charging_periods.map((p) => p.dimensions[0]?.volume)).toEqual([10, 15]);
  });

  it('a threshold reached between whole milliseconds: the cut is the first millisecond at or past it', () => {
    // 1 kWh in 7 s: 1/3 kWh is reached at 2333.33 ms, so the cut is at 2334 ms.
    const r = cost([energy(3, { max_kwh: 1 / 3 }), energy(0)], '2024-01-15T10:00', [charging(7 / 60, 1)]);
    expect(r.charging_periods[1]?.start_date_time).toBe('2024-01-15T09:00:02.334Z');
    const first = r.charging_periods[0]?.dimensions[0]?.volume ?? 0;
    expect(first).toBe(0.333429); // 1 × 2334/7000, to the 1 mWh resolution
    expect(r.total_cost.excl_vat).toBe(1.0003);
  });

  it('the cut is the first millisecond where the reported (1 mWh) energy reaches the threshold, not the exact one', () => {
    // 6.48 kW = 1.8 mWh per ms; max_kwh 0.000004: the exact crossing is at 2.22 ms, but at 2 ms the
    // session has 0.0000036 kWh, reported as 0.000004, so the next period starts at 2 ms.
    const r = cost([energy(1000, { max_kwh: 0.000004 }), energy(0)], '2024-01-15T10:00', [charging(1, 0.108, 6.48)]);
    expect(r.charging_periods[1]?.start_date_time).toBe('2024-01-15T09:00:00.002Z');
    expect(r.charging_periods[0]?.dimensions[0]).toEqual({ type: 'ENERGY', volume: 0.000004 });
  });
});

describe('min_current / max_current and min_power / max_power (instantaneous)', () => {
  const currentTariff = [energy(0.3, { max_current: 32 }), energy(0.5, { min_current: 32 })];

  it('min inclusive, max exclusive at exactly 32 A: 32 A is the min_current element', () => {
    expect(cost(currentTariff, '2024-01-15T10:00', [charging(60, 10, 22, 32)]).total_cost).toEqual(price(5));
  });

  it('crossing back and forth re-activates elements: 16 A (0.30) → 40 A (0.50) → 16 A (0.30)', () => {
    const r = cost(currentTariff, '2024-01-15T10:00', [charging(30, 5, 11, 16), charging(30, 10, 22, 40), charging(30, 5, 11, 16)]);
    expect(r.total_cost).toEqual(price(8));
    expect(r.charging_periods).toHaveLength(3);
  });

  it('power bands (max_power 16, max_power 32, fallback) with MIN/MAX_POWER reported per period', () => {
    const r = cost([energy(0.2, { max_power: 16 }), energy(0.35, { max_power: 32 }), energy(0.5)], '2024-01-15T10:00', [
      charging(30, 5, 10, 16),
      charging(30, 6, 12, 16),
      charging(30, 10, 20, 32),
    ]);
    expect(r.total_cost).toEqual(price(5.7)); // 11 kWh × 0.20 + 10 kWh × 0.35
    expect(r.charging_periods[0]?.dimensions).toEqual(
      expect.arrayContaining([
        { type: 'MIN_POWER', volume: 10 },
        { type: 'MAX_POWER', volume: 12 },
      ]),
    );
  });
});

describe('min_duration / max_duration (from session start, parking included)', () => {
  it('parking is free for the first hour of the session, 2/h after: 50 min charging + 40 min parked = 30 min billed', () => {
    const r = cost(
      [
        { price_components: [{ type: 'PARKING_TIME', price: 2, step_size: 1 }], restrictions: { min_duration: 3600 } },
        { price_components: [{ type: 'PARKING_TIME', price: 0, step_size: 1 }] },
      ],
      '2024-01-15T10:00',
      [charging(50, 8), parked(40)],
    );
    expect(r.total_parking_cost).toEqual(price(1));
    expect(r.billed.parking_time_hours).toBe(40 / 60);
  });

  it('min_duration inclusive, max_duration exclusive at the same instant: exactly one element at a time', () => {
    const r = cost([time(1, { max_duration: 1800 }), time(3, { min_duration: 1800 })], '2024-01-15T10:00', [charging(60)]);
    expect(r.total_cost).toEqual(price(2));
  });
});

describe('several restrictions combine with AND', () => {
  it('weekday peak 17:00–20:00 at 0.60/kWh, else 0.30: Saturday evening is off-peak', () => {
    const elements = [energy(0.6, { start_time: '17:00', end_time: '20:00', day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] }), energy(0.3)];
    expect(cost(elements, '2024-01-13T17:30', [charging(60, 10)]).total_cost).toEqual(price(3));
    expect(cost(elements, '2024-01-15T17:30', [charging(60, 10)]).total_cost).toEqual(price(6));
  });
});
