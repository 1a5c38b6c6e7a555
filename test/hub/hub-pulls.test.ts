import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PartyRef } from '../../src/ocpi/headers.js';
import { OcpiClient } from '../../src/ocpi/ocpi-client.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import { PartnerSync } from '../../src/partner-data/partner-sync.js';
import { SyncScheduler } from '../../src/partner-data/sync-scheduler.js';
import { HostedParties } from '../../src/peers/hosted-parties.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, EMSP, HUB, recordingPlatform, routingHeaders, startHubNetwork, type HubNetwork } from './support.js';

const QUIET_CPO = { countryCode: 'NL', partyId: 'CP2' };
const OUTSIDER = { countryCode: 'DE', partyId: 'OUT' };
const DRIVER = { uid: '04AA11BB22CC33', type: 'RFID', contract_id: 'DE-MSP-C00000001-W' };

const location = (party: { countryCode: string; partyId: string }, id: string) => ({
  country_code: party.countryCode,
  party_id: party.partyId,
  id,
  publish: true,
  address: 'Dorpsstraat 1',
  city: 'Zwolle',
  country: 'NLD',
  coordinates: { latitude: '52.516775', longitude: '6.083022' },
  time_zone: 'Europe/Amsterdam',
  last_updated: '2026-02-01T00:00:00Z',
});

const listOf = (data: unknown[]) => ({ status: 200, body: JSON.stringify({ status_code: 1000, timestamp: '2026-02-01T00:00:00Z', data }) });

interface Report {
  peer_id: string;
  module: string;
  received: number;
  refused: Array<{ index: number; reason: string }>;
}

/**
 * Lists addressed to the hub itself hold the objects of platforms that never push, because the hub
 * pulls its platforms' Locations, Tariffs and Tokens itself: on schedule and when an operator asks.
 */
