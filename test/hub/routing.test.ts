import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OcpiClient } from '../../src/ocpi/ocpi-client.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, EMSP, HUB, hubModuleOf, recordingPlatform, routingHeaders, startHubNetwork, type HubNetwork, type OcpiBody } from './support.js';

const LOCATION = (id: string) => ({
  id,
  publish: true,
  name: `Location ${id}`,
  address: 'Kade 1',
  city: 'Amsterdam',
  postal_code: '1011AA',
  country: 'NLD',
  coordinates: { latitude: '52.370216', longitude: '4.895168' },
  time_zone: 'Europe/Amsterdam',
  evses: [
    {
      uid: `${id}-E1`,
      evse_id: `NL*CPO*E${id.replace(/\D/g, '').padStart(4, '0')}*1`,
      status: 'AVAILABLE',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, last_updated: '2026-01-01T00:00:00Z' }],
      last_updated: '2026-01-01T00:00:00Z',
    },
  ],
  last_updated: '2026-01-01T00:00:00Z',
});

interface Message {
  kind: string;
  request_id: string;
  forwarded_request_id: string | null;
  correlation_id: string;
  module: string;
  from_party_id: string;
  to_party_id: string;
  ocpi_status: number | null;
  object_id: string | null;
  error: string | null;
  latency_ms: number;
}

