import { describe, expect, it } from 'vitest';
import { priceSession, repriceCdr, TariffError, type ChargingPeriod } from '../../src/tariff/index.js';
import { charging, fixture, parked, price, tariffOf, timeline } from './support.js';

// Re-pricing a CDR from its charging periods, as an eMSP would.

const TZ = 'Europe/Amsterdam';

const cdr = (charging_periods: readonly { start_date_time: string; dimensions: { type: string; volume: number }[] }[]) => ({ charging_periods });

describe('repriceCdr', () => {
  it('an independent vector (TandemDrive ocpi-tariffs test data, tariff 14 in UTC): TIME 0.0834 h + 0.0834 h, PARKING 0.0334 h → 0.10008 + 0.20016 + 0.25 = 0.5502', () => {
    const r = repriceCdr({
      tariff: fixture('tariff-14-step-size'),
      timeZone: 'UTC',
      cdr: cdr([
        { start_date_time: '2022-01-13T16:55:00Z', dimensions: [{ type: 'TIME', volume: 0.0834 }] },
        { start_date_time: '2022-01-13T17:00:00Z', dimensions: [{ type: 'TIME', volume: 0.0834 }] },
        { start_date_time: '2022-01-13T17:02:00Z', dimensions: [{ type: 'PARKING_TIME', volume: 0.0334 }] },
      ]),
    });
    expect(r.total_cost).toEqual(price(0.5502));
    expect(r.total_time_cost).toEqual(price(0.3002));
    expect(r.total_parking_cost).toEqual(price(0.25));
  });

  it('reads restrictions at each period start: energy thresholds from the energy of earlier periods', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'ENERGY', price: 0.4, step_size: 1 }], restrictions: { max_kwh: 10 } },
      { price_components: [{ type: 'ENERGY', price: 0.2, step_size: 1 }] },
    ]);
    const r = repriceCdr({
      tariff,
      timeZone: TZ,
      cdr: cdr([
        { start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 10 }, { type: 'TIME', volume: 1 }] },
        { start_date_time: '2024-01-15T11:00:00Z', dimensions: [{ type: 'ENERGY', volume: 5 }, { type: 'TIME', volume: 0.5 }] },
      ]),
    });
    expect(r.total_cost).toEqual(price(5));
    expect(r.total_energy).toBe(15);
    expect(r.total_time).toBe(1.5);
  });

  it('a period carrying TIME and PARKING_TIME together is billed for both; MIN/MAX_POWER decide power restrictions', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { max_power: 20 } },
      { price_components: [{ type: 'TIME', price: 3, step_size: 1 }, { type: 'PARKING_TIME', price: 2, step_size: 1 }] },
    ]);
    const periods = (maxPower: number) =>
      cdr([{ start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'TIME', volume: 1 }, { type: 'PARKING_TIME', volume: 0.5 }, { type: 'MAX_POWER', volume: maxPower }] }]);
    expect(repriceCdr({ tariff, timeZone: TZ, cdr: periods(11) }).total_cost).toEqual(price(2));
    expect(repriceCdr({ tariff, timeZone: TZ, cdr: periods(50) }).total_cost).toEqual(price(4));
  });

  it('a period without power dimensions cannot be excluded by power restrictions', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { min_power: 50 } },
      { price_components: [{ type: 'TIME', price: 3, step_size: 1 }] },
    ]);
    expect(repriceCdr({ tariff, timeZone: TZ, cdr: cdr([{ start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'TIME', volume: 1 }] }]) }).total_cost).toEqual(price(1));
  });

  it('ignores dimensions it does not price (a 2.1.1-style FLAT, Session-only STATE_OF_CHARGE)', () => {
    const r = repriceCdr({
      tariff: fixture('tariff-09-025kwh-start'),
      timeZone: TZ,
      cdr: cdr([{ start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'FLAT', volume: 1 }, { type: 'STATE_OF_CHARGE', volume: 80 }, { type: 'ENERGY', volume: 20 }] }]),
    });
    expect(r.total_cost).toEqual(price(5.5, 6.1));
  });

  it('re-prices a CDR produced by priceSession to the same totals, including thresholds met between samples', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'FLAT', price: 0.35, vat: 21, step_size: 0 }] },
      { price_components: [{ type: 'ENERGY', price: 0.39, vat: 21, step_size: 250 }], restrictions: { max_kwh: 7.77 } },
      { price_components: [{ type: 'ENERGY', price: 0.29, vat: 21, step_size: 250 }] },
      { price_components: [{ type: 'TIME', price: 1.1, vat: 21, step_size: 60 }], restrictions: { start_time: '07:00', end_time: '19:13', max_current: 20 } },
      { price_components: [{ type: 'PARKING_TIME', price: 3.3, vat: 21, step_size: 300 }], restrictions: { min_duration: 5000 } },
    ]);
    const priced = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, '2024-01-15T18:01:07', [charging(37.3, 9.123, 15, 22), charging(21.7, 2.9, 7, 11), parked(49.1)]) });
    const { billed, ...totals } = repriceCdr({ tariff, timeZone: TZ, cdr: priced });
    expect(priced).toMatchObject(totals);
    expect(billed).toEqual(priced.billed);
  });

  it('refuses malformed periods', () => {
    const tariff = fixture('tariff-01-simple-2hour');
    const reprice = (periods: ChargingPeriod[]) => () => repriceCdr({ tariff, timeZone: TZ, cdr: { charging_periods: periods } });
    expect(reprice([])).toThrow(TariffError);
    expect(reprice([{ start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'TIME', volume: -1 }] }])).toThrow(/negative/);
    expect(reprice([{ start_date_time: 'yesterday', dimensions: [{ type: 'TIME', volume: 1 }] }])).toThrow(/RFC 3339/);
    expect(
      reprice([
        { start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'TIME', volume: 1 }] },
        { start_date_time: '2024-01-15T09:00:00Z', dimensions: [{ type: 'TIME', volume: 1 }] },
      ]),
    ).toThrow(/before/);
    expect(reprice([{ start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'RESERVATION_TIME', volume: 1 }, { type: 'TIME', volume: 1 }] }])).toThrow(/mixes/);
  });
});
