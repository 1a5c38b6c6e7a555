import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { TokenEncoding } from '../ocpi/auth-header.js';
import type { PartyRef } from '../ocpi/headers.js';
import type { Endpoint } from '../ocpi/versions.js';
import type { Database } from '../store/database.js';
import type { PeerStatus, PeerTable, StoredCredentialsRole } from '../store/tables.js';
import type { Peer } from './peer.js';

type Executor = Pick<Database, 'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom'>;

/** What a completed handshake or a credentials update writes about the partner. */
export interface PartnerCredentials {
  incomingTokenHash: string;
  outgoingToken: string;
  outgoingTokenEncoding: TokenEncoding;
  versionsUrl: string;
  version: string;
  endpoints: Endpoint[];
  roles: StoredCredentialsRole[];
}

/** Storage of partner connections; the credentials services are its only writers. */
export class PeerRepository {
  /** `onChange` hears of every write, so caches of who a token belongs to can drop their answers. */
  constructor(
    private readonly db: Database,
    private readonly onChange: () => void = () => {},
  ) {}

  async create(localParty: PartyRef, status: PeerStatus, incomingTokenHash: string, details?: Partial<PartnerCredentials>): Promise<Peer> {
    const now = new Date();
    const row = await this.db
      .insertInto('peer')
      .values({
        id: randomUUID(),
        local_country_code: localParty.countryCode.toUpperCase(),
        local_party_id: localParty.partyId.toUpperCase(),
        status,
        incoming_token_hash: incomingTokenHash,
        pending_token_hash: null,
        outgoing_token: details?.outgoingToken ?? null,
        outgoing_token_encoding: details?.outgoingTokenEncoding ?? 'base64',
        versions_url: details?.versionsUrl ?? null,
        version: details?.version ?? null,
        endpoints: JSON.stringify(details?.endpoints ?? []),
        roles: JSON.stringify(details?.roles ?? []),
        updated_at: now,
        registered_at: null,
        last_contact_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    this.onChange();
    return toPeer(row);
  }

  /** The peer a token belongs to: its current token, or the new one of a rotation in flight. */
  async findByTokenHash(hash: string): Promise<Peer | null> {
    const row = await this.db
      .selectFrom('peer')
      .selectAll()
      .where((eb) => eb.or([eb('incoming_token_hash', '=', hash), eb('pending_token_hash', '=', hash)]))
      .executeTakeFirst();
    return row ? toPeer(row) : null;
  }

  async setPendingToken(peerId: string, hash: string | null): Promise<void> {
    await this.db.updateTable('peer').set({ pending_token_hash: hash }).where('id', '=', peerId).execute();
    this.onChange();
  }

  async findById(id: string): Promise<Peer | null> {
    const row = await this.db.selectFrom('peer').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPeer(row) : null;
  }

  async list(): Promise<Peer[]> {
    const rows = await this.db.selectFrom('peer').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toPeer);
  }

  /** Registered peers of one hosted party that carry a given partner role. */
  async registeredWithRole(localParty: PartyRef, role: string): Promise<Peer[]> {
    const rows = await this.db
      .selectFrom('peer')
      .selectAll('peer')
      .where('peer.status', '=', 'REGISTERED')
      .where('peer.local_country_code', '=', localParty.countryCode.toUpperCase())
      .where('peer.local_party_id', '=', localParty.partyId.toUpperCase())
      .where((eb) => eb.exists(eb.selectFrom('peer_party').select('peer_id').whereRef('peer_party.peer_id', '=', 'peer.id').where('peer_party.role', '=', role)))
      .orderBy('peer.created_at')
      .execute();
    return rows.map(toPeer);
  }

  /** Another live connection of the same hosted party that already speaks for one of these parties. */
  async conflictingPeer(localParty: PartyRef, roles: StoredCredentialsRole[], exceptPeerId: string): Promise<Peer | null> {
    if (roles.length === 0) return null;
    const row = await this.db
      .selectFrom('peer')
      .innerJoin('peer_party', 'peer_party.peer_id', 'peer.id')
      .selectAll('peer')
      .where('peer.id', '<>', exceptPeerId)
      .where('peer.status', 'in', ['REGISTERED', 'REGISTERING'])
      .where('peer.local_country_code', '=', localParty.countryCode.toUpperCase())
      .where('peer.local_party_id', '=', localParty.partyId.toUpperCase())
      .where((eb) =>
        eb.or(roles.map((r) => eb.and([eb('peer_party.role', '=', r.role), eb('peer_party.country_code', '=', r.country_code.toUpperCase()), eb('peer_party.party_id', '=', r.party_id.toUpperCase())]))),
      )
      .executeTakeFirst();
    return row ? toPeer(row) : null;
  }

  /**
   * Stores the partner's credentials and our new incoming token in one transaction, but only if the
   * peer is still in the state the caller saw (`expectStatus`, `expectTokenHash`): two concurrent
   * registrations with the same token A cannot both succeed.
   */
  async saveCredentials(peerId: string, expect: { status: PeerStatus[]; tokenHash?: string }, credentials: PartnerCredentials): Promise<Peer | null> {
    const saved = await this.db.transaction().execute(async (trx) => {
      const now = new Date();
      let query = trx
        .updateTable('peer')
        .set({
          status: 'REGISTERED',
          incoming_token_hash: credentials.incomingTokenHash,
          pending_token_hash: null,
          outgoing_token: credentials.outgoingToken,
          outgoing_token_encoding: credentials.outgoingTokenEncoding,
          versions_url: credentials.versionsUrl,
          version: credentials.version,
          endpoints: JSON.stringify(credentials.endpoints),
          roles: JSON.stringify(credentials.roles),
          updated_at: now,
          last_contact_at: now,
        })
        .where('id', '=', peerId)
        .where('status', 'in', expect.status);
      if (expect.tokenHash !== undefined) query = query.where('incoming_token_hash', '=', expect.tokenHash);
      const row = await query.returningAll().executeTakeFirst();
      if (!row) return null;
      if (row.registered_at === null) await trx.updateTable('peer').set({ registered_at: now }).where('id', '=', peerId).execute();
      await replaceParties(trx, peerId, credentials.roles);
      return toPeer({ ...row, registered_at: row.registered_at ?? now });
    });
    this.onChange();
    return saved;
  }

  async setStatus(peerId: string, status: PeerStatus): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const cleared = status === 'UNREGISTERED' ? { incoming_token_hash: null, pending_token_hash: null, outgoing_token: null } : {};
      await trx.updateTable('peer').set({ status, updated_at: new Date(), ...cleared }).where('id', '=', peerId).execute();
      if (status === 'UNREGISTERED') await trx.deleteFrom('peer_party').where('peer_id', '=', peerId).execute();
    });
    this.onChange();
  }

  async touch(peerId: string): Promise<void> {
    await this.db.updateTable('peer').set({ last_contact_at: new Date() }).where('id', '=', peerId).execute();
  }

  async remove(peerId: string): Promise<void> {
    await this.db.deleteFrom('peer').where('id', '=', peerId).execute();
    this.onChange();
  }
}

async function replaceParties(trx: Executor, peerId: string, roles: StoredCredentialsRole[]): Promise<void> {
  await trx.deleteFrom('peer_party').where('peer_id', '=', peerId).execute();
  const rows = new Map<string, { peer_id: string; role: string; country_code: string; party_id: string }>();
  for (const r of roles) {
    const row = { peer_id: peerId, role: r.role, country_code: r.country_code.toUpperCase(), party_id: r.party_id.toUpperCase() };
    rows.set(`${row.role}/${row.country_code}/${row.party_id}`, row);
  }
  if (rows.size > 0) await trx.insertInto('peer_party').values([...rows.values()]).execute();
}

function toPeer(row: Selectable<PeerTable>): Peer {
  return {
    id: row.id,
    localParty: { countryCode: row.local_country_code, partyId: row.local_party_id },
    status: row.status,
    versionsUrl: row.versions_url,
    version: row.version,
    endpoints: row.endpoints as Endpoint[],
    roles: row.roles,
    outgoingToken: row.outgoing_token,
    outgoingTokenEncoding: row.outgoing_token_encoding,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    registeredAt: row.registered_at,
    lastContactAt: row.last_contact_at,
  };
}