describe.each(backends)('routing through the hub ($name)', (backend) => {
  let net: HubNetwork;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    net = await startHubNetwork(backend, { requestTimeoutMs: 600 });
    const imported = await net.cpo.api('POST', '/parties/NL-CPO/locations/import', [LOCATION('LOC-1'), LOCATION('LOC-2'), LOCATION('LOC-3')]);
    if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));
    await net.settle();
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  afterAll(async () => {
    await net?.close();
    await dropTestSchemas();
  });

  const messages = async (query: string) => {
    await hubModuleOf(net.hub).messages.flush();
    return (await net.hub.api<Message[]>('GET', `/parties/DE-HUB/hub/messages?${query}`)).body;
  };

  it('tells each platform, by HubClientInfo, the parties it may roam with, and counts them as parties of the hub connection', async () => {
    const atEmsp = (await net.emsp.api<Array<{ country_code: string; party_id: string; role: string; status: string }>>('GET', `/peers/${net.hubAtEmsp}/hub-client-info`)).body;
    expect(atEmsp).toEqual([expect.objectContaining({ country_code: 'NL', party_id: 'CPO', role: 'CPO', status: 'CONNECTED' })]);
    const atCpo = (await net.cpo.api<Array<{ party_id: string; status: string }>>('GET', `/peers/${net.hubAtCpo}/hub-client-info`)).body;
    expect(atCpo).toEqual([expect.objectContaining({ party_id: 'MSP', role: 'EMSP', status: 'CONNECTED' })]);
    const peer = (await net.emsp.api<{ parties: Array<{ role: string; party_id: string }> }>('GET', `/peers/${net.hubAtEmsp}`)).body;
    expect(peer.parties.map((p) => `${p.role}/${p.party_id}`)).toEqual(['HUB/HUB', 'CPO/CPO']);

    const list = await net.hub.ocpi<Array<{ party_id: string; status: string }>>('GET', 'hub/sender/hubclientinfo', net.emspToken);
    expect(list.body.data).toEqual([expect.objectContaining({ party_id: 'CPO', status: 'CONNECTED' })]);
    expect(list.headers['x-total-count']).toBe('1');
  });

  it('forwards the CPO\'s location pushes to the eMSP, logging each with a new request id per hop', async () => {
    const held = await net.emsp.api<Array<{ id: string }>>('GET', '/parties/DE-MSP/partner-locations');
    expect(held.body.map((l) => l.id).sort()).toEqual(['LOC-1', 'LOC-2', 'LOC-3']);
    const logged = await messages('module=locations&party=NL-CPO');
    expect(logged.length).toBeGreaterThanOrEqual(3);
    for (const m of logged) {
      expect(m).toMatchObject({ kind: 'DIRECT', from_party_id: 'CPO', to_party_id: 'MSP', ocpi_status: 1000 });
      expect(m.forwarded_request_id).not.toBe(m.request_id);
    }
    expect((await messages('object_id=LOC-2')).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the correlation id, mints a new request id and keeps the routing headers on the hop', async () => {
    const platform = await recordingPlatform();
    closers.push(platform.close);
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'FAK' }, platform.url);
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-FAK' });
    const answer = await net.hub.ocpi('GET', 'hub/sender/locations/LOC-9?x=1', net.emspToken, { ...routingHeaders(EMSP, { countryCode: 'NL', partyId: 'FAK' }), 'x-request-id': 'req-1', 'x-correlation-id': 'corr-1' });
    expect(answer.body).toMatchObject({ status_code: 1000, data: { seen: true } });
    expect(answer.headers['x-request-id']).toBe('req-1');
    expect(answer.headers['x-correlation-id']).toBe('corr-1');
    expect(answer.headers['ocpi-from-party-id']).toBe('FAK');
    expect(answer.headers['ocpi-to-party-id']).toBe('MSP');
    const hop = platform.received[0]!;
    expect(hop.url).toBe('/sender/locations/LOC-9?x=1');
    expect(hop.headers['x-correlation-id']).toBe('corr-1');
    expect(hop.headers['x-request-id']).not.toBe('req-1');
    expect(hop.headers['ocpi-from-party-id']).toBe('MSP');
    expect(hop.headers['ocpi-to-party-id']).toBe('FAK');
    expect(hop.headers.authorization).toMatch(/^Token /);
    const [logged] = await messages('correlation_id=corr-1');
    expect(logged).toMatchObject({ request_id: 'req-1', forwarded_request_id: hop.headers['x-request-id'] });
  });

  it('crawls the CPO\'s Sender list through the hub, the CPO\'s Link pages rewritten to the hub', async () => {
    const client = new OcpiClient({ timeoutMs: 5000 });
    const pages: string[][] = [];
    for await (const page of client.crawl<{ id: string }>(`${net.hub.url}/ocpi/2.2.1/hub/sender/locations`, { token: net.emspToken, encoding: 'base64', routing: { from: EMSP, to: CPO } })) {
      pages.push(page.map((l) => l.id));
    }
    expect(pages).toEqual([['LOC-1', 'LOC-2'], ['LOC-3']]);
    const first = await net.hub.ocpi('GET', 'hub/sender/locations', net.emspToken, routingHeaders(EMSP, CPO));
    expect(first.headers.link).toBe(`<${net.hub.url}/ocpi/2.2.1/hub/sender/locations?offset=2&limit=2>; rel="next"`);
    expect(first.headers['x-total-count']).toBe('3');
  });

  it('answers a list addressed to the hub itself with what was sent to the caller, paginated', async () => {
    const client = new OcpiClient({ timeoutMs: 5000 });
    const ids: string[] = [];
    for await (const page of client.crawl<{ id: string; party_id: string }>(`${net.hub.url}/ocpi/2.2.1/hub/sender/locations`, { token: net.emspToken, encoding: 'base64', routing: { from: EMSP, to: HUB } })) {
      ids.push(...page.map((l) => `${l.party_id}/${l.id}`));
    }
    expect(ids.sort()).toEqual(['CPO/LOC-1', 'CPO/LOC-2', 'CPO/LOC-3']);
    const first = await net.hub.ocpi('GET', 'hub/sender/locations?limit=1', net.emspToken, routingHeaders(EMSP, HUB));
    expect(first.headers['x-total-count']).toBe('3');
    expect(first.headers.link).toContain('offset=1');
  });

  it('passes back a destination\'s 2xxx answer', async () => {
    const answer = await net.hub.ocpi('PATCH', 'hub/receiver/locations/NL/CPO/LOC-404', net.cpoToken, routingHeaders(CPO, EMSP), { status: 'BLOCKED', last_updated: '2026-02-01T00:00:00Z' });
    expect(answer.status).toBe(404);
    expect(answer.body.status_code).toBe(2003);
  });

  it('refuses an unknown receiver with 4001 and a sender that is not the caller with 403', async () => {
    const unknown = await net.hub.ocpi<OcpiBody>('GET', 'hub/sender/locations', net.emspToken, routingHeaders(EMSP, { countryCode: 'FR', partyId: 'XYZ' }));
    expect(unknown.body.status_code).toBe(4001);
    const spoofed = await net.hub.ocpi('GET', 'hub/sender/locations', net.emspToken, routingHeaders(CPO, EMSP));
    expect(spoofed.status).toBe(403);
  });

  it('refuses traffic between parties without a roaming agreement, naming both', async () => {
    const outsider = await net.fakePlatform('EMSP', { countryCode: 'DE', partyId: 'OUT' }, 'http://127.0.0.1:9');
    const refused = await net.hub.ocpi('GET', 'hub/sender/locations', outsider.token, routingHeaders({ countryCode: 'DE', partyId: 'OUT' }, CPO));
    expect(refused.body.status_code).toBe(4000);
    expect(refused.body.status_message).toContain('No roaming agreement between DE-OUT and NL-CPO');
    const [logged] = await messages('party=DE-OUT');
    expect(logged).toMatchObject({ ocpi_status: 4000, forwarded_request_id: null });
    expect((await messages('party=DE-OUT&outcome=failed')).length).toBe(1);
    // Its list addressed to the hub holds nothing of the CPO.
    const all = await net.hub.ocpi<unknown[]>('GET', 'hub/sender/locations', outsider.token, routingHeaders({ countryCode: 'DE', partyId: 'OUT' }, HUB));
    expect(all.body.data).toEqual([]);
  });

  it('answers 4002 when the receiver is too slow', async () => {
    const platform = await recordingPlatform({ delayMs: 2000 });
    closers.push(platform.close);
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'SLO' }, platform.url);
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-SLO' });
    const answer = await net.hub.ocpi('GET', 'hub/sender/tariffs', net.emspToken, routingHeaders(EMSP, { countryCode: 'NL', partyId: 'SLO' }));
    expect(answer.body.status_code).toBe(4002);
  });

  it('passes an answer on with its own status_code, and answers 4000 for one that is not OCPI', async () => {
    // The envelope's status_code after a data object holding a key of the same name.
    const text = JSON.stringify({ data: { id: 'T-1', extension: { status_code: 1000 } }, status_message: 'Unknown tariff', status_code: 2003, timestamp: '2026-03-01T00:00:00Z' });
    const odd = await recordingPlatform({ answer: { status: 404, body: text } });
    const broken = await recordingPlatform({ answer: { status: 502, body: '<html>Bad gateway</html>' } });
    closers.push(odd.close, broken.close);
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'ODD' }, odd.url);
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'BRK' }, broken.url);
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-ODD' });
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-BRK' });

    const passed = await net.hub.ocpi('GET', 'hub/sender/tariffs/T-1', net.emspToken, routingHeaders(EMSP, { countryCode: 'NL', partyId: 'ODD' }));
    expect(passed.status).toBe(404);
    expect(passed.body).toEqual(JSON.parse(text));
    const refused = await net.hub.ocpi<unknown>('GET', 'hub/sender/tariffs/T-1', net.emspToken, routingHeaders(EMSP, { countryCode: 'NL', partyId: 'BRK' }));
    expect(refused.body).toMatchObject({ status_code: 4000, status_message: 'NL-BRK answered HTTP 502 without an OCPI response' });
    expect((await messages('party=NL-ODD')).map((m) => m.ocpi_status)).toEqual([2003]);
  });

  it('answers 4003 when the receiver\'s platform is down, and tells the eMSP it is OFFLINE', async () => {
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'DWN' }, 'http://127.0.0.1:9');
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-DWN' });
    await net.settle();
    const answer = await net.hub.ocpi('GET', 'hub/sender/tariffs', net.emspToken, routingHeaders(EMSP, { countryCode: 'NL', partyId: 'DWN' }));
    expect(answer.body.status_code).toBe(4003);
    await net.settle();
    const atEmsp = (await net.emsp.api<Array<{ party_id: string; status: string }>>('GET', `/peers/${net.hubAtEmsp}/hub-client-info`)).body;
    expect(atEmsp.find((p) => p.party_id === 'DWN')?.status).toBe('OFFLINE');
    const clients = (await net.hub.api<Array<{ party_id: string; status: string }>>('GET', '/parties/DE-HUB/hub/clients')).body;
    expect(clients.find((p) => p.party_id === 'DWN')?.status).toBe('OFFLINE');
  });

  it('tells the eMSP PLANNED when its agreement with a CPO is removed, and the eMSP stops addressing that CPO', async () => {
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'BYE' }, 'http://127.0.0.1:9');
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-BYE' });
    await net.settle();
    const status = async () => (await net.emsp.api<Array<{ party_id: string; status: string }>>('GET', `/peers/${net.hubAtEmsp}/hub-client-info`)).body.find((p) => p.party_id === 'BYE')?.status;
    const parties = async () => (await net.emsp.api<{ parties: Array<{ party_id: string }> }>('GET', `/peers/${net.hubAtEmsp}`)).body.parties.map((p) => p.party_id);
    expect(await status()).toBe('CONNECTED');
    expect(await parties()).toContain('BYE');
    expect((await net.hub.api('DELETE', '/parties/DE-HUB/hub/agreements/DE-MSP/NL-BYE')).status).toBe(200);
    await net.settle();
    expect(await status()).toBe('PLANNED');
    expect(await parties()).not.toContain('BYE');
  });

  it('stands in for a response_url outside the caller\'s endpoint, and lets only the receiver of the command call it', async () => {
    const emspSide = await recordingPlatform();
    closers.push(emspSide.close);
    const fake = await net.fakePlatform('EMSP', { countryCode: 'DE', partyId: 'FKE' }, emspSide.url);
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-FKE', cpo: 'NL-CPO' });
    // The CPO learns of the new eMSP by ClientInfo before it takes requests from it.
    await net.settle();
    const fakeEmsp = { countryCode: 'DE', partyId: 'FKE' };
    const callback = `${emspSide.url}/callbacks/cmd-7`;
    const answer = await net.hub.ocpi<{ result: string }>('POST', 'hub/receiver/commands/STOP_SESSION', fake.token, routingHeaders(fakeEmsp, CPO), { response_url: callback, session_id: 'NO-SUCH' });
    expect(answer.body.data?.result).toBe('UNKNOWN_SESSION');
    const logged = (await messages('party=DE-FKE&module=commands'))[0]!;
    expect(logged.ocpi_status).toBe(1000);

    // What the CPO was given instead of the eMSP's URL: a hub URL only the CPO may call.
    const proxies = await net.hub.service.database.db.selectFrom('hub_proxy').selectAll().where('url', '=', callback).execute();
    expect(proxies).toHaveLength(1);
    const path = `hub/proxy/${proxies[0]!.id}`;
    const byOther = await net.hub.ocpi('POST', path, net.emspToken, routingHeaders(EMSP, fakeEmsp), { result: 'ACCEPTED' });
    expect(byOther.status).toBe(404);
    const byCpo = await net.hub.ocpi('POST', path, net.cpoToken, routingHeaders(CPO, fakeEmsp), { result: 'ACCEPTED' });
    expect(byCpo.body.status_code).toBe(1000);
    const callbacks = emspSide.received.filter((r) => r.url.startsWith('/callbacks'));
    expect(callbacks.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /callbacks/cmd-7']);
    expect(JSON.parse(callbacks[0]!.body)).toEqual({ result: 'ACCEPTED' });
  });

  it('never lets one party behind the hub write another\'s objects, at the hub or at the platform', async () => {
    const token = { country_code: 'DE', party_id: 'FKE', uid: 'SPOOF-1', type: 'APP_USER', contract_id: 'DE-FKE-C00000009-X', issuer: 'x', valid: true, whitelist: 'ALWAYS', last_updated: '2026-01-01T00:00:00Z' };
    const fake = { countryCode: 'DE', partyId: 'FKE' };
    const atHub = await net.hub.ocpi('PUT', 'hub/receiver/tokens/DE/FKE/SPOOF-1?type=APP_USER', net.emspToken, routingHeaders(EMSP, CPO), token);
    expect(atHub.body).toMatchObject({ status_code: 2001, status_message: expect.stringContaining('DE-FKE is not a party of the authenticated platform') });

    // The hub's connection at the CPO speaks for DE-FKE and DE-MSP, but for one of them per request.
    const cpoAtHub = (await new PeerRepository(net.hub.service.database.db).list()).find((p) => p.roles.some((r) => r.party_id === 'CPO'))!;
    const asHub = (from: { countryCode: string; partyId: string }) => net.cpo.ocpi('PUT', 'receiver/tokens/DE/FKE/SPOOF-2?type=APP_USER', cpoAtHub.outgoingToken!, routingHeaders(from, CPO), { ...token, uid: 'SPOOF-2' });
    expect((await asHub(EMSP)).status).toBe(404);
    expect((await asHub(fake)).status).toBe(201);
  });

  it('rewrites a charging profile request\'s response_url query parameter to the hub', async () => {
    const cpoSide = await recordingPlatform();
    closers.push(cpoSide.close);
    await net.fakePlatform('CPO', { countryCode: 'NL', partyId: 'CPX' }, cpoSide.url);
    await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-CPX' });
    const responseUrl = `${net.emsp.url}/ocpi/2.2.1/sender/chargingprofiles/S-1`;
    const answer = await net.hub.ocpi('GET', `hub/receiver/chargingprofiles/S-1?duration=900&response_url=${encodeURIComponent(responseUrl)}`, net.emspToken, routingHeaders(EMSP, { countryCode: 'NL', partyId: 'CPX' }));
    expect(answer.body.status_code).toBe(1000);
    const forwarded = new URL(cpoSide.received[0]!.url, cpoSide.url);
    expect(forwarded.pathname).toBe('/receiver/chargingprofiles/S-1');
    expect(forwarded.searchParams.get('duration')).toBe('900');
    expect(forwarded.searchParams.get('response_url')!.startsWith(`${net.hub.url}/ocpi/2.2.1/hub/`)).toBe(true);
  });

  it('broadcasts a push addressed to the hub to every party that may receive it, from the hub', async () => {
    const answer = await net.hub.ocpi('PUT', 'hub/receiver/locations/NL/CPO/LOC-B', net.cpoToken, routingHeaders(CPO, HUB), { ...LOCATION('LOC-B'), country_code: 'NL', party_id: 'CPO' });
    expect(answer.body).toMatchObject({ status_code: 1000, status_message: expect.stringMatching(/^Broadcast to \d+ part/) });
    // To every eMSP that may roam with the CPO, never to one outside the agreements.
    const queued = (await net.hub.api<Array<{ to_party_id: string; from_party_id: string }>>('GET', '/outbox?reference=LOC-B')).body;
    expect(queued.map((m) => m.to_party_id)).toContain('MSP');
    expect(queued.map((m) => m.to_party_id)).not.toContain('OUT');
    expect(queued.every((m) => m.from_party_id === 'HUB')).toBe(true);
    await net.settle();
    const held = await net.emsp.api<{ id: string }>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-B');
    expect(held.status).toBe(200);
    const logged = await messages('object_id=LOC-B');
    expect(logged.map((m) => m.kind).sort()).toEqual(['BROADCAST', 'BROADCAST_DELIVERY']);
    const invalid = await net.hub.ocpi('PUT', 'hub/receiver/locations/NL/CPO/LOC-X', net.cpoToken, routingHeaders(CPO, HUB), { id: 'LOC-X' });
    expect(invalid.body.status_code).toBe(2001);
  });
});
