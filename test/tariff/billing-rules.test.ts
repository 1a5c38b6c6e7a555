import { describe, expect, it } from 'vitest';
import { priceSession, type Tariff, type TariffElement } from '../../src/tariff/index.js';
import { charging, parked, price, tariffOf, timeline } from './support.js';

// FLAT once, step_size once per session, min/max price, money rounding.

const TZ = 'Europe/Amsterdam';
const MONDAY = '2024-01-15';

function run(tariff: Tariff, localStart: string, legs: Parameters<typeof timeline>[2]) {
  return priceSession({ tariff, timeZone: TZ, timeline: timeline(TZ, localStart, legs) });
}

describe('FLAT is charged once per session', () => {
  it('two elements with a FLAT each, the session crossing from one to the other: only the first FLAT (1.00) is billed', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'FLAT', price: 1, step_size: 0 }, { type: 'ENERGY', price: 0.2, step_size: 1 }], restrictions: { end_time: '12:00' } },
      { price_components: [{ type: 'FLAT', price: 3, step_size: 0 }, { type: 'ENERGY', price: 0.3, step_size: 1 }] },
    ]);
    const r = run(tariff, `${MONDAY}T11:00`, [charging(120, 20)]);
    expect(r.total_fixed_cost).toEqual(price(1));
    expect(r.total_cost).toEqual(price(1 + 2 + 3));
  });

  it('a FLAT active in every one of many periods is still billed once', () => {
    const tariff = tariffOf([
      { price_components: [{ type: 'FLAT', price: 0.5, vat: 20, step_size: 1 }] },
      { price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { start_time: '10:00', end_time: '11:00' } },
      { price_components: [{ type: 'TIME', price: 2, step_size: 1 }] },
    ]);
    const r = run(tariff, `${MONDAY}T09:30`, [charging(30, 3), parked(10), charging(60, 5), parked(30), charging(20, 2)]);
    expect(r.charging_periods.length).toBeGreaterThan(3);
    expect(r.total_fixed_cost).toEqual(price(0.5, 0.6));
  });

  it('a FLAT that only becomes active later (min_duration 1 h) is billed once, when it activates', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'FLAT', price: 2, step_size: 0 }], restrictions: { min_duration: 3600 } }]);
    expect(run(tariff, `${MONDAY}T10:00`, [charging(50, 5)]).total_fixed_cost).toEqual(price(0));
    expect(run(tariff, `${MONDAY}T10:00`, [charging(150, 5)]).total_fixed_cost).toEqual(price(2));
  });
});

describe('step_size, once per session on the total (Mod CDRs §step_size)', () => {
  it('ENERGY: the rounding extra is billed at the last priced ENERGY component even when energy turns free later', () => {
    // 0.40/kWh step 1000 Wh until 18:00, free (no ENERGY component) after: 2.3 kWh priced → 3 kWh, all at 0.40.
    const tariff = tariffOf([
      { price_components: [{ type: 'ENERGY', price: 0.4, step_size: 1000 }], restrictions: { end_time: '18:00' } },
      { price_components: [{ type: 'TIME', price: 0, step_size: 1 }] },
    ]);
    const r = run(tariff, `${MONDAY}T17:00`, [charging(60, 2.3), charging(60, 5)]);
    expect(r.billed.energy_kwh).toBe(3);
    expect(r.total_energy_cost).toEqual(price(1.2));
  });

  it('step_size 0 means no rounding', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'TIME', price: 6, step_size: 0 }] }]);
    expect(run(tariff, `${MONDAY}T10:00`, [charging(1)]).total_cost).toEqual(price(0.1));
  });

  it('a priced PARKING_TIME component at price 0 still counts as priced parking: charging time is then not rounded', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'TIME', price: 6, step_size: 3600 }, { type: 'PARKING_TIME', price: 0, step_size: 3600 }] }]);
    const r = run(tariff, `${MONDAY}T10:00`, [charging(10, 1), parked(5)]);
    expect(r.total_time_cost).toEqual(price(1));
    expect(r.billed.parking_time_hours).toBe(1);
  });

  it('without priced parking, charging time is rounded with the last TIME step, even if unpriced parking follows', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'TIME', price: 6, step_size: 900 }] }]);
    const r = run(tariff, `${MONDAY}T10:00`, [charging(10, 1), parked(50)]);
    expect(r.billed.time_hours).toBe(0.25);
    expect(r.total_cost).toEqual(price(1.5));
  });

  it('consequence of the rule (not a bug): with prices that change during the session, more energy can cost less', () => {
    // ocpi-spec.md worked example: 3.2 kWh before 18:00 at 0.30 + 0.5 after at 0.40, step 1000 Wh → 1.28.
    // With 3.3 kWh before 18:00 the total is 3.8 → 4.0 kWh: 3.3 × 0.30 + 0.7 × 0.40 = 1.27.
    const tariff = tariffOf([
      { price_components: [{ type: 'ENERGY', price: 0.3, step_size: 1000 }], restrictions: { end_time: '18:00' } },
      { price_components: [{ type: 'ENERGY', price: 0.4, step_size: 1000 }] },
    ]);
    expect(run(tariff, `${MONDAY}T17:00`, [charging(60, 3.2), charging(10, 0.5)]).total_cost).toEqual(price(1.28));
    expect(run(tariff, `${MONDAY}T17:00`, [charging(60, 3.3), charging(10, 0.5)]).total_cost).toEqual(price(1.27));
  });
});