describe.each(backends)('the hub pulling its platforms ($name)', (backend) => {
  let net: HubNetwork;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    net = await startHubNetwork(backend);
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  afterAll(async () => {
    await net?.close();
    await dropTestSchemas();
  });

  const crawl = async <T>(token: string, from: PartyRef, module: string) => {
    const client = new OcpiClient({ timeoutMs: 3000 });
    const items: T[] = [];
    for await (const page of client.crawl<T>(`${net.hub.url}/ocpi/2.2.1/hub/sender/${module}`, { token, encoding: 'base64', routing: { from, to: HUB } })) items.push(...page);
    return items;
  };

  it('pulls a CPO platform that never pushes, and answers the lists of the eMSPs it has an agreement with', async () => {
    const list = [location(QUIET_CPO, 'Q-1'), location(QUIET_CPO, 'Q-2'), location(QUIET_CPO, 'Q-3'), location(CPO, 'NOT-MINE'), { ...location(QUIET_CPO, 'Q-4'), last_updated: undefined }];
    const answer = { answer: listOf(list) };
    const platform = await recordingPlatform(answer);
    closers.push(platform.close);
    const quiet = await net.fakePlatform('CPO', QUIET_CPO, platform.url);
    expect((await net.hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-CP2' })).status).toBe(201);
    await net.settle();

    const pulled = await net.hub.api<Report>('POST', `/peers/${quiet.peerId}/pull`, { module: 'locations' });
    expect(pulled.status, JSON.stringify(pulled.body)).toBe(200);
    expect(pulled.body.received).toBe(5);
    expect(pulled.body.refused).toEqual([
      { index: 3, reason: expect.stringContaining('NL-CPO is not a CPO party of this platform') },
      { index: 4, reason: 'Missing field last_updated' },
    ]);
    // The hub asks as itself, of the party it pulls.
    const asked = platform.received.at(-1)!;
    expect(asked).toMatchObject({ method: 'GET', url: '/sender/locations' });
    expect(asked.headers).toMatchObject({ 'ocpi-from-country-code': 'DE', 'ocpi-from-party-id': 'HUB', 'ocpi-to-country-code': 'NL', 'ocpi-to-party-id': 'CP2' });

    const seen = await crawl<{ id: string; party_id: string }>(net.emspToken, EMSP, 'locations');
    expect(seen.filter((l) => l.party_id === 'CP2').map((l) => l.id)).toEqual(['Q-1', 'Q-2', 'Q-3']);

    // An eMSP without an agreement with that CPO sees none of it.
    const outsider = await net.fakePlatform('EMSP', OUTSIDER, 'http://127.0.0.1:9');
    const outside = await net.hub.ocpi<unknown[]>('GET', 'hub/sender/locations', outsider.token, routingHeaders(OUTSIDER, HUB));
    expect(outside.body).toMatchObject({ status_code: 1000, data: [] });

    // The eMSP's own pull through the hub brings the quiet CPO's sites to its drivers' app.
    const atEmsp = await net.emsp.api<Report>('POST', `/peers/${net.hubAtEmsp}/pull`, { module: 'locations', mode: 'full' });
    expect(atEmsp.body.refused).toEqual([]);
    const site = await net.emsp.api<{ id: string; city: string }>('GET', '/parties/DE-MSP/partner-locations/NL-CP2/Q-2');
    expect(site.status).toBe(200);
    expect(site.body).toMatchObject({ id: 'Q-2', city: 'Zwolle' });

    // A full pull is the owner's whole list: what it no longer lists leaves the hub's lists too.
    answer.answer = listOf([location(QUIET_CPO, 'Q-1')]);
    const full = await net.hub.api<Report & { dropped: number }>('POST', `/peers/${quiet.peerId}/pull`, { module: 'locations', mode: 'full' });
    expect(full.body).toMatchObject({ received: 1, dropped: 2 });
    expect((await crawl<{ id: string; party_id: string }>(net.emspToken, EMSP, 'locations')).filter((l) => l.party_id === 'CP2').map((l) => l.id)).toEqual(['Q-1']);
  });

  it('pulls on schedule what each platform owns, and shows a CPO each token once, in its newest copy', async () => {
    expect((await net.emsp.api('POST', '/parties/DE-MSP/tokens', DRIVER)).status).toBe(201);
    await net.settle();

    const db = net.hub.service.database.db;
    const peers = new PeerRepository(db);
    const log = pino({ level: 'silent' });
    const sync = new PartnerSync({ db, peers, client: new OcpiClient({ timeoutMs: 3000 }), objects: new PartnerObjectRepository(db), log });
    const specs = net.hub.service.modules.flatMap((m) => m.pulls ?? []);
    const scheduler = new SyncScheduler({ db, peers, hosted: new HostedParties([HUB]), sync, specs, log }, { intervalMs: 3600_000, retryMs: 600_000, checkEveryMs: 60_000 });
    const reports = await scheduler.pullDue();

    const platforms = await peers.list();
    const peerOf = (partyId: string) => platforms.find((p) => p.roles.some((r) => r.party_id === partyId))!.id;
    const byPlatform = (partyId: string) => reports.filter((r) => r.peer_id === peerOf(partyId)).map((r) => `${r.module}:${r.received}`).sort();
    // The hub keeps only its own copies: no eMSP's or CPO's pulls run at a hub.
    expect(byPlatform('CPO')).toEqual(['locations:0', 'tariffs:0']);
    expect(byPlatform('MSP')).toEqual(['tokens:1']);
    expect(await db.selectFrom('partner_object').select('module').where('local_party_id', '=', 'HUB').where('module', 'not like', 'hub:%').execute()).toEqual([]);

    const tokens = async () => crawl<{ uid: string; valid: boolean }>(net.cpoToken, CPO, 'tokens');
    expect(await tokens()).toEqual([expect.objectContaining({ uid: DRIVER.uid, valid: true })]);
    expect((await net.emsp.api('POST', `/parties/DE-MSP/tokens/${DRIVER.uid}/block`)).status).toBe(200);
    await net.settle();
    expect(await tokens()).toEqual([expect.objectContaining({ uid: DRIVER.uid, valid: false })]);
  });

  it('refuses a pull the hub does not keep, naming the field', async () => {
    const cpoPlatform = (await new PeerRepository(net.hub.service.database.db).list()).find((p) => p.roles.some((r) => r.party_id === 'CPO'))!;
    const refused = await net.hub.api<{ error: { status: number; message: string; field: string } }>('POST', `/peers/${cpoPlatform.id}/pull`, { module: 'sessions' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({ status: 400, field: 'module', message: 'Invalid field module: "sessions" cannot be pulled at DE-HUB (pullable: locations, tariffs, tokens)' });
  });
});
