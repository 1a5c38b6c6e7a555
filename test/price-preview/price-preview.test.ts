import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceTimeline } from '../../src/cpo/sessions/session-pricing.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { ChargingPeriod, Session } from '../../src/ocpi/types/sessions.js';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import { startPair, TOKEN, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

/** Energy 0.35 from 07:00 to 22:00 local, else 0.25; 0.60 per charging hour; parking 2.40/h in 5-minute steps; 0.99 per session. */
const DAY_NIGHT = {
  id: 'DAY-NIGHT',
  currency: 'EUR',
  elements: [
    { price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }], restrictions: { start_time: '07:00', end_time: '22:00' } },
    {
      price_components: [
        { type: 'ENERGY', price: 0.25, vat: 21, step_size: 1 },
        { type: 'TIME', price: 0.6, vat: 21, step_size: 60 },
        { type: 'PARKING_TIME', price: 2.4, vat: 21, step_size: 300 },
        { type: 'FLAT', price: 0.99, vat: 21, step_size: 1 },
      ],
    },
  ],
};
/** What a payment terminal session pays: 0.59 per kWh. */
const AD_HOC = { id: 'AD-HOC', currency: 'EUR', type: 'AD_HOC_PAYMENT', elements: [{ price_components: [{ type: 'ENERGY', price: 0.59, vat: 21, step_size: 1 }] }] };

const connector = (id: string, tariffIds: string[], extra: Record<string, unknown> = {}) => ({ id, standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, tariff_ids: tariffIds, last_updated: '2025-01-01T00:00:00Z', ...extra });
const LOCATION = {
  publish: true,
  name: 'Domplein',
  address: 'Domplein 1',
  city: 'Utrecht',
  country: 'NLD',
  coordinates: { latitude: '52.090737', longitude: '5.121420' },
  time_zone: 'Europe/Amsterdam',
  evses: [
    { uid: 'EVSE-1', evse_id: 'NL*CPO*E0010*1', status: 'AVAILABLE', connectors: [connector('1', ['DAY-NIGHT', 'AD-HOC'], { max_electric_power: 11000 }), connector('2', ['AD-HOC'])], last_updated: '2025-01-01T00:00:00Z' },
    { uid: 'EVSE-2', evse_id: 'NL*CPO*E0010*2', status: 'AVAILABLE', connectors: [connector('1', ['DAY-NIGHT'])], last_updated: '2025-01-01T00:00:00Z' },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};

// 21:00 in Utrecht (UTC+1 in March).
const START = '2025-03-04T20:00:00.000Z';
const at = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000).toISOString();
const price = (excl: number, incl: number) => ({ excl_vat: excl, incl_vat: incl });
/** Periods without the power the plan assumed (a charger's meter readings at session start carry none). */
const metered = (periods: ChargingPeriod[]) => periods.map((p) => ({ ...p, dimensions: p.dimensions.filter((d) => !d.type.endsWith('_POWER')) }));
const TOTAL_FIELDS = ['total_cost', 'total_fixed_cost', 'total_energy', 'total_energy_cost', 'total_time', 'total_time_cost', 'total_parking_time', 'total_parking_cost', 'total_reservation_cost'] as const;
const totalsOf = (priced: Record<string, unknown>) => Object.fromEntries(TOTAL_FIELDS.map((f) => [f, priced[f]]));

