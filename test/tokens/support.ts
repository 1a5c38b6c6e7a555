import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { PartyRef } from '../../src/ocpi/headers.js';
import type { Endpoint } from '../../src/ocpi/versions.js';
import type { Peer } from '../../src/peers/peer.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import type { HostedParty } from '../../src/peers/hosted-parties.js';
import type { Database } from '../../src/store/database.js';

export const EMSP: HostedParty = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP'], name: 'Test eMSP' };
export const CPO: HostedParty = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'Test CPO' };

/** Valid eMAIDs (check digits from the worked examples in roaming-domain notes §3.3). */
export const CONTRACT = 'DE-8AA-CA2B3C4D5-L';
export const OTHER_CONTRACT = 'NL-TNM-000122045-U';

/** A partner connection in the REGISTERED state, as a completed handshake leaves it. */
export async function registeredPeer(db: Database, local: PartyRef, partner: PartyRef & { role: string }, endpoints: Endpoint[] = []): Promise<Peer> {
  const peers = new PeerRepository(db);
  const hash = createHash('sha256').update(randomBytes(16)).digest('hex');
  const peer = await peers.create(local, 'INVITED', hash);
  const saved = await peers.saveCredentials(peer.id, { status: ['INVITED'] }, {
    incomingTokenHash: hash,
    outgoingToken: randomBytes(16).toString('hex'),
    outgoingTokenEncoding: 'base64',
    versionsUrl: 'http://127.0.0.1:1/ocpi/versions',
    version: '2.2.1',
    endpoints,
    roles: [{ role: partner.role, country_code: partner.countryCode, party_id: partner.partyId, business_details: { name: 'partner' } }],
  });
  return saved!;
}

/** A full OCPI Token of an eMSP partner, as it would push it. */
export function partnerToken(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    country_code: 'DE',
    party_id: 'MSP',
    uid: '04A2B3C4D5E680',
    type: 'RFID',
    contract_id: CONTRACT,
    issuer: 'Test eMSP',
    valid: true,
    whitelist: 'ALWAYS',
    last_updated: '2026-01-01T10:00:00Z',
    ...overrides,
  };
}

/**
 * Empties the tables a test file writes, between its tests: as isolating as a fresh schema, without
 * paying for a new database and its migrations on every test.
 */
export async function emptyTables(db: Database): Promise<void> {
  const tables = ['emsp_token', 'emsp_authorization', 'cpo_authorization', 'partner_object', 'partner_sync', 'outbox', 'peer_party', 'peer'];
  await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))} cascade`.execute(db);
}
