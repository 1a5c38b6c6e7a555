import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, databaseFor, EMSP_PARTY, eventually, importRoamingFixtures, startEvroam } from '../support/roaming-pair.js';

const postgres = backends.find((b) => b.name === 'postgres')!;

interface Location {
  id: string;
  evses: Array<{ uid: string; status: string }>;
}
interface Decision {
  allowed: boolean;
  method: string;
  authorization_reference: string | null;
}
interface Session {
  id: string;
  status: string;
  kwh: number;
  authorization_reference?: string;
}
interface Cdr {
  id: string;
  total_energy: number;
  total_cost: { excl_vat: number; incl_vat: number };
  total_energy_cost: { excl_vat: number; incl_vat: number };
  total_fixed_cost: { excl_vat: number; incl_vat: number };
  authorization_reference?: string;
}

/**
 * The whole roaming flow between two real evroam processes, as the roles issue describes it:
 * the eMSP's driver is known at the CPO, the CPO's station and price are known at the eMSP, a
 * session authorized in real time ends in a CDR the eMSP stores, and a remote start gets its result.
 */
describe('the roaming flow between a CPO process and an eMSP process', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let emspPeerId: string;

  beforeAll(async () => {
    const extra = { syncIntervalMinutes: 0 };
    [cpo, emsp] = await Promise.all([startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY], extra }), startEvroam({ database: databaseFor(postgres), parties: [EMSP_PARTY], extra })]);
    // The CPO's station and price exist before the partnership: the eMSP gets them by pull.
    await importRoamingFixtures(cpo);
    emspPeerId = (await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY)).atRegistrant;
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  const receivedSession = async (id: string) => (await emsp.api<Array<{ session: Session }>>('GET', '/parties/DE-MSP/received/sessions')).body.map((r) => r.session).find((s) => s.id === id);
  const emspLocation = async () => (await emsp.api<Location>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-HARBOUR')).body;

  it('brings the location with two EVSEs and its tariff to the eMSP by pull, then changes by push', async () => {
    for (const module of ['tariffs', 'locations']) {
      const pulled = await emsp.cli(['peer', 'pull', '--id', emspPeerId, '--module', module]);
      expect(pulled.code, pulled.stderr).toBe(0);
      expect(JSON.parse(pulled.stdout)).toMatchObject({ received: 1, refused: [] });
    }
    expect((await emspLocation()).evses.map((e) => e.uid)).toEqual(['EVSE-H1', 'EVSE-H2']);

    const blocked = await cpo.api('PATCH', '/parties/NL-CPO/locations/LOC-HARBOUR/evses/EVSE-H2', { status: 'BLOCKED' });
    expect(blocked.status).toBe(200);
    await eventually(async () => ((await emspLocation()).evses.find((e) => e.uid === 'EVSE-H2')?.status === 'BLOCKED' ? true : undefined), 15_000, 'the EVSE status at the eMSP');

    const repriced = await cpo.api('PUT', '/parties/NL-CPO/tariffs/AC-STANDARD', {
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }] }, { price_components: [{ type: 'FLAT', price: 0.5, vat: 21, step_size: 1 }] }],
      tariff_alt_text: [{ language: 'en', text: '0.35 EUR/kWh + 0.50 EUR per session' }],
    });
    expect(repriced.status).toBe(200);
    await eventually(async () => {
      const tariffs = (await emsp.api<Array<{ id: string; tariff_alt_text?: unknown[] }>>('GET', '/parties/DE-MSP/partner-tariffs')).body;
      return tariffs.find((t) => t.id === 'AC-STANDARD')?.tariff_alt_text ? true : undefined;
    }, 15_000, 'the tariff update at the eMSP');
  });

  it('authorizes the eMSP driver in real time, reports the session while it runs, and ends in a CDR the eMSP stores', async () => {
    const issued = await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W', whitelist: 'NEVER' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);

    // The card as the charger reads it, in lower case and reversed byte order.
    const decision = await eventually(async () => {
      const answer = (await cpo.api<Decision>('POST', '/parties/NL-CPO/authorize', { uid: '807e6d5c3ba204', type: 'RFID', location_id: 'LOC-HARBOUR' })).body;
      return answer.allowed ? answer : undefined;
    }, 15_000, 'the token at the CPO');
    expect(decision.method).toBe('realtime');
    expect(decision.authorization_reference).toBeTruthy();

    const start = '2026-03-02T09:00:00.000Z';
    const minutes = (m: number) => new Date(Date.parse(start) + m * 60_000).toISOString();
    const started = await cpo.api<Session>('POST', '/parties/NL-CPO/sessions', {
      cdr_token: { country_code: 'DE', party_id: 'MSP', uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W' },
      auth_method: 'AUTH_REQUEST',
      authorization_reference: decision.authorization_reference,
      start_date_time: start,
      meter_start_kwh: 100,
      location_id: 'LOC-HARBOUR',
      evse_uid: 'EVSE-H1',
      connector_id: '1',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const sessionId = started.body.id;

    for (const [m, kwh] of [[20, 104], [40, 108]] as const) {
      expect((await cpo.api('POST', `/parties/NL-CPO/sessions/${sessionId}/meter`, { at: minutes(m), meter_kwh: kwh, power_kw: 11 })).status).toBe(200);
    }
    const running = await eventually(async () => {
      const session = await receivedSession(sessionId);
      return session && session.kwh >= 8 ? session : undefined;
    }, 15_000, 'the running session at the eMSP');
    expect(running.status).toBe('ACTIVE');
    expect(running.authorization_reference).toBe(decision.authorization_reference);

    expect((await cpo.api('POST', `/parties/NL-CPO/sessions/${sessionId}/stop`, { at: minutes(60), meter_kwh: 110 })).status).toBe(200);
    const cdr = await eventually(async () => (await emsp.api<Array<{ cdr: Cdr }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr).find((c) => c.id === sessionId), 15_000, 'the CDR at the eMSP');
    // 10 kWh at 0.35 plus 0.50 per session: 4.00 excl. VAT, 4.84 incl. 21 % VAT.
    expect(cdr.total_energy).toBe(10);
    expect(cdr.total_energy_cost).toEqual({ excl_vat: 3.5, incl_vat: 4.235 });
    expect(cdr.total_fixed_cost).toEqual({ excl_vat: 0.5, incl_vat: 0.605 });
    expect(cdr.total_cost).toEqual({ excl_vat: 4, incl_vat: 4.84 });
    expect(cdr.authorization_reference).toBe(decision.authorization_reference);
    const completed = await receivedSession(sessionId);
    expect(completed?.status).toBe('COMPLETED');
  });

  it('starts a session remotely and brings the CommandResult back to the eMSP', async () => {
    const sent = await emsp.api<{ id: string; status: string }>('POST', '/parties/DE-MSP/commands', {
      to: 'NL-CPO',
      command: 'START_SESSION',
      token: { country_code: 'DE', party_id: 'MSP', uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W', issuer: 'Test eMSP', valid: true, whitelist: 'NEVER', last_updated: '2026-03-01T00:00:00Z' },
      location_id: 'LOC-HARBOUR',
      evse_uid: 'EVSE-H1',
    });
    expect(sent.body.status).toBe('ACCEPTED');
    const waiting = (await cpo.api<Array<{ id: string; command: string; status: string }>>('GET', '/parties/NL-CPO/charger-commands')).body.find((c) => c.status === 'PENDING')!;
    expect((await cpo.api('POST', `/parties/NL-CPO/charger-commands/${waiting.id}/result`, { result: 'ACCEPTED' })).status).toBe(200);
    const done = await eventually(async () => {
      const command = (await emsp.api<{ status: string; result: { result: string } | null }>('GET', `/parties/DE-MSP/commands/${sent.body.id}`)).body;
      return command.result ? command : undefined;
    }, 15_000, 'the CommandResult');
    expect(done).toMatchObject({ status: 'RESULT_RECEIVED', result: { result: 'ACCEPTED' } });
  });
});
