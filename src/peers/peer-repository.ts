import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { TokenEncoding } from '../ocpi/auth-header.js';
import type { PartyRef } from '../ocpi/headers.js';
import type { Endpoint } from '../ocpi/versions.js';
import type { Database } from '../store/database.js';
import type { PeerStatus, PeerTable, StoredCredentialsRole } from '../store/tables.js';
import type { HubConnectionStatus } from '../store/tables/hub-tables.js';
import type { Peer } from './peer.js';

type Executor = Pick<Database, 'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom'>;

/**
 * ClientInfo statuses under which a party behind a hub counts as a party of the hub connection:
 * OFFLINE ones too, so requests to them reach the hub and get its 4003 instead of vanishing here.
 */
const REACHABLE: HubConnectionStatus[] = ['CONNECTED', 'OFFLINE'];

/** A party a hub told us about (OCPI 2.2.1 "HubClientInfo"), as the connection to that hub keeps it. */
export interface ReachableParty {
  peerId: string;
  countryCode: string;
  partyId: string;
  role: string;
  status: HubConnectionStatus;
  lastUpdated: Date;
}

/**
 * Every (connection, party) pair: the parties a partner's credentials list, and the parties reachable
 * through a hub connection. For queries that join a partner's objects to the connection speaking for it.
 */
export function connectionParties(db: Database) {
  return db
    .selectFrom('peer_party')
    .select(['peer_id', 'role', 'country_code', 'party_id'])
    .unionAll(db.selectFrom('hub_reachable_party').select(['peer_id', 'role', 'country_code', 'party_id']).where('status', 'in', REACHABLE));
}

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
    // Authentication takes every party the hub speaks for, also one we reach directly: a hub may
    // still forward its requests.
    return row ? ((await this.withReachable([row], { evenIfDirect: true }))[0] ?? null) : null;
  }

  async setPendingToken(peerId: string, hash: string | null): Promise<void> {
    await this.db.updateTable('peer').set({ pending_token_hash: hash }).where('id', '=', peerId).execute();
    this.onChange();
  }

  async findById(id: string): Promise<Peer | null> {
    const row = await this.db.selectFrom('peer').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? ((await this.withReachable([row]))[0] ?? null) : null;
  }

  async list(): Promise<Peer[]> {
    const rows = await this.db.selectFrom('peer').selectAll().orderBy('created_at').orderBy('id').execute();
    return this.withReachable(rows);
  }

  /** Registered peers of one hosted party that carry a given partner role, directly or behind a hub. */
  async registeredWithRole(localParty: PartyRef, role: string): Promise<Peer[]> {
    const rows = await this.db
      .selectFrom('peer')
      .selectAll('peer')
      .where('peer.status', '=', 'REGISTERED')
      .where('peer.local_country_code', '=', localParty.countryCode.toUpperCase())
      .where('peer.local_party_id', '=', localParty.partyId.toUpperCase())
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('peer_party').select('peer_id').whereRef('peer_party.peer_id', '=', 'peer.id').where('peer_party.role', '=', role)),
          eb.exists(eb.selectFrom('hub_reachable_party').select('peer_id').whereRef('hub_reachable_party.peer_id', '=', 'peer.id').where('hub_reachable_party.role', '=', role).where('hub_reachable_party.status', 'in', REACHABLE)),
        ]),
      )
      .orderBy('peer.created_at')
      .execute();
    return (await this.withReachable(rows)).filter((peer) => peer.roles.some((r) => r.role === role));
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

  /**
   * Keeps what a hub told us about one of its parties (its ClientInfo). An older `last_updated`
   * than the one held changes nothing; returns whether it was stored.
   */
  async saveReachableParty(party: ReachableParty): Promise<boolean> {
    const now = new Date();
    const values = {
      peer_id: party.peerId,
      country_code: party.countryCode.toUpperCase(),
      party_id: party.partyId.toUpperCase(),
      role: party.role,
      status: party.status,
      last_updated: party.lastUpdated,
      received_at: now,
    };
    const row = await this.db
      .insertInto('hub_reachable_party')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['peer_id', 'country_code', 'party_id', 'role'])
          .doUpdateSet({ status: values.status, last_updated: values.last_updated, received_at: now })
          .where('hub_reachable_party.last_updated', '<=', values.last_updated),
      )
      .returning('peer_id')
      .executeTakeFirst();
    if (row) this.onChange();
    return row !== undefined;
  }

  /** The parties hub connections told us about, optionally of one connection. */
  async reachableParties(peerId?: string): Promise<ReachableParty[]> {
    let query = this.db.selectFrom('hub_reachable_party').selectAll().orderBy('peer_id').orderBy('country_code').orderBy('party_id').orderBy('role');
    if (peerId) query = query.where('peer_id', '=', peerId);
    const rows = await query.execute();
    return rows.map((r) => ({ peerId: r.peer_id, countryCode: r.country_code, partyId: r.party_id, role: r.role, status: r.status, lastUpdated: r.last_updated }));
  }

  /**
   * Peers with the parties reachable through them added to their roles when they are hubs, so that
   * every partner lookup (pushes, pulls, authentication of forwarded requests) sees the parties
   * behind a hub as parties of the hub connection. A party this hosted party is also connected to
   * directly is reached directly, not through the hub (unless `evenIfDirect`).
   */
  private async withReachable(rows: Selectable<PeerTable>[], options: { evenIfDirect?: boolean } = {}): Promise<Peer[]> {
    const peers = rows.map(toPeer);
    const hubs = peers.filter((p) => p.roles.some((r) => r.role === 'HUB'));
    if (hubs.length === 0) return peers;
    let query = this.db
      .selectFrom('hub_reachable_party as r')
      .innerJoin('peer as h', 'h.id', 'r.peer_id')
      .select(['r.peer_id', 'r.role', 'r.country_code', 'r.party_id'])
      .where('r.peer_id', 'in', hubs.map((p) => p.id))
      .where('r.status', 'in', REACHABLE);
    if (!options.evenIfDirect) {
      query = query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('peer_party as pp')
              .innerJoin('peer as p', 'p.id', 'pp.peer_id')
              .select(sql<number>`1`.as('one'))
              .where('p.status', '=', 'REGISTERED')
              .whereRef('p.id', '<>', 'r.peer_id')
              .whereRef('p.local_country_code', '=', 'h.local_country_code')
              .whereRef('p.local_party_id', '=', 'h.local_party_id')
              .whereRef('pp.role', '=', 'r.role')
              .whereRef('pp.country_code', '=', 'r.country_code')
              .whereRef('pp.party_id', '=', 'r.party_id'),
          ),
        ),
      );
    }
    const reachable = await query.orderBy('r.country_code').orderBy('r.party_id').execute();
    for (const party of reachable) {
      const hub = hubs.find((p) => p.id === party.peer_id)!;
      hub.roles = [...hub.roles, { role: party.role, country_code: party.country_code, party_id: party.party_id, business_details: { name: `${party.country_code}-${party.party_id} (through the hub)` } }];
    }
    return peers;
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