describe.each(backends)('price preview on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
    for (const tariff of [DAY_NIGHT, AD_HOC]) {
      const put = await pair.cpo.api('PUT', `/parties/NL-CPO/tariffs/${tariff.id}`, tariff);
      if (put.status !== 201) throw new Error(JSON.stringify(put.body));
    }
    const put = await pair.cpo.api('PUT', '/parties/NL-CPO/locations/LOC-P', LOCATION);
    if (put.status !== 201) throw new Error(JSON.stringify(put.body));
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const preview = (body: Record<string, unknown>) => pair.cpo.api<Record<string, unknown> & { charging_periods: ChargingPeriod[] }>('POST', '/tariffs/preview', { party: 'NL-CPO', location_id: 'LOC-P', evse_uid: 'EVSE-1', start: START, ...body });

  it("prices a plan with the connector's tariff on the location's clock, charging at the connector's power", async () => {
    // 22 kWh at 11 kW: 21:00–23:00 local, then an hour parked.
    const reply = await preview({ connector_id: '1', kwh: 22, minutes: 180 });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ party: 'NL-CPO', location_id: 'LOC-P', evse_uid: 'EVSE-1', connector_id: '1', tariff_id: 'DAY-NIGHT', tariff_type: 'REGULAR', currency: 'EUR', time_zone: 'Europe/Amsterdam', power_kw: 11, start_date_time: START, end_date_time: at(180) });
    // 11 kWh × 0.35 + 11 kWh × 0.25 = 6.60; 2 h × 0.60 = 1.20; 1 h parked × 2.40; 0.99 once: 11.19, 13.5399 with 21 % VAT.
    expect(totalsOf(reply.body)).toEqual({
      total_cost: price(11.19, 13.5399),
      total_fixed_cost: price(0.99, 1.1979),
      total_energy: 22,
      total_energy_cost: price(6.6, 7.986),
      total_time: 3,
      total_time_cost: price(1.2, 1.452),
      total_parking_time: 1,
      total_parking_cost: price(2.4, 2.904),
      total_reservation_cost: price(0, 0),
    });
  });

  it('equals the CDR the session service issues when the session goes as planned', async () => {
    const planned = (await preview({ connector_id: '1', kwh: 22, minutes: 180 })).body;
    const tariff = (await pair.cpo.api<Tariff>('GET', '/parties/NL-CPO/tariffs/DAY-NIGHT')).body;
    const snapshot = { id: 'LOC-P', address: LOCATION.address, city: LOCATION.city, country: 'NLD', coordinates: LOCATION.coordinates, evse_uid: 'EVSE-1', evse_id: 'NL*CPO*E0010*1', connector_id: '1', connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE' };
    const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', { cdr_token: TOKEN, auth_method: 'WHITELIST', start_date_time: START, meter_start_kwh: 1000, location: snapshot, time_zone: 'Europe/Amsterdam', tariff });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id;
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: at(120), meter_kwh: 1022, state: 'PARKED' });
    const { cdr } = (await pair.cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${id}/stop`, { at: at(180), meter_kwh: 1022 })).body;

    expect(totalsOf(cdr as unknown as Record<string, unknown>)).toEqual(totalsOf(planned));
    expect(cdr.charging_periods).toEqual(metered(planned.charging_periods));
    // And both are what the CPO's one pricing function gives for that timeline.
    const direct = priceTimeline({ tariff, timeZone: 'Europe/Amsterdam', timeline: [{ at: START, energyKwh: 0, state: 'CHARGING' }, { at: at(120), energyKwh: 22, state: 'PARKED' }, { at: at(180), energyKwh: 22, state: 'PARKED' }] });
    expect(totalsOf(direct.totals as unknown as Record<string, unknown>)).toEqual(totalsOf(planned));
  });

  it('chooses the tariff of the session type, and the only tariff choice of an EVSE when no connector is named', async () => {
    // A payment terminal session pays the AD_HOC_PAYMENT tariff: 10 kWh × 0.59.
    const adHoc = await preview({ connector_id: '1', tariff_type: 'AD_HOC_PAYMENT', kwh: 10, minutes: 60 });
    expect(adHoc.body).toMatchObject({ tariff_id: 'AD-HOC', total_cost: price(5.9, 7.139) });
    // EVSE-2 has one connector and no max power: 10 kWh spread over the hour at 10 kW, all before 22:00 local.
    const single = await preview({ evse_uid: 'EVSE-2', kwh: 10, minutes: 60 });
    expect(single.body).toMatchObject({ connector_id: '1', power_kw: 10, total_energy_cost: price(3.5, 4.235), total_parking_time: 0 });
    // A power of our own: 10 kWh at 20 kW is 30 minutes charging, 30 parked.
    expect((await preview({ evse_uid: 'EVSE-2', kwh: 10, minutes: 60, power_kw: 20 })).body).toMatchObject({ power_kw: 20, total_parking_time: 0.5, total_parking_cost: price(1.2, 1.452) });
  });

  it('answers a plan it cannot price with 400 naming the field, and unknown places with 404', async () => {
    const cases: Array<[Record<string, unknown>, number, string | undefined]> = [
      [{ kwh: 10, minutes: 60 }, 400, 'connector_id'], // EVSE-1's connectors have different tariffs
      [{ connector_id: '2', kwh: 10, minutes: 60 }, 400, 'connector_id'], // no REGULAR tariff on connector 2
      [{ connector_id: '1', kwh: 40, minutes: 60 }, 400, 'kwh'], // 40 kWh do not fit in an hour at 11 kW
      [{ connector_id: '1', kwh: 10, minutes: 60, power_kw: 5 }, 400, 'power_kw'],
      [{ connector_id: '1', kwh: -1, minutes: 60 }, 400, 'kwh'],
      [{ connector_id: '1', kwh: 10, minutes: 0 }, 400, 'minutes'],
      [{ connector_id: '1', kwh: 10, minutes: 60, start: 'tonight' }, 400, 'start'],
      [{ connector_id: '1', kwh: 10, minutes: 60, tariff_type: 'CHEAPEST' }, 400, 'tariff_type'],
      [{ connector_id: '9', kwh: 10, minutes: 60 }, 404, undefined],
      [{ location_id: 'NOWHERE', kwh: 10, minutes: 60 }, 404, undefined],
      [{ party: 'DE-MSP', kwh: 10, minutes: 60 }, 404, 'party'], // not hosted by this CPO's service
    ];
    for (const [body, status, field] of cases) {
      const reply = await preview(body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect((reply.body as unknown as { error: { field?: string } }).error.field, JSON.stringify(reply.body)).toBe(field);
    }
  });
});
