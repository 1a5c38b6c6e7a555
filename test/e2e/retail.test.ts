import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, EMSP_PARTY, eventually, outgoingToken, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
const START = '2025-03-04T09:00:00.000Z';
const at = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000).toISOString();

/** 0.50 per session, 0.30 per kWh, 2.00 per parked hour (per minute), 21 % VAT. */
const TARIFF = {
  id: 'AC-1',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'FLAT', price: 0.5, vat: 21, step_size: 1 }, { type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 }, { type: 'PARKING_TIME', price: 2, vat: 21, step_size: 60 }] }],
};
const LOCATION = {
  publish: true,
  address: 'Stationsplein 1',
  city: 'Utrecht',
  country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' },
  time_zone: 'Europe/Amsterdam',
  evses: [
    {
      uid: 'EVSE-1',
      evse_id: 'NL*CPO*E0001*1',
      status: 'AVAILABLE',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, max_electric_power: 22000, tariff_ids: ['AC-1'], last_updated: '2025-01-01T00:00:00Z' }],
      last_updated: '2025-01-01T00:00:00Z',
    },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};
const TOKEN = { country_code: 'DE', party_id: 'MSP', uid: '04A2B3C4D5E680', type: 'RFID', contract_id: 'DE-MSP-C00012345-T' };
const SNAPSHOT = { id: 'LOC-1', address: LOCATION.address, city: LOCATION.city, country: 'NLD', coordinates: LOCATION.coordinates, evse_uid: 'EVSE-1', evse_id: 'NL*CPO*E0001*1', connector_id: '1', connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE' };

interface Line {
  cdr_id: string;
  plan_id: string | null;
  gross: number;
  net: number;
  vat_amount: number;
  cpo_cost: number;
  margin: number;
}


describe('retail pricing and the re-pricing flag between a CPO and an eMSP process', () => {
  const cpoDatabase = postgres.freshUrl();
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;

  beforeAll(async () => {
    [cpo, emsp] = await Promise.all([startEvroam({ database: cpoDatabase, parties: [CPO_PARTY] }), startEvroam({ database: postgres.freshUrl(), parties: [EMSP_PARTY] })]);
    await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY);
    const setup = [
      await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: TOKEN.uid, type: TOKEN.type, contract_id: TOKEN.contract_id }),
      await emsp.api('POST', '/parties/DE-MSP/retail-plans', { id: 'NL-CPO-MARKUP', scope: 'PARTNER', partner: 'NL-CPO', model: 'MARKUP_PERCENT', markup_percent: 20 }),
      await cpo.api('PUT', '/parties/NL-CPO/tariffs/AC-1', TARIFF),
      await cpo.api('PUT', '/parties/NL-CPO/locations/LOC-1', LOCATION),
    ];
    for (const reply of setup) if (reply.status !== 201) throw new Error(JSON.stringify(reply.body));
  });
  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  const linesAtEmsp = async () => (await emsp.api<Line[]>('GET', '/parties/DE-MSP/retail-lines')).body;

  it("previews a session at the CPO, and the session's CDR costs that and gets the eMSP's marked-up retail line", async () => {
    // 6 kWh at 12 kW: 30 minutes charging, 30 parked. 0.50 + 6 × 0.30 + 0.5 h × 2.00 = 3.30.
    const preview = await cpo.cli(['tariff', 'preview', '--party', 'NL-CPO', '--location', 'LOC-1', '--evse', 'EVSE-1', '--start', '2025-03-04T10:00:00+01:00', '--kwh', '6', '--minutes', '60', '--power-kw', '12']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ tariff_id: 'AC-1', connector_id: '1', time_zone: 'Europe/Amsterdam', total_cost: { excl_vat: 3.3, incl_vat: 3.993 }, total_parking_time: 0.5 });

    const tariff = (await cpo.api<Record<string, unknown>>('GET', '/parties/NL-CPO/tariffs/AC-1')).body;
    const started = await cpo.api<Session>('POST', '/parties/NL-CPO/sessions', { cdr_token: TOKEN, auth_method: 'WHITELIST', start_date_time: START, meter_start_kwh: 500, location: SNAPSHOT, time_zone: 'Europe/Amsterdam', tariff });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id;
    await cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: at(30), meter_kwh: 506, state: 'PARKED' });
    const stopped = await cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${id}/stop`, { at: at(60), meter_kwh: 506 });
    expect(stopped.body.cdr.total_cost).toEqual(JSON.parse(preview.stdout).total_cost);

    // 3.30 marked up 20 % is 3.96; with Dutch VAT 4.7916, charged 4.79; the 0.8313 VAT in it leaves a margin of 0.6587.
    const line = await eventually(async () => (await linesAtEmsp()).find((l) => l.cdr_id === id), 15_000, 'the retail line of the CDR');
    expect(line).toMatchObject({ plan_id: 'NL-CPO-MARKUP', cpo_cost: 3.3, gross: 4.79, vat_amount: 0.8313, net: 3.9587, margin: 0.6587 });
    // The eMSP held the CPO's Location, so it re-priced on its clock: no difference.
    const received = (await emsp.api<Array<{ cdr: CDR; repricing_flagged: boolean; repricing: { outcome: string; time_zone: string } }>>('GET', '/parties/DE-MSP/received/cdrs')).body.find((r) => r.cdr.id === id)!;
    expect(received).toMatchObject({ repricing_flagged: false, repricing: { outcome: 'MATCHED', time_zone: 'Europe/Amsterdam' } });
  });

  it('accepts a CDR whose total is 0.05 more than its tariff gives, flags it with both amounts, and still prices it for the driver', async () => {
    const token = await outgoingToken(cpoDatabase, 'CPO', 'MSP');
    const [held] = (await emsp.api<Array<{ cdr: CDR }>>('GET', '/parties/DE-MSP/received/cdrs')).body;
    const off = { ...held!.cdr, id: 'OFF-BY-5-CENT', total_energy_cost: { excl_vat: 1.85, incl_vat: 2.2385 }, total_cost: { excl_vat: 3.35, incl_vat: 4.0535 } };
    const response = await fetch(`${emsp.url}/ocpi/2.2.1/receiver/cdrs`, { method: 'POST', headers: { authorization: `Token ${Buffer.from(token).toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify(off) });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { status_code: number }).status_code).toBe(1000);

    const flagged = (await emsp.api<Array<Record<string, unknown>>>('GET', '/parties/DE-MSP/received/cdrs/flagged')).body;
    expect(flagged).toEqual([expect.objectContaining({ cdr_id: 'OFF-BY-5-CENT', stated_total_cost: { excl_vat: 3.35, incl_vat: 4.0535 }, repriced_total_cost: { excl_vat: 3.3, incl_vat: 3.993 }, time_zone: 'Europe/Amsterdam' })]);
    // The driver pays the marked-up stated cost: 3.35 × 1.2 × 1.21 = 4.8642 → 4.86.
    expect((await linesAtEmsp()).find((l) => l.cdr_id === 'OFF-BY-5-CENT')).toMatchObject({ cpo_cost: 3.35, gross: 4.86 });
  });

  it('refuses a preview it cannot compute with exit code 2 and the reason', async () => {
    const [badNumber, tooMuch] = await Promise.all([
      cpo.cli(['tariff', 'preview', '--party', 'NL-CPO', '--location', 'LOC-1', '--evse', 'EVSE-1', '--start', START, '--kwh', 'lots', '--minutes', '60']),
      cpo.cli(['tariff', 'preview', '--party', 'NL-CPO', '--location', 'LOC-1', '--evse', 'EVSE-1', '--start', START, '--kwh', '40', '--minutes', '60']),
    ]);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toMatch(/--kwh: "lots" is not a non-negative number/);
    expect(tooMuch.code).toBe(2);
    expect(tooMuch.stderr).toMatch(/HTTP 400.*40 kWh at 22 kW takes 109\.1 minutes, more than the 60 planned/);
  });
});
