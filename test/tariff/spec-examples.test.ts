import { describe, expect, it } from 'vitest';
import { priceSession, repriceCdr, TariffError, type Tariff } from '../../src/tariff/index.js';
import { charging, fixture, parked, price, tariffOf, timeline } from './support.js';

// Every tariff example of OCPI 2.2.1-d2 (Mod Tariffs §Examples, §PriceComponent, §TariffRestrictions),
// the CDR example, the step_size examples of Mod CDRs, and the worked examples of
// shared/reference/ocpi-spec.md §3.4. Expected amounts are worked out by hand in each test name;
// where the spec text rounds to cents, the engine's 4-decimal figure is asserted and both shown.

const TZ = 'Europe/Berlin'; // the examples are DE tariffs
const MONDAY = '2024-01-15';
const SATURDAY = '2024-01-13';

describe('Mod Tariffs examples, 2.2.1-d2', () => {
  it('tariff 1 (TIME 2.00/h, 10 % VAT, step 60 s): 2.5 h charging = 5.00 excl, 5.50 incl', () => {
    const r = priceSession({ tariff: fixture('tariff-01-simple-2hour'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(150, 20)]) });
    expect(r.total_cost).toEqual(price(5, 5.5));
    expect(r.total_time_cost).toEqual(price(5, 5.5));
    expect(r.total_time).toBe(2.5);
  });

  it('tariff 1: 150 min 20 s is billed as 151 min (step 60 s): 2 × 151/60 = 5.0333 excl, × 1.1 = 5.5367 incl', () => {
    const r = priceSession({ tariff: fixture('tariff-01-simple-2hour'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(150 + 1 / 3, 20)]) });
    expect(r.total_cost).toEqual(price(5.0333, 5.5367));
    expect(r.billed.time_hours).toBeCloseTo(151 / 60, 12);
  });

  it('tariff 2 (TIME 1.90/h, 5.2 % VAT, step 300 s): 2.5 h = 4.75 excl, 4.997 incl (the spec text rounds to 5.00)', () => {
    const r = priceSession({ tariff: fixture('tariff-02-alt-text'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(150, 20)]) });
    expect(r.total_cost).toEqual(price(4.75, 4.997));
  });

  it('tariff 3 (FLAT 0.50 + ENERGY 0.25/kWh step 100 Wh): 20.45 kWh billed as 20.5 = 5.125 + 0.50 = 5.625 excl, 0.60 + 5.6375 = 6.2375 incl (table: 5.63 / 6.24)', () => {
    const r = priceSession({ tariff: fixture('tariff-03-alt-url'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(120, 20.45)]) });
    expect(r.total_energy).toBe(20.45);
    expect(r.billed.energy_kwh).toBe(20.5);
    expect(r.total_energy_cost).toEqual(price(5.125, 5.6375));
    expect(r.total_fixed_cost).toEqual(price(0.5, 0.6));
    expect(r.total_cost).toEqual(price(5.625, 6.2375));
  });

  it('tariff 4, Monday 09:30, 165 min at 16 A then 42 min parked: FLAT 2.50 + 165 min × 1.00/h = 2.75 (not rounded: parking follows) + parking 42 → 45 min × 5.00/h = 3.75 → 9.00 excl, 2.875 + 3.30 + 4.125 = 10.30 incl', () => {
    const r = priceSession({
      tariff: fixture('tariff-04-complex'),
      timeZone: TZ,
      timeline: timeline(TZ, `${MONDAY}T09:30`, [charging(165, 25, 11, 16), parked(42)]),
    });
    expect(r.total_fixed_cost).toEqual(price(2.5, 2.875));
    expect(r.total_time_cost).toEqual(price(2.75, 3.3));
    expect(r.total_parking_cost).toEqual(price(3.75, 4.125));
    expect(r.total_cost).toEqual(price(9, 10.3));
  });

  it('tariff 4, Saturday 13:30, 114 min at 43 A then 71 min parked: FLAT 2.50 + 114 min × 1.25/h = 2.375 + parking 71 → 75 min × 6.00/h = 7.50 → 12.375 excl, 2.875 + 2.85 + 8.25 = 13.975 incl (the spec table says 12.28 / 13.861: it bills 114 min as 2.28, i.e. at 1.20/h)', () => {
    const r = priceSession({
      tariff: fixture('tariff-04-complex'),
      timeZone: TZ,
      timeline: timeline(TZ, `${SATURDAY}T13:30`, [charging(114, 40, 30, 43), parked(71)]),
    });
    expect(r.total_time_cost).toEqual(price(2.375, 2.85));
    expect(r.total_parking_cost).toEqual(price(7.5, 8.25));
    expect(r.total_cost).toEqual(price(12.375, 13.975));
  });

  it('tariff 5 (free of charge: one FLAT 0.00, no VAT): any session costs 0', () => {
    const r = priceSession({ tariff: fixture('tariff-05-free-of-charge'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(90, 30), parked(30)]) });
    expect(r.total_cost).toEqual(price(0, 0));
    expect(r.total_energy).toBe(30);
  });

  describe('tariff 6 (FLAT 0.50 + ENERGY 0.25/kWh, max_price 10.00 / 11.00, ends 2019-06-30T23:59:59Z)', () => {
    const tariff = fixture('tariff-06-025kwh-start-max-price');
    it('50 kWh: 0.50 + 12.50 = 13.00 → capped at 10.00 excl; 0.60 + 13.75 = 14.35 → capped at 11.00 incl', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, '2019-06-03T10:00', [charging(300, 50)]) });
      expect(r.total_cost).toEqual(price(10, 11));
      expect(r.total_energy_cost).toEqual(price(12.5, 13.75)); // breakdowns stay as computed
    });
    it('30 kWh: 0.50 + 7.50 = 8.00 excl, 0.60 + 8.25 = 8.85 incl (under the cap)', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, '2019-06-03T10:00', [charging(180, 30)]) });
      expect(r.total_cost).toEqual(price(8, 8.85));
    });
    it('a session starting after end_date_time cannot use it', () => {
      expect(() => priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, '2019-07-01T10:00', [charging(60, 5)]) })).toThrow(TariffError);
    });
  });

  it('tariff 8 (ENERGY 0.25/kWh, 10 % VAT): 20 kWh = 5.00 excl, 5.50 incl', () => {
    const r = priceSession({ tariff: fixture('tariff-08-simple-025kwh'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(120, 20)]) });
    expect(r.total_cost).toEqual(price(5, 5.5));
  });

  it('tariff 9 (FLAT 0.50 20 % + ENERGY 0.25/kWh 10 %): 20 kWh = 5.50 excl, 0.60 + 5.50 = 6.10 incl', () => {
    const r = priceSession({ tariff: fixture('tariff-09-025kwh-start'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(120, 20)]) });
    expect(r.total_cost).toEqual(price(5.5, 6.1));
    expect(r.total_fixed_cost).toEqual(price(0.5, 0.6));
  });

  it('tariff 10 (FLAT 0.50 + ENERGY 0.25 + PARKING 2.00/h step 900 s): 20 kWh, parked 40 → 45 min: 0.50 + 5.00 + 1.50 = 7.00 excl, 0.60 + 5.50 + 1.80 = 7.90 incl', () => {
    const r = priceSession({ tariff: fixture('tariff-10-025kwh-parking-start'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(120, 20), parked(40)]) });
    expect(r.total_parking_cost).toEqual(price(1.5, 1.8));
    expect(r.total_cost).toEqual(price(7, 7.9));
    expect(r.total_parking_time).toBeCloseTo(40 / 60, 12);
  });

  describe('tariff 11 (ad hoc: FLAT 0.40 at 25 % + TIME 1.90/h at 5.2 %, step 300 s)', () => {
    const tariff = fixture('tariff-11-not-possible-alt-text');
    it('1 h: 0.40 + 1.90 = 2.30 excl, 0.50 + 1.9988 = 2.4988 incl (the alt text "2.00 euro p/hour incl. VAT")', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(60, 10)]) });
      expect(r.total_cost).toEqual(price(2.3, 2.4988));
    });
    it('61 min is billed as 65: 1.90 × 65/60 = 2.0583 excl (2.1654 incl), total 2.4583 / 2.6654', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(61, 10)]) });
      expect(r.total_time_cost).toEqual(price(2.0583, 2.1654));
      expect(r.total_cost).toEqual(price(2.4583, 2.6654));
    });
  });

  describe('tariff 12 (ENERGY 0.25/kWh, min_price 0.50 / 0.55)', () => {
    const tariff = fixture('tariff-12-025kwh-min-price');
    it('20 kWh: 5.00 excl, 5.50 incl', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(120, 20)]) });
      expect(r.total_cost).toEqual(price(5, 5.5));
    });
    it('1 kWh (< 2 kWh): 0.25 / 0.275 is raised to the minimum 0.50 / 0.55', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(10, 1)]) });
      expect(r.total_cost).toEqual(price(0.5, 0.55));
      expect(r.total_energy_cost).toEqual(price(0.25, 0.275));
    });
  });

  it('tariff 13 (TIME 3.00/h step 60 s, PARKING 5.00/h step 300 s): 150 min charging + 42 → 45 min parked = 7.50 + 3.75 = 11.25 excl, 8.25 + 4.50 = 12.75 incl', () => {
    const r = priceSession({ tariff: fixture('tariff-13-simple-3hour-5parking'), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(150, 30), parked(42)]) });
    expect(r.total_time_cost).toEqual(price(7.5, 8.25));
    expect(r.total_parking_cost).toEqual(price(3.75, 4.5));
    expect(r.total_cost).toEqual(price(11.25, 12.75));
  });

  describe('tariff 14 (step_size when switching elements; no VAT given, so incl = excl)', () => {
    const tariff = fixture('tariff-14-step-size');
    it('#1: 16:55 charge 10 min, park 2 min: 5 min × 1.20/h = 0.10 + 5 min × 2.40/h = 0.20 + parking 2 → 15 min × 1.00/h = 0.25 → 0.55', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T16:55`, [charging(10, 2), parked(2)]) });
      expect(r.total_time_cost).toEqual(price(0.3));
      expect(r.total_parking_cost).toEqual(price(0.25));
      expect(r.total_cost).toEqual(price(0.55));
    });
    it('#2: 16:35 charge 35 min, no parking: total 35 → 45 min with the last (17:00+) step 900 s: 25 min × 1.20 = 0.50 + 20 min × 2.40 = 0.80 → 1.30', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T16:35`, [charging(35, 6)]) });
      expect(r.total_cost).toEqual(price(1.3));
      expect(r.billed.time_hours).toBe(0.75);
      expect(r.charging_periods.map((p) => p.start_date_time)).toEqual(['2024-01-15T15:35:00Z', '2024-01-15T16:00:00Z']);
    });
    it('#3: 19:40 charge 12 min, park 20 min; parking is free after 20:00: 12 min × 2.40 = 0.48, priced parking 8 → 15 min × 1.00 = 0.25 → 0.73 (older text said 0.80)', () => {
      const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T19:40`, [charging(12, 2), parked(20)]) });
      expect(r.total_time_cost).toEqual(price(0.48));
      expect(r.total_parking_cost).toEqual(price(0.25));
      expect(r.total_cost).toEqual(price(0.73));
      expect(r.total_parking_time).toBeCloseTo(20 / 60, 12);
      expect(r.billed.parking_time_hours).toBe(0.25);
    });
  });

  describe('reservation tariffs 15–18 (RESERVATION elements price the reservation phase only)', () => {
    const at = (local: string) => timeline(TZ, local, [charging(120, 20)])[0]?.at ?? '';
    const reservedSession = (minutes: number) => {
      const start = new Date(Date.parse('2024-01-15T09:00:00Z') - minutes * 60_000).toISOString();
      return { reservation: { start, end: '2024-01-15T09:00:00Z' }, timeline: timeline('UTC', '2024-01-15T09:00', [charging(120, 20)]) };
    };

    it('tariff 15: started 15 min after reserving, 20 kWh: FLAT 0.50 + 5.00 energy + 15 min × 5.00/h = 1.25 → 6.75 excl, 0.60 + 5.50 + 1.50 = 7.60 incl', () => {
      const r = priceSession({ tariff: fixture('tariff-15-reservation-5-euro-per-hour'), timeZone: TZ, ...reservedSession(15) });
      expect(r.total_reservation_cost).toEqual(price(1.25, 1.5));
      expect(r.total_cost).toEqual(price(6.75, 7.6));
      expect(r.total_time).toBe(2); // reservation time is not session time
      expect(r.charging_periods[0]?.dimensions).toEqual([{ type: 'RESERVATION_TIME', volume: 0.25 }]);
      expect(r.start_date_time).toBe('2024-01-15T08:45:00Z');
    });

    it('tariff 16: 13 min reserved → 15 (step 300 s): FLAT 2.00 + 1.25 reservation, FLAT 0.50 + 5.00 session → 8.75 excl, 2.40 + 1.50 + 0.60 + 5.50 = 10.00 incl', () => {
      const r = priceSession({ tariff: fixture('tariff-16-reservation-2-euro-fee-5-euro-per-hour'), timeZone: TZ, ...reservedSession(13) });
      expect(r.total_reservation_cost).toEqual(price(3.25, 3.9));
      expect(r.total_fixed_cost).toEqual(price(0.5, 0.6));
      expect(r.total_cost).toEqual(price(8.75, 10));
    });

    it('tariff 17, used: 22 min reserved → 30 (step 600 s) × 2.00/h = 1.00, no expiry fee: 1.00 + 0.50 + 5.00 = 6.50 excl, 1.20 + 0.60 + 5.50 = 7.30 incl', () => {
      const r = priceSession({ tariff: fixture('tariff-17-reservation-with-expire-fee'), timeZone: TZ, ...reservedSession(22) });
      expect(r.total_reservation_cost).toEqual(price(1, 1.2));
      expect(r.total_cost).toEqual(price(6.5, 7.3));
    });

    it('tariff 17, expired after 1 h, no session: expiry FLAT 4.00 + 60 min × 2.00/h = 6.00 excl, 4.80 + 2.40 = 7.20 incl', () => {
      const r = priceSession({
        tariff: fixture('tariff-17-reservation-with-expire-fee'),
        timeZone: TZ,
        timeline: [],
        reservation: { start: at(`${MONDAY}T10:00`), end: at(`${MONDAY}T11:00`) },
      });
      expect(r.total_reservation_cost).toEqual(price(6, 7.2));
      expect(r.total_cost).toEqual(price(6, 7.2));
      expect(r.total_time).toBe(0);
      expect(r.end_date_time).toBe('2024-01-15T10:00:00Z');
    });

    it('tariff 18, used: 22 min reserved → 30 × 3.00/h = 1.50; + 0.50 + 5.00 = 7.00 excl, 1.80 + 0.60 + 5.50 = 7.90 incl', () => {
      const r = priceSession({ tariff: fixture('tariff-18-reservation-with-expire-time'), timeZone: TZ, ...reservedSession(22) });
      expect(r.total_cost).toEqual(price(7, 7.9));
    });

    it('tariff 18, expired after 1.5 h: the RESERVATION_EXPIRES TIME wins, 90 min × 6.00/h = 9.00 excl, 10.80 incl', () => {
      const r = priceSession({
        tariff: fixture('tariff-18-reservation-with-expire-time'),
        timeZone: TZ,
        timeline: [],
        reservation: { start: at(`${MONDAY}T10:00`), end: at(`${MONDAY}T11:30`) },
      });
      expect(r.total_cost).toEqual(price(9, 10.8));
    });
  });
});

describe('Mod Tariffs §TariffRestrictions examples', () => {
  it('max_power: 1 kWh at 6 kW (0.20) + 40 kWh at 48 kW (0.50, fallback) + 0.5 kWh at 4 kW (0.20) = 0.20 + 20.00 + 0.10 = 20.30 excl, × 1.2 = 24.36 incl', () => {
    const r = priceSession({
      tariff: fixture('tariffrestriction-example-max-power'),
      timeZone: TZ,
      timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(10, 1, 6, 9), charging(50, 40, 48, 70), charging(7.5, 0.5, 4, 6)]),
    });
    expect(r.total_energy_cost).toEqual(price(20.3, 24.36));
    expect(r.charging_periods).toHaveLength(3);
  });

  it('max_duration: 40 min, 5 kWh in the first 30 min (free) then 1.2 kWh at 0.25 = 0.30 excl, 0.36 incl', () => {
    const r = priceSession({
      tariff: fixture('tariffrestriction-example-max-duration'),
      timeZone: TZ,
      timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(30, 5), charging(10, 1.2)]),
    });
    expect(r.total_cost).toEqual(price(0.3, 0.36));
  });

  it('max_duration, one 40 min stretch at constant rate (6.2 kWh): cut at 30 min, 6.2 × 10/40 = 1.55 kWh × 0.25 = 0.3875', () => {
    const r = priceSession({
      tariff: fixture('tariffrestriction-example-max-duration'),
      timeZone: TZ,
      timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(40, 6.2)]),
    });
    expect(r.total_cost).toEqual(price(0.3875, 0.465));
    expect(r.charging_periods.map((p) => p.dimensions[0])).toEqual([
      { type: 'ENERGY', volume: 4.65 },
      { type: 'ENERGY', volume: 1.55 },
    ]);
  });
});

describe('Mod CDRs examples', () => {
  it('CDR example: TIME 2.00/h step 300 s, 1.973 h (118.38 min) billed as 120 min = 4.00 excl, 4.40 incl', () => {
    const cdr = fixture<{ tariffs: Tariff[]; charging_periods: never[]; total_cost: unknown }>('cdr-example');
    const tariff = cdr.tariffs[0] as Tariff;
    const r = repriceCdr({ tariff, timeZone: 'Europe/Brussels', cdr });
    expect(r.total_cost).toEqual(price(4, 4.4));
    expect(r.total_cost).toEqual(cdr.total_cost);
    expect(r.total_time).toBe(1.973);
  });

  const steps = (time: number, parking: number, step: number) =>
    tariffOf([{ price_components: [{ type: 'TIME', price: time, step_size: step }, { type: 'PARKING_TIME', price: parking, step_size: step }] }]);

  it('§step_size: TIME and PARKING both step 5 min, 21 min charging + 7 min parked: charging billed 21 min (not 25), parking 10 min; at 1.20/h and 3.00/h: 0.42 + 0.50 = 0.92', () => {
    const r = priceSession({ tariff: steps(1.2, 3, 300), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(21, 3), parked(7)]) });
    expect(r.billed.time_hours).toBe(0.35);
    expect(r.total_cost).toEqual(price(0.92));
  });

  it('§step_size: 21 min charging at 1.00/h + 16 min parked at 2.00/h, step 10 min: 0.35 + 20 min = 0.6667 → 1.0167', () => {
    const r = priceSession({ tariff: steps(1, 2, 600), timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(21, 3), parked(16)]) });
    expect(r.total_time_cost).toEqual(price(0.35));
    expect(r.total_parking_cost).toEqual(price(0.6667));
    expect(r.total_cost).toEqual(price(1.0167));
  });

  it('§step_size: ENERGY 0.20 before 17:00, 0.27 after, step 500 Wh: 4.3 + 1.1 = 5.4 → 5.5 kWh, 4.3 × 0.20 + 1.2 × 0.27 = 1.184', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'ENERGY', price: 0.2, step_size: 500 }], restrictions: { end_time: '17:00' } },
      { price_components: [{ type: 'ENERGY', price: 0.27, step_size: 500 }] },
    ]);
    const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T16:30`, [charging(30, 4.3), charging(20, 1.1)]) });
    expect(r.billed.energy_kwh).toBe(5.5);
    expect(r.total_cost).toEqual(price(1.184));
  });

  it('§step_size: TIME 5/h before 17:00, 7/h after, step 10 min: 6 + 22 = 28 → 30 min, 6 min × 5 + 24 min × 7 = 0.50 + 2.80 = 3.30', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'TIME', price: 5, step_size: 600 }], restrictions: { end_time: '17:00' } },
      { price_components: [{ type: 'TIME', price: 7, step_size: 600 }] },
    ]);
    const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T16:54`, [charging(28, 5)]) });
    expect(r.total_cost).toEqual(price(3.3));
  });
});

describe('worked examples of ocpi-spec.md §3.4', () => {
  it('ENERGY 0.30 before 18:00, 0.40 after, both step 1000 Wh: 3.2 + 0.5 = 3.7 → 4.0 kWh, 3.2 × 0.30 + 0.8 × 0.40 = 1.28', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'ENERGY', price: 0.3, step_size: 1000 }], restrictions: { end_time: '18:00' } },
      { price_components: [{ type: 'ENERGY', price: 0.4, step_size: 1000 }], restrictions: { start_time: '18:00' } },
    ]);
    const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T17:00`, [charging(60, 3.2), charging(10, 0.5)]) });
    expect(r.total_cost).toEqual(price(1.28));
  });

  it('TIME 1.80/h step 60 s, PARKING 6.00/h step 600 s; 47 min 10 s charging then 13 min parked: charging exact 1.415, parking 13 → 20 min = 2.00 → 3.415', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'TIME', price: 1.8, step_size: 60 }, { type: 'PARKING_TIME', price: 6, step_size: 600 }] },
    ]);
    const r = priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, `${MONDAY}T10:00`, [charging(47 + 10 / 60, 8), parked(13)]) });
    expect(r.total_time_cost).toEqual(price(1.415));
    expect(r.total_parking_cost).toEqual(price(2));
    expect(r.total_cost).toEqual(price(3.415));
  });
});
