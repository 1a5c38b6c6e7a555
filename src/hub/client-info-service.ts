import type { FastifyBaseLogger } from 'fastify';
import type { Selectable } from 'kysely';
import { formatOcpiDateTime } from '../ocpi/datetime.js';
import { formatParty, sameParty, type PartyRef } from '../ocpi/headers.js';
import type { OcpiClient } from '../ocpi/ocpi-client.js';
import type { PageRequest, PageResult } from '../ocpi/pagination.js';
import type { ClientInfo } from '../ocpi/types/hubclientinfo.js';
import { enqueue } from '../outbox/outbox.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { endpointUrl, type Peer } from '../peers/peer.js';
import type { Database } from '../store/database.js';
import { fetchPage } from '../store/paged-query.js';
import type { HubClientTable } from '../store/tables/hub-tables.js';
import type { AgreementBook } from './agreement-book.js';
import type { RoutingTable } from './routing-table.js';

export type HubClient = Selectable<HubClientTable>;

export interface ClientInfoTiming {
  /** A party silent this long gets its versions endpoint probed (the spec suggests about 5 minutes). */
  silentAfterMs: number;
}

/**
 * The hub's HubClientInfo (OCPI 2.2.1 "HubClientInfo"): the connection status of every party on a
 * platform connected to a HUB party, kept in step with registrations, with the outcome of forwarded
 * requests, and with still-alive probes of the platforms' versions endpoints. Every change is
 * pushed (PUT, through the outbox) to the platforms whose parties may exchange messages with that
 * party under the roaming agreements: ClientInfo lists "the parties they can communicate with",
 * and a party outside the agreements is PLANNED to them (the spec's state for parties without a
 * contract).
 */
export class ClientInfoService {
  /** Last time each platform was heard from or answered, for the still-alive check. */
  readonly #heard = new Map<string, number>();
  readonly #startedAt = Date.now();
  /** Platforms known OFFLINE, so that a successful forward costs no write unless one comes back. */
  readonly #offline = new Set<string>();

  constructor(
    private readonly deps: { db: Database; routing: RoutingTable; agreements: AgreementBook; client: OcpiClient; wakeOutbox: () => void; log: FastifyBaseLogger },
    private readonly timing: ClientInfoTiming = { silentAfterMs: 5 * 60_000 },
  ) {}

  heard(peerId: string): void {
    this.#heard.set(peerId, Date.now());
  }