describe('min_price / max_price on both VAT bases', () => {
  const energyAt = (vat: number | undefined, extra: Partial<Tariff>, more: TariffElement[] = []) =>
    tariffOf([{ price_components: [{ type: 'ENERGY', price: 0.25, vat, step_size: 1 }] }, ...more], extra);

  it('bounds apply independently: the excl. bound binds while the incl. amount is already above its bound', () => {
    // FLAT 1.00 at 100 % VAT + ENERGY 0.25 (no VAT) × 12 kWh: 4.00 excl, 5.00 incl; min 4.50 / 4.90 → 4.50 / 5.00.
    const tariff = tariffOf(
      [{ price_components: [{ type: 'FLAT', price: 1, vat: 100, step_size: 0 }, { type: 'ENERGY', price: 0.25, step_size: 1 }] }],
      { min_price: { excl_vat: 4.5, incl_vat: 4.9 } },
    );
    expect(run(tariff, `${MONDAY}T10:00`, [charging(60, 12)]).total_cost).toEqual(price(4.5, 5));
  });

  it('max_price binds each basis on its own: 12.00 / 13.20 under max 10.00 / 13.00 → 10.00 / 13.00', () => {
    const r = run(energyAt(10, { max_price: { excl_vat: 10, incl_vat: 13 } }), `${MONDAY}T10:00`, [charging(240, 48)]);
    expect(r.total_cost).toEqual(price(10, 13));
  });

  it('a limit without incl_vat moves the incl. amount at the session VAT ratio: 1 kWh = 0.25 / 0.275, min 0.50 excl → 0.50 / 0.55', () => {
    expect(run(energyAt(10, { min_price: { excl_vat: 0.5 } }), `${MONDAY}T10:00`, [charging(10, 1)]).total_cost).toEqual(price(0.5, 0.55));
  });

  it('a zero-cost session raised to a min_price without incl_vat: incl. = excl.', () => {
    expect(run(energyAt(10, { min_price: { excl_vat: 0.5 } }), `${MONDAY}T10:00`, [parked(10)]).total_cost).toEqual(price(0.5, 0.5));
  });

  it('when no bound binds, total_cost is the sum of the parts; when one binds, the parts stay as computed', () => {
    const r = run(energyAt(10, { min_price: { excl_vat: 1, incl_vat: 1.1 }, max_price: { excl_vat: 9, incl_vat: 9.9 } }), `${MONDAY}T10:00`, [charging(60, 12)]);
    expect(r.total_cost).toEqual(price(3, 3.3));
    const capped = run(energyAt(10, { max_price: { excl_vat: 9, incl_vat: 9.9 } }), `${MONDAY}T10:00`, [charging(240, 48)]);
    expect(capped.total_cost).toEqual(price(9, 9.9));
    expect(capped.total_energy_cost).toEqual(price(12, 13.2));
  });
});

describe('money rounding: each reported total to 4 decimals, half up; total_cost adds the rounded parts', () => {
  it('1 s of TIME at 1.00/h = 0.000277… → 0.0003', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }] }]);
    expect(run(tariff, `${MONDAY}T10:00`, [charging(1 / 60)]).total_cost).toEqual(price(0.0003));
  });

  it('0.00005 of energy and 0.00005 of time each round up to 0.0001, so total_cost is 0.0002, the sum of what the CDR shows', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'ENERGY', price: 0.5, step_size: 0 }, { type: 'TIME', price: 0.18, step_size: 0 }] }]);
    const r = run(tariff, `${MONDAY}T10:00`, [charging(1 / 60, 0.0001)]);
    expect(r.total_energy_cost).toEqual(price(0.0001));
    expect(r.total_time_cost).toEqual(price(0.0001));
    expect(r.total_cost).toEqual(price(0.0002));
  });

  it('VAT is per component: 10 kWh at 0.25 + 10 % and 1 h at 2.00 + 21 % = 4.50 excl, 2.75 + 2.42 = 5.17 incl', () => {
    const tariff = tariffOf([{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10, step_size: 1 }, { type: 'TIME', price: 2, vat: 21, step_size: 1 }] }]);
    expect(run(tariff, `${MONDAY}T10:00`, [charging(60, 10)]).total_cost).toEqual(price(4.5, 5.17));
  });
});
