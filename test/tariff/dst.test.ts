import { describe, expect, it } from 'vitest';
import { priceSession, repriceCdr, type MeterSample, type TariffElement } from '../../src/tariff/index.js';
import { price, tariffOf } from './support.js';

// DST: restrictions follow the local wall clock, which skips an hour in spring and repeats one in
// autumn; durations and volumes are real elapsed time. Sessions here are given in UTC so the real
// length is unambiguous.

const time = (p: number, restrictions?: TariffElement['restrictions']): TariffElement => ({
  price_components: [{ type: 'TIME', price: p, step_size: 1 }],
  restrictions,
});

function chargeUtc(fromUtc: string, toUtc: string): MeterSample[] {
  return [
    { at: fromUtc, energyKwh: 0, state: 'CHARGING' },
    { at: toUtc, energyKwh: 10, state: 'PARKED' },
  ];
}

function run(timeZone: string, elements: TariffElement[], fromUtc: string, toUtc: string) {
  return priceSession({ tariff: tariffOf(elements), timeZone, timeline: chargeUtc(fromUtc, toUtc) });
}

describe('Europe/Amsterdam', () => {
  it('spring forward (2024-03-31 02:00 CET → 03:00 CEST): the 02:00–03:00 element never applies; 01:30–03:30 local is 1 real hour at 1/h', () => {
    const r = run('Europe/Amsterdam', [time(10, { start_time: '02:00', end_time: '03:00' }), time(1)], '2024-03-31T00:30:00Z', '2024-03-31T01:30:00Z');
    expect(r.total_time).toBe(1);
    expect(r.total_cost).toEqual(price(1));
    expect(r.charging_periods).toHaveLength(1);
  });

  it('spring forward: 00:00–03:00 local at 2/h covers only 2 real hours; 00:00–04:00 local = 2 × 2 + 1 × 1 = 5.00', () => {
    const r = run('Europe/Amsterdam', [time(2, { start_time: '00:00', end_time: '03:00' }), time(1)], '2024-03-30T23:00:00Z', '2024-03-31T02:00:00Z');
    expect(r.total_time).toBe(3);
    expect(r.total_cost).toEqual(price(5));
    expect(r.charging_periods.map((p) => p.start_date_time)).toEqual(['2024-03-30T23:00:00Z', '2024-03-31T01:00:00Z']);
  });

  it('fall back (2024-10-27 03:00 CEST → 02:00 CET): 02:00–03:00 happens twice, 2 real hours at 10/h; 01:30 CEST–03:30 CET = 0.5 + 20 + 0.5 = 21.00', () => {
    const r = run('Europe/Amsterdam', [time(10, { start_time: '02:00', end_time: '03:00' }), time(1)], '2024-10-26T23:30:00Z', '2024-10-27T02:30:00Z');
    expect(r.total_time).toBe(3);
    expect(r.total_cost).toEqual(price(21));
    expect(r.charging_periods.map((p) => p.start_date_time)).toEqual(['2024-10-26T23:30:00Z', '2024-10-27T00:00:00Z', '2024-10-27T02:00:00Z']);
  });

  it('fall back: the Sunday lasts 25 real hours, so a SUNDAY element bills 25 h', () => {
    const r = run('Europe/Amsterdam', [time(1, { day_of_week: ['SUNDAY'] })], '2024-10-26T12:00:00Z', '2024-10-28T12:00:00Z');
    expect(r.total_cost).toEqual(price(25));
  });

  it('a restriction starting inside the repeated hour (02:30) flips on, off at the jump back, and on again', () => {
    // 02:30–04:00 at 3/h: 00:30Z–01:00Z (02:30–03:00 CEST) and 01:30Z–03:00Z (02:30–04:00 CET) = 2 h.
    const r = run('Europe/Amsterdam', [time(3, { start_time: '02:30', end_time: '04:00' }), time(0)], '2024-10-27T00:00:00Z', '2024-10-27T04:00:00Z');
    expect(r.total_cost).toEqual(price(6));
  });

  it('min_duration counts real time across the jump: 2 h after a 01:00 CET start is 04:00 CEST', () => {
    const r = run('Europe/Amsterdam', [time(1, { max_duration: 7200 }), time(5)], '2024-03-31T00:00:00Z', '2024-03-31T03:00:00Z');
    expect(r.charging_periods[1]?.start_date_time).toBe('2024-03-31T02:00:00Z');
    expect(r.total_cost).toEqual(price(7));
  });
});

describe('America/New_York', () => {
  it('spring forward (2024-03-10 02:00 EST → 03:00 EDT): 01:00–04:00 local at 3/h is 2 real hours; 00:00–05:00 local = 3 × 2 + 1 × 2 = 8.00', () => {
    const r = run('America/New_York', [time(3, { start_time: '01:00', end_time: '04:00' }), time(1)], '2024-03-10T05:00:00Z', '2024-03-10T09:00:00Z');
    expect(r.total_time).toBe(4);
    expect(r.total_cost).toEqual(price(8));
  });

  it('fall back (2024-11-03 02:00 EDT → 01:00 EST): 01:00–02:00 happens twice; 00:30 EDT–02:30 EST = 0.5 + 2 × 5 + 0.5 = 11.00', () => {
    const r = run('America/New_York', [time(5, { start_time: '01:00', end_time: '02:00' }), time(1)], '2024-11-03T04:30:00Z', '2024-11-03T07:30:00Z');
    expect(r.total_time).toBe(3);
    expect(r.total_cost).toEqual(price(11));
  });

  it('fall back: a night rate 22:00–06:00 lasts 9 real hours that night; 21:00 EDT–07:00 EST = 1 × 4 + 9 × 1 + 1 × 4 = 17.00', () => {
    const r = run('America/New_York', [time(1, { start_time: '22:00', end_time: '06:00' }), time(4)], '2024-11-03T01:00:00Z', '2024-11-03T12:00:00Z');
    expect(r.total_time).toBe(11);
    expect(r.total_cost).toEqual(price(17));
  });

  it('the same UTC night priced in Amsterdam, where no transition happens then: 22:00–06:00 lasts 8 hours', () => {
    // 2024-11-02T21:00Z–2024-11-03T08:00Z is 22:00–09:00 CET: 8 h night at 1/h + 3 h at 4/h = 20.00.
    const r = run('Europe/Amsterdam', [time(1, { start_time: '22:00', end_time: '06:00' }), time(4)], '2024-11-02T21:00:00Z', '2024-11-03T08:00:00Z');
    expect(r.total_cost).toEqual(price(20));
  });
});

describe('re-pricing across DST', () => {
  it.each([
    ['Europe/Amsterdam', '2024-10-26T22:00:00Z', '2024-10-27T04:00:00Z'],
    ['Europe/Amsterdam', '2024-03-30T22:00:00Z', '2024-03-31T04:00:00Z'],
    ['America/New_York', '2024-11-03T03:00:00Z', '2024-11-03T09:00:00Z'],
    ['America/New_York', '2024-03-10T04:00:00Z', '2024-03-10T10:00:00Z'],
  ])('%s %s: the CDR re-prices to its own totals', (timeZone, from, to) => {
    const tariff = tariffOf([time(7, { start_time: '01:30', end_time: '02:30' }), time(2, { day_of_week: ['SUNDAY'] }), time(1)]);
    const priced = priceSession({ tariff, timeZone, timeline: chargeUtc(from, to) });
    expect(priced).toMatchObject(repriceCdr({ tariff, timeZone, cdr: priced }));
  });
});