  /** A forwarded request was answered: the platform is connected (again). */
  async answered(hub: PartyRef, peer: Peer): Promise<void> {
    this.heard(peer.id);
    if (this.#offline.has(peer.id)) await this.setPlatformStatus(hub, peer.id, 'CONNECTED');
  }

  /** A forwarded request found the platform unreachable: its parties are OFFLINE until it answers again. */
  async unreachable(hub: PartyRef, peer: Peer): Promise<void> {
    if (!this.#offline.has(peer.id)) await this.setPlatformStatus(hub, peer.id, 'OFFLINE');
  }

  /**
   * Brings the published statuses in line with the registrations: a party on a newly registered
   * platform is CONNECTED (and that platform is told about the parties it may reach), a party whose
   * platform unregistered is SUSPENDED (ClientInfo objects are never deleted).
   */
  async reconcile(hub: PartyRef): Promise<void> {
    const platforms = await this.deps.routing.platforms(hub, true);
    const current = new Map<string, { peer: Peer; countryCode: string; partyId: string; role: string }>();
    for (const peer of platforms) {
      for (const r of peer.roles) if (r.role !== 'HUB') current.set(clientKey(r.country_code, r.party_id, r.role), { peer, countryCode: r.country_code.toUpperCase(), partyId: r.party_id.toUpperCase(), role: r.role });
    }
    const rows = await this.rows(hub);
    this.#offline.clear();
    for (const row of rows) if (row.status === 'OFFLINE') this.#offline.add(row.peer_id);
    const held = (key: string) => rows.find((r) => clientKey(r.country_code, r.party_id, r.role) === key);
    const connecting = [...current].filter(([key, party]) => {
      const row = held(key);
      return !row || row.peer_id !== party.peer.id || row.status === 'SUSPENDED';
    });
    const leaving = rows.filter((row) => row.status !== 'SUSPENDED' && !current.has(clientKey(row.country_code, row.party_id, row.role)));
    if (connecting.length === 0 && leaving.length === 0) return;

    const changed: HubClient[] = [];
    const introduced = new Set<Peer>();
    const now = new Date();
    await this.deps.db.transaction().execute(async (trx) => {
      for (const [key, party] of connecting) {
        const row = held(key);
        // Conditional writes: another hub process reconciling at the same time changes each row once.
        const saved = row
          ? await trx.updateTable('hub_client').set({ status: 'CONNECTED', peer_id: party.peer.id, last_updated: now }).where('seq', '=', row.seq).where('status', '=', row.status).returningAll().executeTakeFirst()
          : await trx
              .insertInto('hub_client')
              .values({ hub_country_code: up(hub.countryCode), hub_party_id: up(hub.partyId), country_code: party.countryCode, party_id: party.partyId, role: party.role, peer_id: party.peer.id, status: 'CONNECTED', last_updated: now })
              .onConflict((oc) => oc.doNothing())
              .returningAll()
              .executeTakeFirst();
        if (saved) {
          changed.push(saved);
          introduced.add(party.peer);
          this.#offline.delete(saved.peer_id);
        }
      }
      for (const row of leaving) {
        const saved = await trx.updateTable('hub_client').set({ status: 'SUSPENDED', last_updated: now }).where('seq', '=', row.seq).where('status', '=', row.status).returningAll().executeTakeFirst();
        if (saved) changed.push(saved);
      }
      const all = await trx.selectFrom('hub_client').selectAll().where('hub_country_code', '=', up(hub.countryCode)).where('hub_party_id', '=', up(hub.partyId)).execute();
      await enqueue(trx, [...(await this.announce(hub, platforms, changed)), ...(await this.introduce(hub, [...introduced], all))]);
    });
    if (changed.length > 0) this.deps.wakeOutbox();
  }

  /**
   * The still-alive check: a GET of the versions endpoint of every platform that is OFFLINE (to see
   * it return) or CONNECTED but silent for `silentAfterMs` ("HubClientInfo", still alive check).
   */
  async probe(hub: PartyRef): Promise<void> {
    const rows = (await this.rows(hub)).filter((r) => r.status === 'CONNECTED' || r.status === 'OFFLINE');
    const silentSince = Date.now() - this.timing.silentAfterMs;
    const due = new Set(rows.filter((r) => r.status === 'OFFLINE' || (this.#heard.get(r.peer_id) ?? this.#startedAt) < silentSince).map((r) => r.peer_id));
    if (due.size === 0) return;
    const platforms = await this.deps.routing.platforms(hub, true);
    for (const peerId of due) {
      const peer = platforms.find((p) => p.id === peerId);
      if (!peer?.versionsUrl || !peer.outgoingToken) continue;
      try {
        await this.deps.client.get(peer.versionsUrl, { token: peer.outgoingToken, encoding: peer.outgoingTokenEncoding });
        await this.answered(hub, peer);
      } catch (error) {
        this.deps.log.info({ peerId, reason: error instanceof Error ? error.message : String(error) }, 'hub still-alive probe failed');
        await this.unreachable(hub, peer);
      }
    }
  }

  /**
   * After an agreement changed: each side's platform learns the other party's status, or PLANNED
   * when they may no longer exchange messages.
   */
  async agreementChanged(hub: PartyRef, emsp: PartyRef, cpo: PartyRef): Promise<void> {
    const platforms = await this.deps.routing.platforms(hub, true);
    const rows = await this.rows(hub);
    const now = new Date();
    const messages: OutboxMessage[] = [];
    for (const [viewer, other, role] of [[emsp, cpo, 'CPO'], [cpo, emsp, 'EMSP']] as const) {
      const platform = platforms.find((p) => p.roles.some((r) => sameParty(partyOf(r), viewer)));
      if (!platform || !endpointUrl(platform, 'hubclientinfo', 'RECEIVER')) continue;
      const held = rows.filter((r) => sameParty(partyOf(r), other));
      // A party with an agreement that never connected is PLANNED too ("planned, but has never been connected").
      const infos: Array<Pick<HubClient, 'country_code' | 'party_id' | 'role' | 'status'>> = held.length > 0 ? held : [{ country_code: up(other.countryCode), party_id: up(other.partyId), role, status: 'PLANNED' }];
      const allowed = await this.deps.agreements.allows(hub, viewer, other);
      for (const info of infos) messages.push(clientInfoMessage(hub, platform, viewer, { ...info, status: allowed ? info.status : 'PLANNED' }, now));
    }
    await enqueue(this.deps.db, messages);
    if (messages.length > 0) this.deps.wakeOutbox();
  }

  /** The ClientInfo objects a platform holding `viewers` may see, paginated (the hub's Sender interface). */
  async visibleTo(hub: PartyRef, viewers: readonly PartyRef[], callerPeerId: string, page: PageRequest): Promise<PageResult<ClientInfo>> {
    const partners: PartyRef[] = [];
    for (const viewer of viewers) partners.push(...(await this.deps.agreements.partnersOf(hub, viewer)));
    if (partners.length === 0) return { items: [], total: 0 };
    const query = this.deps.db
      .selectFrom('hub_client')
      .selectAll()
      .where('hub_country_code', '=', up(hub.countryCode))
      .where('hub_party_id', '=', up(hub.partyId))
      .where('peer_id', '<>', callerPeerId)
      .where((eb) => eb.or(partners.map((p) => eb.and([eb('country_code', '=', up(p.countryCode)), eb('party_id', '=', up(p.partyId))]))));
    const result = await fetchPage(query, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map(toClientInfo), total: result.total };
  }

  /** Every party the hub tracks, for operators. */
  rows(hub: PartyRef): Promise<HubClient[]> {
    return this.deps.db
      .selectFrom('hub_client')
      .selectAll()
      .where('hub_country_code', '=', up(hub.countryCode))
      .where('hub_party_id', '=', up(hub.partyId))
      .orderBy('seq')
      .execute();
  }

  private async setPlatformStatus(hub: PartyRef, peerId: string, status: 'CONNECTED' | 'OFFLINE'): Promise<void> {
    const from = status === 'CONNECTED' ? 'OFFLINE' : 'CONNECTED';
    const platforms = await this.deps.routing.platforms(hub);
    const changed = await this.deps.db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('hub_client')
        .set({ status, last_updated: new Date() })
        .where('hub_country_code', '=', up(hub.countryCode))
        .where('hub_party_id', '=', up(hub.partyId))
        .where('peer_id', '=', peerId)
        .where('status', '=', from)
        .returningAll()
        .execute();
      await enqueue(trx, await this.announce(hub, platforms, rows));
      return rows;
    });
    if (status === 'OFFLINE') this.#offline.add(peerId);
    else this.#offline.delete(peerId);
    if (changed.length > 0) {
      this.deps.log.info({ peerId, status, parties: changed.map((r) => `${r.country_code}-${r.party_id}`) }, 'hub client status changed');
      this.deps.wakeOutbox();
    }
  }

  /** ClientInfo PUTs telling every other platform that may reach a changed party about it. */
  private async announce(hub: PartyRef, platforms: readonly Peer[], changed: readonly HubClient[]): Promise<OutboxMessage[]> {
    const messages: OutboxMessage[] = [];
    for (const row of changed) {
      for (const platform of platforms) {
        if (platform.id === row.peer_id || !endpointUrl(platform, 'hubclientinfo', 'RECEIVER')) continue;
        const viewer = await this.viewerOf(hub, platform, partyOf(row));
        if (viewer) messages.push(clientInfoMessage(hub, platform, viewer, row, new Date()));
      }
    }
    return messages;
  }

  /** ClientInfo PUTs telling newly connected platforms about every party they may reach. */
  private async introduce(hub: PartyRef, platforms: readonly Peer[], rows: readonly HubClient[]): Promise<OutboxMessage[]> {
    const messages: OutboxMessage[] = [];
    for (const platform of platforms) {
      if (!endpointUrl(platform, 'hubclientinfo', 'RECEIVER')) continue;
      for (const row of rows) {
        if (row.peer_id === platform.id) continue;
        const viewer = await this.viewerOf(hub, platform, partyOf(row));
        if (viewer) messages.push(clientInfoMessage(hub, platform, viewer, row, new Date()));
      }
    }
    return messages;
  }

  /** The party of `platform` that may exchange messages with `party`, if any. */
  private async viewerOf(hub: PartyRef, platform: Peer, party: PartyRef): Promise<PartyRef | null> {
    for (const r of platform.roles) {
      if (await this.deps.agreements.allows(hub, partyOf(r), party)) return partyOf(r);
    }
    return null;
  }
}

/**
 * A ClientInfo PUT to one platform. `last_updated` is the time of the push: what a platform is told
 * depends on its agreements as well as on the party's status, so each push supersedes the last one
 * it received.
 */
function clientInfoMessage(hub: PartyRef, platform: Peer, viewer: PartyRef, party: Pick<HubClient, 'country_code' | 'party_id' | 'role' | 'status'>, at: Date): OutboxMessage {
  const info = toClientInfo({ ...party, last_updated: at });
  return {
    peerId: platform.id,
    kind: 'hubclientinfo.put',
    module: 'hubclientinfo',
    interfaceRole: 'RECEIVER',
    method: 'PUT',
    path: [info.country_code, info.party_id],
    body: info,
    from: hub,
    to: viewer,
    reference: formatParty({ countryCode: info.country_code, partyId: info.party_id }),
  };
}

function toClientInfo(row: Pick<HubClient, 'country_code' | 'party_id' | 'role' | 'status' | 'last_updated'>): ClientInfo {
  return { party_id: row.party_id, country_code: row.country_code, role: row.role as ClientInfo['role'], status: row.status, last_updated: formatOcpiDateTime(new Date(row.last_updated)) };
}

function partyOf(r: { country_code: string; party_id: string }): PartyRef {
  return { countryCode: r.country_code, partyId: r.party_id };
}

function clientKey(countryCode: string, partyId: string, role: string): string {
  return `${up(countryCode)}-${up(partyId)}/${role}`;
}

function up(value: string): string {
  return value.toUpperCase();
}
