import { asciiUpper } from '../../ids/ci-string.js';
import { isRfidUid, normalizeRfidUid, reverseBytes } from '../../ids/rfid-uid.js';
import { sameParty, type PartyRef } from '../../ocpi/headers.js';
import { requireSameIds } from '../../ocpi/fastify/client-owned-object.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import { Token, TokenPatch } from '../../ocpi/types/tokens.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { PartnerObjectRepository, StoreOutcome } from '../../partner-data/partner-object-repository.js';
import type { PullSpec } from '../../partner-data/partner-sync.js';
import type { Peer } from '../../peers/peer.js';
import { connectionParties } from '../../peers/peer-repository.js';
import type { Database } from '../../store/database.js';

const MODULE = 'tokens';

/** A token of an eMSP partner found for an authorization, and how the charger's uid matched it. */
export interface CachedToken {
  token: Token;
  owner: PartyRef;
  /** The live connection to the token's eMSP. */
  peerId: string;
  match: 'identical' | 'reversed';
}

/**
 * The eMSP partners' tokens a CPO party holds (OCPI 2.2.1 "Tokens", Receiver interface), kept in
 * the shared partner-object store with the token type as object type: (uid, type) is the key.
 */
export class PartnerTokens {
  constructor(
    private readonly db: Database,
    private readonly objects: PartnerObjectRepository,
  ) {}

  /** Stores a whole token the owner pushed or listed; the ids the caller addressed must be the body's. */
  async store(local: PartyRef, owner: PartyRef, body: unknown, peerId: string, addressed?: { uid: string; type: string }): Promise<StoreOutcome> {
    const token = parseOcpi(Token, body);
    requireSameIds(token, { country_code: owner.countryCode, party_id: owner.partyId, ...(addressed && { uid: addressed.uid, type: addressed.type }) });
    return this.objects.put({ local, module: MODULE, owner, id: token.uid, type: token.type }, token, new Date(token.last_updated), peerId);
  }

  /**
   * Applies a PATCH: `last_updated` is mandatory, identifying fields that are present must be the
   * addressed ones, and the patched token must still be a valid Token. An older PATCH changes nothing.
   */
  async patch(local: PartyRef, owner: PartyRef, uid: string, type: string, body: unknown, peerId: string): Promise<StoreOutcome> {
    const patch = parseOcpi(TokenPatch, body);
    const addressed: Record<string, string> = { country_code: owner.countryCode, party_id: owner.partyId, uid, type };
    requireSameIds(patch, Object.fromEntries(Object.entries(addressed).filter(([field]) => (patch as Record<string, unknown>)[field] !== undefined)));
    const current = await this.objects.get({ local, module: MODULE, owner, id: uid, type });
    // 404 with 2004 "Unknown Token", as every receiver of ours answers for an object it does not hold (docs/OCPI.md).
    if (!current) throw new OcpiError(OcpiStatus.UnknownToken, `No ${type} token ${uid} of ${owner.countryCode}-${owner.partyId}: PUT it first`, 404);
    const token = parseOcpi(Token, { ...current.data, ...patch });
    return this.objects.put({ local, module: MODULE, owner, id: uid, type }, token, new Date(patch.last_updated), peerId);
  }

  async get(local: PartyRef, owner: PartyRef, uid: string, type: string): Promise<Token | null> {
    const row = await this.objects.get({ local, module: MODULE, owner, id: uid, type });
    return row ? (row.data as Token) : null;
  }

  async list(local: PartyRef, page: PageRequest): Promise<PageResult<Token>> {
    const result = await this.objects.list(local, MODULE, page);
    return { items: result.items.map((row) => row.data as Token), total: result.total };
  }

  /**
   * The token a charger presented, among the tokens of eMSPs the party is connected to right now.
   * Chargers report uids in any case, with separators, and some in reversed byte order (roaming-domain
   * notes §3.4), so an RFID uid is tried as given, normalised, and reversed; an exact reading wins.
   */
  async findForAuthorization(local: PartyRef, rawUid: string, type: string): Promise<CachedToken | null> {
    const given = asciiUpper(rawUid.trim());
    const exact = new Set([given]);
    const reversed = new Set<string>();
    if (type === 'RFID' && isRfidUid(rawUid)) {
      exact.add(normalizeRfidUid(rawUid));
      reversed.add(reverseBytes(rawUid));
    }
    const rows = await this.db
      .selectFrom('partner_object as o')
      .innerJoin(connectionParties(this.db).as('pp'), (join) => join.onRef('pp.country_code', '=', 'o.country_code').onRef('pp.party_id', '=', 'o.party_id').on('pp.role', '=', 'EMSP'))
      .innerJoin('peer as p', 'p.id', 'pp.peer_id')
      .select(['o.data', 'o.object_key', 'o.country_code', 'o.party_id', 'o.last_updated', 'p.id as peer_id'])
      .where('o.module', '=', MODULE)
      .where('o.object_key', 'in', [...exact, ...reversed])
      .where('o.local_country_code', '=', local.countryCode.toUpperCase())
      .where('o.local_party_id', '=', local.partyId.toUpperCase())
      .where('o.object_type', '=', type)
      .where('p.status', '=', 'REGISTERED')
      .where('p.local_country_code', '=', local.countryCode.toUpperCase())
      .where('p.local_party_id', '=', local.partyId.toUpperCase())
      .execute();
    const ranked = rows
      .map((row) => ({ row, match: exact.has(row.object_key) ? ('identical' as const) : ('reversed' as const) }))
      .sort((a, b) => (a.match === b.match ? new Date(b.row.last_updated).getTime() - new Date(a.row.last_updated).getTime() : a.match === 'identical' ? -1 : 1));
    const best = ranked[0];
    if (!best) return null;
    return { token: best.row.data as Token, owner: { countryCode: best.row.country_code, partyId: best.row.party_id }, peerId: best.row.peer_id, match: best.match };
  }

  /** Pulling an eMSP's Sender list: each token is stored under the owner it names, if the partner speaks for it. */
  pullSpec(): PullSpec {
    return {
      module: MODULE,
      ownerRole: 'EMSP',
      store: async (item, peer) => {
        const owner = ownerOf(item, peer);
        await this.store(peer.localParty, owner, item, peer.id);
      },
    };
  }
}

function ownerOf(item: unknown, peer: Peer): PartyRef {
  const body = (item ?? {}) as { country_code?: unknown; party_id?: unknown };
  if (typeof body.country_code !== 'string' || typeof body.party_id !== 'string') throw OcpiError.invalid('Invalid field country_code/party_id: missing');
  const owner = { countryCode: body.country_code, partyId: body.party_id };
  if (!peer.roles.some((r) => r.role === 'EMSP' && sameParty({ countryCode: r.country_code, partyId: r.party_id }, owner))) {
    throw OcpiError.invalid(`Invalid field country_code/party_id: ${owner.countryCode}-${owner.partyId} is not an eMSP party of this partner`);
  }
  return owner;
}
