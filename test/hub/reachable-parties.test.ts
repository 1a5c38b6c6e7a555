import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { hashToken } from '../../src/peers/secret-token.js';
import type { StoredCredentialsRole } from '../../src/store/tables.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const EMSP = { countryCode: 'DE', partyId: 'MSP' };
const role = (r: string, cc: string, pid: string): StoredCredentialsRole => ({ role: r, country_code: cc, party_id: pid, business_details: { name: `${cc}-${pid}` } });

describe.each(backends)('parties reachable through a hub connection ($name)', (backend) => {
  let database: OpenedDatabase;
  let peers: PeerRepository;
  let changes: number;

  const register = async (roles: StoredCredentialsRole[], token: string) => {
    const peer = await peers.create(EMSP, 'REGISTERING', hashToken(token));
    await peers.saveCredentials(peer.id, { status: ['REGISTERING'] }, { incomingTokenHash: hashToken(token), outgoingToken: `out-${token}`, outgoingTokenEncoding: 'base64', versionsUrl: 'http://127.0.0.1:9/versions', version: '2.2.1', endpoints: [], roles });
    return peer.id;
  };
  const clientInfo = (peerId: string, partyId: string, status: 'CONNECTED' | 'OFFLINE' | 'PLANNED' | 'SUSPENDED', at: string) =>
    peers.saveReachableParty({ peerId, countryCode: 'NL', partyId, role: 'CPO', status, lastUpdated: new Date(at) });

  beforeEach(async () => {
    database = await openDatabase(backend.freshUrl());
    changes = 0;
    peers = new PeerRepository(database.db, () => changes++);
  });
  afterEach(async () => database.close());
  afterAll(async () => dropTestSchemas());

  it('counts CONNECTED and OFFLINE parties behind a hub as parties of the hub connection, for pushes and lookups', async () => {
    const hubPeer = await register([role('HUB', 'DE', 'HUB')], 'hub');
    expect(await clientInfo(hubPeer, 'CPO', 'CONNECTED', '2026-01-01T00:00:00Z')).toBe(true);
    await clientInfo(hubPeer, 'CPX', 'OFFLINE', '2026-01-01T00:00:00Z');
    await clientInfo(hubPeer, 'CPP', 'PLANNED', '2026-01-01T00:00:00Z');
    const withCpos = await peers.registeredWithRole(EMSP, 'CPO');
    expect(withCpos.map((p) => p.id)).toEqual([hubPeer]);
    expect(withCpos[0]!.roles.map((r) => `${r.role}/${r.party_id}`)).toEqual(['HUB/HUB', 'CPO/CPO', 'CPO/CPX']);
    expect((await peers.findByTokenHash(hashToken('hub')))!.roles).toHaveLength(3);
    // A change of who is reachable must reach the authentication cache at once.
    expect(changes).toBeGreaterThan(0);
  });

  it('ignores an older ClientInfo, and drops a party the hub calls PLANNED or SUSPENDED', async () => {
    const hubPeer = await register([role('HUB', 'DE', 'HUB')], 'hub');
    await clientInfo(hubPeer, 'CPO', 'CONNECTED', '2026-01-02T00:00:00Z');
    expect(await clientInfo(hubPeer, 'CPO', 'SUSPENDED', '2026-01-01T00:00:00Z')).toBe(false);
    expect((await peers.registeredWithRole(EMSP, 'CPO')).length).toBe(1);
    expect(await clientInfo(hubPeer, 'CPO', 'SUSPENDED', '2026-01-03T00:00:00Z')).toBe(true);
    expect(await peers.registeredWithRole(EMSP, 'CPO')).toEqual([]);
    expect((await peers.reachableParties(hubPeer)).map((p) => p.status)).toEqual(['SUSPENDED']);
  });

  it('reaches a party directly when this party is also connected to it directly', async () => {
    const hubPeer = await register([role('HUB', 'DE', 'HUB')], 'hub');
    await clientInfo(hubPeer, 'CPO', 'CONNECTED', '2026-01-01T00:00:00Z');
    await clientInfo(hubPeer, 'CPX', 'CONNECTED', '2026-01-01T00:00:00Z');
    const direct = await register([role('CPO', 'NL', 'CPO')], 'direct');
    const withCpos = await peers.registeredWithRole(EMSP, 'CPO');
    const parties = Object.fromEntries(withCpos.map((p) => [p.id, p.roles.filter((r) => r.role === 'CPO').map((r) => r.party_id)]));
    expect(parties).toEqual({ [hubPeer]: ['CPX'], [direct]: ['CPO'] });
    // The hub may still forward that party's requests: authentication takes it.
    expect((await peers.findByTokenHash(hashToken('hub')))!.roles.map((r) => r.party_id)).toEqual(['HUB', 'CPO', 'CPX']);
  });
});
