import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { openDatabase } from '../../src/store/database.js';
import type { EvroamProcess, PartyOption } from '../support/evroam-process.js';
import { connectToHub } from '../support/hub-connection.js';
import { CPO_PARTY, databaseFor, EMSP_PARTY, eventually, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/roaming');
const postgres = backends.find((b) => b.name === 'postgres')!;
const HUB_PARTY: PartyOption = { countryCode: 'DE', partyId: 'HUB', roles: ['HUB'], name: 'Test Hub' };
const OUTSIDER_PARTY: PartyOption = { countryCode: 'DE', partyId: 'MS2', roles: ['EMSP'], name: 'eMSP without an agreement' };
const DRIVER = { country_code: 'DE', party_id: 'MSP', uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W' };

interface ClientInfo {
  country_code: string;
  party_id: string;
  role: string;
  status: string;
}
interface Session {
  id: string;
  status: string;
  kwh: number;
}
interface Cdr {
  id: string;
  total_energy: number;
  total_cost: { excl_vat: number; incl_vat: number };
}
interface SentCommand {
  id: string;
  status: string;
  result: { result: string } | null;
  error: string | null;
}
interface Message {
  kind: string;
  module: string;
  method: string;
  from_party_id: string;
  to_party_id: string;
  ocpi_status: number | null;
  correlation_id: string;
  latency_ms: number;
}

/**
 * The roaming flow through a hub, as the hub issue describes it: a hub, a CPO platform and an eMSP
 * platform connected only to the hub, and a second eMSP outside the roaming agreement. Every
 * request between the platforms passes through the hub process.
 */
describe('the roaming flow through an evroam hub', () => {
  let hub: EvroamProcess;
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let outsider: EvroamProcess;
  let cpoDatabase: string;
  let outsiderDatabase: string;
  let hubAtCpo: string;
  let hubAtEmsp: string;
  let hubAtOutsider: string;

  const clientInfo = async (platform: EvroamProcess, peerId: string) => (await platform.api<ClientInfo[]>('GET', `/peers/${peerId}/hub-client-info`)).body;
  const statusOf = async (platform: EvroamProcess, peerId: string, party: string) => (await clientInfo(platform, peerId)).find((c) => `${c.country_code}-${c.party_id}` === party)?.status;
  const messages = async (query: string) => (await hub.api<Message[]>('GET', `/parties/DE-HUB/hub/messages?${query}`)).body;
  const pull = async (platform: EvroamProcess, peerId: string, module: string) => platform.api<{ received: number; refused: unknown[] }>('POST', `/peers/${peerId}/pull`, { module, mode: 'full' });

  beforeAll(async () => {
    const extra = { syncIntervalMinutes: 0 };
    cpoDatabase = databaseFor(postgres);
    outsiderDatabase = databaseFor(postgres);
    [hub, cpo, emsp, outsider] = await Promise.all([
      startEvroam({ database: databaseFor(postgres), parties: [HUB_PARTY] }),
      startEvroam({ database: cpoDatabase, parties: [CPO_PARTY], extra }),
      startEvroam({ database: databaseFor(postgres), parties: [EMSP_PARTY], extra }),
      startEvroam({ database: outsiderDatabase, parties: [OUTSIDER_PARTY], extra }),
    ]);
    const agreed = await hub.cli(['hub', 'agreement', 'add', '--emsp', 'DE-MSP', '--cpo', 'NL-CPO']);
    if (agreed.code !== 0) throw new Error(agreed.stderr);
    [hubAtCpo, hubAtEmsp, hubAtOutsider] = await Promise.all([connectToHub(hub, cpo, CPO_PARTY), connectToHub(hub, emsp, EMSP_PARTY), connectToHub(hub, outsider, OUTSIDER_PARTY)]);
    await eventually(async () => ((await statusOf(emsp, hubAtEmsp, 'NL-CPO')) === 'CONNECTED' ? true : undefined), 20_000, 'the CPO in the eMSP\'s ClientInfo');
    await eventually(async () => ((await statusOf(cpo, hubAtCpo, 'DE-MSP')) === 'CONNECTED' ? true : undefined), 20_000, 'the eMSP in the CPO\'s ClientInfo');
  });

  afterAll(async () => {
    await Promise.all([hub?.stop(), cpo?.stop(), emsp?.stop(), outsider?.stop()]);
    await dropTestSchemas();
  });

  it('lists the agreement, and shows the hub the three platforms connected', async () => {
    const agreements = (await hub.api<Array<{ emsp: string; cpo: string }>>('GET', '/parties/DE-HUB/hub/agreements')).body;
    expect(agreements).toEqual([expect.objectContaining({ emsp: 'DE-MSP', cpo: 'NL-CPO' })]);
    const clients = (await hub.api<ClientInfo[]>('GET', '/parties/DE-HUB/hub/clients')).body;
    expect(clients.map((c) => `${c.country_code}-${c.party_id}/${c.role}/${c.status}`).sort()).toEqual(['DE-MS2/EMSP/CONNECTED', 'DE-MSP/EMSP/CONNECTED', 'NL-CPO/CPO/CONNECTED']);
  });

  it('brings the CPO\'s tariffs and locations to the eMSP through the hub, pushed and pulled', async () => {
    for (const module of ['tariffs', 'locations']) {
      const imported = await cpo.api('POST', `/parties/NL-CPO/${module}/import`, JSON.parse(readFileSync(`${FIXTURES}/${module}.json`, 'utf8')));
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    }
    const location = async () => (await emsp.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-HARBOUR')).body;
    await eventually(async () => ((await location()).evses?.length === 2 ? true : undefined), 15_000, 'the location at the eMSP');
    await eventually(async () => {
      const tariffs = (await emsp.api<Array<{ id: string }>>('GET', '/parties/DE-MSP/partner-tariffs')).body;
      return tariffs.some((t) => t.id === 'AC-STANDARD') ? true : undefined;
    }, 15_000, 'the tariff at the eMSP');

    const blocked = await cpo.api('PATCH', '/parties/NL-CPO/locations/LOC-HARBOUR/evses/EVSE-H2', { status: 'BLOCKED' });
    expect(blocked.status).toBe(200);
    await eventually(async () => ((await location()).evses.find((e) => e.uid === 'EVSE-H2')?.status === 'BLOCKED' ? true : undefined), 15_000, 'the EVSE status at the eMSP');

    // A pull through the hub is addressed to the hub itself, which answers with what was sent to the eMSP.
    for (const module of ['locations', 'tariffs']) {
      const pulled = await pull(emsp, hubAtEmsp, module);
      expect(pulled.body).toMatchObject({ received: 1, refused: [] });
    }
    expect((await location()).evses.find((e) => e.uid === 'EVSE-H2')?.status).toBe('BLOCKED');
  });

  it('authorizes the eMSP\'s driver in real time through the hub, and brings the session and its CDR to the eMSP', async () => {
    const issued = await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: DRIVER.uid, type: 'RFID', contract_id: DRIVER.contract_id, whitelist: 'NEVER' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const decision = await eventually(async () => {
      const answer = (await cpo.api<{ allowed: boolean; method: string; authorization_reference: string | null }>('POST', '/parties/NL-CPO/authorize', { uid: '807e6d5c3ba204', type: 'RFID', location_id: 'LOC-HARBOUR' })).body;
      return answer.allowed ? answer : undefined;
    }, 15_000, 'the token at the CPO');
    expect(decision.method).toBe('realtime');

    const start = '2026-03-02T09:00:00.000Z';
    const minutes = (m: number) => new Date(Date.parse(start) + m * 60_000).toISOString();
    const started = await cpo.api<Session>('POST', '/parties/NL-CPO/sessions', {
      cdr_token: DRIVER,
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
    expect((await cpo.api('POST', `/parties/NL-CPO/sessions/${sessionId}/meter`, { at: minutes(30), meter_kwh: 105, power_kw: 11 })).status).toBe(200);
    expect((await cpo.api('POST', `/parties/NL-CPO/sessions/${sessionId}/stop`, { at: minutes(60), meter_kwh: 110 })).status).toBe(200);

    const cdr = await eventually(async () => (await emsp.api<Array<{ cdr: Cdr }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr).find((c) => c.id === sessionId), 15_000, 'the CDR at the eMSP');
    // 10 kWh at 0.35 plus 0.50 per session, 21 % VAT.
    expect(cdr.total_energy).toBe(10);
    expect(cdr.total_cost).toEqual({ excl_vat: 4, incl_vat: 4.84 });
    const session = (await emsp.api<Array<{ session: Session }>>('GET', '/parties/DE-MSP/received/sessions')).body.map((r) => r.session).find((s) => s.id === sessionId);
    expect(session?.status).toBe('COMPLETED');

    // The CDR's Location the CPO keeps is a hub URL: the eMSP's own is not reachable from the CPO.
    const atCpo = await eventually(async () => {
      const held = (await cpo.api<{ location_url: string | null }>('GET', `/parties/NL-CPO/cdrs/${sessionId}`)).body;
      return held.location_url ? held : undefined;
    }, 15_000, 'the CDR Location at the CPO');
    expect(atCpo.location_url!.startsWith(`${hub.url}/ocpi/2.2.1/hub/`)).toBe(true);

    // Support follows the session across the three companies in the hub's message log.
    const listed = await hub.cli(['hub', 'messages', '--object-id', sessionId]);
    expect(listed.code, listed.stderr).toBe(0);
    const followed = JSON.parse(listed.stdout) as Message[];
    expect(followed.map((m) => `${m.module} ${m.method}`)).toEqual(expect.arrayContaining(['sessions PUT', 'sessions PATCH', 'cdrs POST']));
    for (const m of followed) expect(m).toMatchObject({ kind: 'DIRECT', from_party_id: 'CPO', to_party_id: 'MSP', ocpi_status: 1000 });
    const authorizations = await messages('module=tokens&party=DE-MSP&outcome=ok');
    expect(authorizations.some((m) => m.method === 'POST' && m.from_party_id === 'CPO')).toBe(true);
  });

  it('starts a session remotely through the hub and brings the CommandResult back through it', async () => {
    const sent = await emsp.api<SentCommand>('POST', '/parties/DE-MSP/commands', {
      to: 'NL-CPO',
      command: 'START_SESSION',
      token: { ...DRIVER, issuer: 'Test eMSP', valid: true, whitelist: 'NEVER', last_updated: '2026-03-01T00:00:00Z' },
      location_id: 'LOC-HARBOUR',
      evse_uid: 'EVSE-H1',
    });
    expect(sent.body.status, JSON.stringify(sent.body)).toBe('ACCEPTED');
    const waiting = (await cpo.api<Array<{ id: string; status: string; response_url: string }>>('GET', '/parties/NL-CPO/charger-commands')).body.find((c) => c.status === 'PENDING')!;
    // The CPO answers to the hub, never to the eMSP directly.
    expect(waiting.response_url.startsWith(`${hub.url}/ocpi/2.2.1/hub/`)).toBe(true);
    expect((await cpo.api('POST', `/parties/NL-CPO/charger-commands/${waiting.id}/result`, { result: 'ACCEPTED' })).status).toBe(200);
    const done = await eventually(async () => {
      const command = (await emsp.api<SentCommand>('GET', `/parties/DE-MSP/commands/${sent.body.id}`)).body;
      return command.result ? command : undefined;
    }, 15_000, 'the CommandResult');
    expect(done).toMatchObject({ status: 'RESULT_RECEIVED', result: { result: 'ACCEPTED' } });
  });

  it('refuses the second eMSP, which has no agreement with the CPO', async () => {
    // The hub never told it about the CPO, so it has no CPO to pull from through the hub.
    expect(await clientInfo(outsider, hubAtOutsider)).toEqual([]);
    const pulled = await pull(outsider, hubAtOutsider, 'locations');
    expect(pulled.status).toBe(502);
    expect(JSON.stringify(pulled.body)).toContain('has no CPO party');

    // Addressing the CPO anyway, with the outsider platform's own credentials for the hub.
    const opened = await openDatabase(outsiderDatabase);
    const token = (await new PeerRepository(opened.db).findById(hubAtOutsider))!.outgoingToken!;
    await opened.close();
    const response = await fetch(`${hub.url}/ocpi/2.2.1/hub/sender/locations/LOC-HARBOUR`, {
      headers: { authorization: `Token ${Buffer.from(token).toString('base64')}`, 'ocpi-from-country-code': 'DE', 'ocpi-from-party-id': 'MS2', 'ocpi-to-country-code': 'NL', 'ocpi-to-party-id': 'CPO' },
    });
    const refused = (await response.json()) as { status_code: number; status_message: string };
    expect(refused.status_code).toBe(4000);
    expect(refused.status_message).toContain('No roaming agreement between DE-MS2 and NL-CPO');
    expect((await messages('party=DE-MS2&outcome=failed')).length).toBeGreaterThanOrEqual(1);
  });

  it('tells the eMSP the CPO is OFFLINE when its platform goes down (4003), and CONNECTED when it returns', async () => {
    const port = Number(new URL(cpo.url).port);
    await cpo.stop();
    const refused = await emsp.api<{ error: { message: string } }>('POST', '/parties/DE-MSP/commands', {
      to: 'NL-CPO',
      command: 'STOP_SESSION',
      session_id: 'ANY-SESSION',
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body.error.message).toMatch(/OCPI 4003.*NL-CPO is not connected/);
    await eventually(async () => ((await statusOf(emsp, hubAtEmsp, 'NL-CPO')) === 'OFFLINE' ? true : undefined), 15_000, 'OFFLINE at the eMSP');

    cpo = await startEvroam({ database: cpoDatabase, parties: [CPO_PARTY], port, extra: { syncIntervalMinutes: 0 } });
    await eventually(async () => ((await statusOf(emsp, hubAtEmsp, 'NL-CPO')) === 'CONNECTED' ? true : undefined), 30_000, 'CONNECTED again at the eMSP');
    const stopped = await emsp.api<SentCommand & { response: { result: string } }>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'STOP_SESSION', session_id: 'ANY-SESSION' });
    expect(stopped.body).toMatchObject({ status: 'REJECTED', response: { result: 'UNKNOWN_SESSION' } });
  });
});
