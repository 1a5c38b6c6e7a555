import type { FastifyBaseLogger } from 'fastify';
import type { OcpiClient } from '../ocpi/ocpi-client.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { formatOcpiDateTime } from '../ocpi/datetime.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import type { PlatformRole } from '../ocpi/versions.js';
import { endpointUrl, type Peer } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { Database } from '../store/database.js';
import type { PartnerObjectRepository } from './partner-object-repository.js';

export type PullMode = 'full' | 'delta';

/** How one module reads a partner's list: which role owns the data, and how to store one object. */
export interface PullSpec {
  module: string;
  /** The partner role that owns the module's objects: CPO for locations and tariffs, EMSP for tokens. */
  ownerRole: string;
  /**
   * The role of our party that keeps what is pulled: by default the one the owner pushes to (EMSP
   * for what CPOs own, CPO for what eMSPs own); HUB for a hub's own copies.
   */
  holderRole?: PlatformRole;
  /** The `partner_object` module the objects are kept under, when not `module`: what a full pull drops from. */
  storedAs?: string;
  /** Validates and stores one object; throws OcpiError for an object it refuses. */
  store(item: unknown, peer: Peer): Promise<void>;
}

/** Whether a party holding `roles` keeps what `spec` pulls: each pull runs only at the parties it serves. */
export function keepsPulls(spec: PullSpec, roles: readonly PlatformRole[]): boolean {
  return roles.includes(spec.holderRole ?? (spec.ownerRole === 'CPO' ? 'EMSP' : 'CPO'));
}

export interface PullReport {
  peer_id: string;
  module: string;
  mode: PullMode;
  received: number;
  refused: Array<{ index: number; reason: string }>;
  dropped: number;
  date_from: string | null;
}

/**
 * Pulls a partner's Sender list through its pagination: the resync OCPI relies on after downtime
 * (pull is mandatory, push optional). A delta pull asks from the start of the last successful pull;
 * a full pull also drops what the partner no longer lists. One bad object is refused and reported,
 * it does not fail the pull.
 */
export class PartnerSync {
  constructor(
    private readonly deps: { db: Database; peers: PeerRepository; client: OcpiClient; objects: PartnerObjectRepository; log: FastifyBaseLogger },
  ) {}

  async pull(peerId: string, spec: PullSpec, mode: PullMode): Promise<PullReport> {
    const { db, peers, client, objects } = this.deps;
    const peer = await peers.findById(peerId);
    if (!peer || peer.status !== 'REGISTERED' || !peer.outgoingToken) throw OcpiError.notFound(`No registered peer ${peerId}`);
    const base = endpointUrl(peer, spec.module, 'SENDER');
    if (!base) throw new OcpiError(OcpiStatus.NoMatchingEndpoints, `Partner ${peerId} publishes no ${spec.module} SENDER endpoint`);
    const owners = peer.roles.filter((r) => r.role === spec.ownerRole).map((r) => ({ countryCode: r.country_code, partyId: r.party_id }));
    if (owners.length === 0) throw new OcpiError(OcpiStatus.NoMatchingEndpoints, `Partner ${peerId} has no ${spec.ownerRole} party`);
    // Through a hub the list is addressed to the hub itself, which answers with every owner's
    // objects we may see (OCPI 2.2.1 "Message routing", GET all via a hub).
    const hub = peer.roles.find((r) => r.role === 'HUB');
    const to = hub ? { countryCode: hub.country_code, partyId: hub.party_id } : owners[0]!;

    const state = await db.selectFrom('partner_sync').selectAll().where('peer_id', '=', peerId).where('module', '=', spec.module).executeTakeFirst();
    const dateFrom = mode === 'delta' ? (state?.next_delta_from ?? null) : null;
    const startedAt = new Date();
    const url = dateFrom ? `${base}?date_from=${encodeURIComponent(formatOcpiDateTime(dateFrom))}` : base;
    const report: PullReport = { peer_id: peerId, module: spec.module, mode, received: 0, refused: [], dropped: 0, date_from: dateFrom ? formatOcpiDateTime(dateFrom) : null };

    try {
      for await (const page of client.crawl<unknown>(url, { token: peer.outgoingToken, encoding: peer.outgoingTokenEncoding, routing: { from: peer.localParty, to } })) {
        for (const item of page) {
          const index = report.received++;
          try {
            await spec.store(item, peer);
          } catch (error) {
            if (!(error instanceof OcpiError)) throw error;
            report.refused.push({ index, reason: error.message });
          }
        }
      }
      if (mode === 'full') report.dropped = await objects.dropUnseen(peer.localParty, spec.storedAs ?? spec.module, owners, startedAt);
      await this.saveState(peerId, spec.module, { next_delta_from: startedAt, last_full_at: mode === 'full' ? startedAt : (state?.last_full_at ?? null), last_error: null, last_object_count: report.received });
      this.deps.log.info({ peerId, module: spec.module, mode, received: report.received, refused: report.refused.length, dropped: report.dropped }, 'partner pull finished');
      return report;
    } catch (error) {
      await this.saveState(peerId, spec.module, { next_delta_from: state?.next_delta_from ?? null, last_full_at: state?.last_full_at ?? null, last_error: error instanceof Error ? error.message : String(error), last_object_count: report.received });
      throw error;
    }
  }

  private async saveState(peerId: string, module: string, values: { next_delta_from: Date | null; last_full_at: Date | null; last_error: string | null; last_object_count: number }): Promise<void> {
    const row = { peer_id: peerId, module, last_run_at: new Date(), ...values };
    await this.deps.db
      .insertInto('partner_sync')
      .values(row)
      .onConflict((oc) => oc.columns(['peer_id', 'module']).doUpdateSet(row))
      .execute();
  }
}
