import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  previewPrice,
  priceSession,
  repriceCdr,
  type MeterSample,
  type PriceComponent,
  type PricedSession,
  type Tariff,
  type TariffElement,
  type TariffRestrictions,
} from '../../src/tariff/index.js';
import { price, tariffOf } from './support.js';

// Properties over random tariffs and sessions. Sessions start on whole minutes in January 2024
// (no DST transition in Amsterdam or New York) and charge a whole number of Wh per minute, so
// samples added on whole minutes lie exactly on the metered line.

const RUNS = { numRuns: 120 };
const BASE_UTC = Date.parse('2024-01-08T00:00:00Z');
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const money = fc.integer({ min: 0, max: 500 }).map((cents) => cents / 100);
const vat = fc.constantFrom(undefined, 0, 9, 21);
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${pad(h)}:${pad(m)}`);

const restrictions = (withKwh: boolean): fc.Arbitrary<TariffRestrictions> =>
  fc.record(
    {
      start_time: clock,
      end_time: clock,
      day_of_week: fc.subarray([...DAYS], { minLength: 1 }),
      min_duration: fc.integer({ min: 0, max: 300 }).map((m) => m * 60),
      max_duration: fc.integer({ min: 1, max: 300 }).map((m) => m * 60),
      min_power: fc.integer({ min: 0, max: 100 }),
      max_power: fc.integer({ min: 1, max: 150 }),
      min_current: fc.integer({ min: 0, max: 40 }),
      max_current: fc.integer({ min: 1, max: 64 }),
      ...(withKwh ? { min_kwh: fc.integer({ min: 0, max: 60 }), max_kwh: fc.integer({ min: 1, max: 80 }) } : {}),
    },
    { requiredKeys: [] },
  );

const component = (energyPrice?: { price: number; vat: number | undefined }): fc.Arbitrary<PriceComponent> =>
  fc.oneof(
    fc.record({
      type: fc.constant('ENERGY' as const),
      price: energyPrice ? fc.constant(energyPrice.price) : money,
      vat: energyPrice ? fc.constant(energyPrice.vat) : vat,
      step_size: fc.constantFrom(1, 100, 500, 1000),
    }),
    fc.record({ type: fc.constant('TIME' as const), price: money, vat, step_size: fc.constantFrom(1, 60, 300, 900) }),
    fc.record({ type: fc.constant('PARKING_TIME' as const), price: money, vat, step_size: fc.constantFrom(1, 60, 300, 900) }),
    fc.record({ type: fc.constant('FLAT' as const), price: money, vat, step_size: fc.constant(0) }),
  );

const element = (withKwh: boolean, energyPrice?: { price: number; vat: number | undefined }): fc.Arbitrary<TariffElement> =>
  fc.record({
    price_components: fc.array(component(energyPrice), { minLength: 1, maxLength: 3 }),
    restrictions: fc.option(restrictions(withKwh), { nil: undefined }),
  });

const tariff = (options: { withKwh?: boolean; energyPrice?: { price: number; vat: number | undefined } } = {}): fc.Arbitrary<Tariff> =>
  fc.array(element(options.withKwh ?? true, options.energyPrice), { minLength: 1, maxLength: 5 }).map((elements) => tariffOf(elements));

interface Leg {
  readonly minutes: number;
  readonly state: 'CHARGING' | 'PARKED';
  readonly whPerMinute: number;
  readonly powerKw: number;
  readonly currentA: number;
}

const leg: fc.Arbitrary<Leg> = fc.record({
  minutes: fc.integer({ min: 1, max: 90 }),
  state: fc.constantFrom('CHARGING' as const, 'PARKED' as const),
  whPerMinute: fc.integer({ min: 0, max: 400 }),
  powerKw: fc.integer({ min: 0, max: 150 }),
  currentA: fc.integer({ min: 0, max: 64 }),
});

const session = fc.record({ startMinute: fc.integer({ min: 0, max: 14 * 24 * 60 }), legs: fc.array(leg, { minLength: 1, maxLength: 6 }) });
type Session = typeof session extends fc.Arbitrary<infer S> ? S : never;

/**
 * The session's samples; `extra[i]` adds samples inside leg i at those minute offsets, and
 * `originUtc` places minute 0 (the same wall clock in another zone is another instant).
 */
function samples(s: Session, options: { extra?: readonly (readonly number[])[]; originUtc?: number; moreWh?: readonly number[] } = {}): MeterSample[] {
  const origin = options.originUtc ?? BASE_UTC;
  const at = (minute: number) => new Date(origin + minute * 60_000).toISOString();
  const out: MeterSample[] = [];
  let minute = s.startMinute;
  let wh = 0;
  s.legs.forEach((l, i) => {
    const rate = l.state === 'CHARGING' ? l.whPerMinute + (options.moreWh?.[i] ?? 0) : 0;
    const offsets = [0, ...(options.extra?.[i] ?? []).filter((k) => k > 0 && k < l.minutes)].sort((a, b) => a - b);
    for (const k of new Set(offsets)) {
      out.push({ at: at(minute + k), energyKwh: (wh + rate * k) / 1000, powerKw: l.powerKw, currentA: l.currentA, state: l.state });
    }
    minute += l.minutes;
    wh += rate * l.minutes;
  });
  out.push({ at: at(minute), energyKwh: wh / 1000, powerKw: 0, currentA: 0, state: 'PARKED' });
  return out;
}

const d = (n: number) => new Decimal(n);
const parts = (r: PricedSession, basis: 'excl_vat' | 'incl_vat') =>
  [r.total_energy_cost, r.total_time_cost, r.total_parking_cost, r.total_fixed_cost, r.total_reservation_cost].reduce((sum, p) => sum.plus(p[basis]), d(0));

const AMS = 'Europe/Amsterdam';
const NYC = 'America/New_York';

describe('properties', () => {
  it('a session cut into more samples is priced identically, periods and totals', () => {
    const extras = fc.array(fc.array(fc.integer({ min: 1, max: 89 }), { maxLength: 4 }), { maxLength: 6 });
    fc.assert(
      fc.property(tariff(), session, extras, (t, s, extra) => {
        const coarse = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s) });
        const fine = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s, { extra }) });
        expect(fine).toEqual(coarse);
      }),
      RUNS,
    );
  });

  it('total_cost equals the sum of the cost totals when no price limit is set', () => {
    fc.assert(
      fc.property(tariff(), session, (t, s) => {
        const r = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s) });
        expect(d(r.total_cost.excl_vat).equals(parts(r, 'excl_vat'))).toBe(true);
        expect(d(r.total_cost.incl_vat).equals(parts(r, 'incl_vat'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('min_price and max_price bound the total on both bases', () => {
    const limits = fc
      .tuple(money, money, fc.integer({ min: 0, max: 30 }).map((p) => 1 + p / 100), fc.boolean())
      .map(([a, b, vatFactor, withIncl]) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const incl = (x: number) => (withIncl ? { incl_vat: Math.round(x * vatFactor * 100) / 100 } : {});
        return { min_price: { excl_vat: low, ...incl(low) }, max_price: { excl_vat: high, ...incl(high) } };
      });
    fc.assert(
      fc.property(tariff(), limits, session, (t, l, s) => {
        const r = priceSession({ tariff: { ...t, ...l }, timeZone: AMS, timeline: samples(s) });
        expect(r.total_cost.excl_vat).toBeGreaterThanOrEqual(l.min_price.excl_vat);
        expect(r.total_cost.excl_vat).toBeLessThanOrEqual(l.max_price.excl_vat);
        if (l.min_price.incl_vat !== undefined && l.max_price.incl_vat !== undefined) {
          expect(r.total_cost.incl_vat).toBeGreaterThanOrEqual(l.min_price.incl_vat);
          expect(r.total_cost.incl_vat).toBeLessThanOrEqual(l.max_price.incl_vat);
        }
      }),
      RUNS,
    );
  });

  it('more energy never costs less (non-negative prices, one energy price, restrictions that do not depend on energy)', () => {
    // With energy prices that change during the session, the spec's step_size rule can make more
    // energy cheaper: see billing-rules.test.ts. Here the energy price is the same in every element.
    const energyPriced = fc.record({ price: money, vat }).chain((energyPrice) => tariff({ withKwh: false, energyPrice }));
    const more = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(energyPriced, session, more, (t, s, moreWh) => {
        const base = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s) });
        const bigger = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s, { moreWh }) });
        expect(bigger.total_energy).toBeGreaterThanOrEqual(base.total_energy);
        expect(bigger.total_cost.excl_vat).toBeGreaterThanOrEqual(base.total_cost.excl_vat);
        expect(bigger.total_cost.incl_vat).toBeGreaterThanOrEqual(base.total_cost.incl_vat);
      }),
      RUNS,
    );
  });

  it('a CDR produced by priceSession re-prices to exactly its own totals', () => {
    fc.assert(
      fc.property(tariff(), session, (t, s) => {
        const priced = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s) });
        const repriced = repriceCdr({ tariff: t, timeZone: AMS, cdr: priced });
        expect(priced).toMatchObject(repriced);
      }),
      RUNS,
    );
  });

  it('the same wall-clock session in two time zones is priced identically (no DST in the window)', () => {
    // Minute 0 is local midnight of 2024-01-08 in each zone: 23:00Z the day before in Amsterdam, 05:00Z in New York.
    const amsOrigin = Date.parse('2024-01-07T23:00:00Z');
    const nycOrigin = Date.parse('2024-01-08T05:00:00Z');
    fc.assert(
      fc.property(tariff(), session, (t, s) => {
        const ams = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s, { originUtc: amsOrigin }) });
        const nyc = priceSession({ tariff: t, timeZone: NYC, timeline: samples(s, { originUtc: nycOrigin }) });
        const shifted = nyc.charging_periods.map((p) => ({ ...p, start_date_time: new Date(Date.parse(p.start_date_time) - 6 * 3_600_000).toISOString().replace('.000Z', 'Z') }));
        expect(shifted).toEqual(ams.charging_periods);
        const { charging_periods: _a, start_date_time: _s1, end_date_time: _e1, ...amsTotals } = ams;
        const { charging_periods: _b, start_date_time: _s2, end_date_time: _e2, ...nycTotals } = nyc;
        expect(nycTotals).toEqual(amsTotals);
      }),
      RUNS,
    );
  });

  it('the same instants in two time zones are priced identically when no restriction reads the local clock', () => {
    const clockFree = (r: TariffRestrictions | undefined) => r && { ...r, start_time: undefined, end_time: undefined, day_of_week: undefined, start_date: undefined, end_date: undefined };
    fc.assert(
      fc.property(tariff(), session, (t, s) => {
        const free = { ...t, elements: t.elements.map((e) => ({ ...e, restrictions: clockFree(e.restrictions) })) };
        const ams = priceSession({ tariff: free, timeZone: AMS, timeline: samples(s) });
        expect(priceSession({ tariff: free, timeZone: 'Asia/Kathmandu', timeline: samples(s) })).toEqual(ams);
      }),
      { numRuns: 60 },
    );
  });

  it('where DST moves a boundary, only the moved part differs: 00:00–05:00 local on 2024-03-10 lasts 4 h in New York, 5 h in Amsterdam', () => {
    const t = tariffOf([
      { price_components: [{ type: 'TIME', price: 3, step_size: 1 }], restrictions: { start_time: '04:00' } },
      { price_components: [{ type: 'TIME', price: 1, step_size: 1 }] },
    ]);
    const local = (origin: string, hours: number): MeterSample[] => [
      { at: origin, energyKwh: 0, state: 'CHARGING' },
      { at: new Date(Date.parse(origin) + hours * 3_600_000).toISOString(), energyKwh: 10, state: 'PARKED' },
    ];
    const nyc = priceSession({ tariff: t, timeZone: NYC, timeline: local('2024-03-10T05:00:00Z', 4) });
    const ams = priceSession({ tariff: t, timeZone: AMS, timeline: local('2024-03-09T23:00:00Z', 5) });
    expect(nyc.total_cost).toEqual(price(6)); // 00:00–04:00 local is 3 real hours at 1 (02:00–03:00 skipped), 04:00–05:00 at 3
    expect(ams.total_cost).toEqual(price(7)); // 00:00–04:00 is 4 hours at 1, 04:00–05:00 at 3
  });

  it('a preview equals the metered session it plans, sampled every minute', () => {
    const plan = fc.record({
      startMinute: fc.integer({ min: 0, max: 14 * 24 * 60 }),
      whPerMinute: fc.integer({ min: 1, max: 400 }),
      chargingMinutes: fc.integer({ min: 1, max: 240 }),
      parkedMinutes: fc.integer({ min: 0, max: 120 }),
      currentA: fc.integer({ min: 1, max: 64 }),
    });
    fc.assert(
      fc.property(tariff(), plan, (t, p) => {
        const powerKw = (p.whPerMinute * 60) / 1000;
        const start = new Date(BASE_UTC + p.startMinute * 60_000).toISOString();
        const preview = previewPrice({
          tariff: t,
          timeZone: AMS,
          plan: { start, energyKwh: (p.whPerMinute * p.chargingMinutes) / 1000, powerKw, currentA: p.currentA, durationSeconds: (p.chargingMinutes + p.parkedMinutes) * 60 },
        });
        const s: Session = {
          startMinute: p.startMinute,
          legs: [
            { minutes: p.chargingMinutes, state: 'CHARGING', whPerMinute: p.whPerMinute, powerKw, currentA: p.currentA },
            ...(p.parkedMinutes > 0 ? [{ minutes: p.parkedMinutes, state: 'PARKED' as const, whPerMinute: 0, powerKw: 0, currentA: 0 }] : []),
          ],
        };
        const everyMinute = s.legs.map((l) => Array.from({ length: l.minutes }, (_, k) => k));
        const metered = priceSession({ tariff: t, timeZone: AMS, timeline: samples(s, { extra: everyMinute }) });
        expect(metered).toEqual(preview);
      }),
      { numRuns: 60 },
    );
  });
});
