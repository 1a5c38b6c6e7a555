import type { TokenEncoding } from '../ocpi/auth-header.js';
import type { PartyRef } from '../ocpi/headers.js';
import type { Endpoint } from '../ocpi/versions.js';
import type { PeerStatus, StoredCredentialsRole } from '../store/tables.js';

/** A partner platform connected to one of our hosted parties. */
export interface Peer {
  id: string;
  localParty: PartyRef;
  status: PeerStatus;
  versionsUrl: string | null;
  version: string | null;
  endpoints: Endpoint[];
  roles: StoredCredentialsRole[];
  outgoingToken: string | null;
  outgoingTokenEncoding: TokenEncoding;
  createdAt: Date;
  updatedAt: Date;
  registeredAt: Date | null;
  lastContactAt: Date | null;
}

/** What operators see of a peer: never a token. */
export interface PeerSummary {
  id: string;
  local_party: string;
  status: PeerStatus;
  parties: Array<{ role: string; country_code: string; party_id: string; name: string }>;
  version: string | null;
  versions_url: string | null;
  endpoints: Endpoint[];
  token_encoding: TokenEncoding;
  created_at: string;
  registered_at: string | null;
  last_contact_at: string | null;
}

export function summarizePeer(peer: Peer): PeerSummary {
  return {
    id: peer.id,
    local_party: `${peer.localParty.countryCode}-${peer.localParty.partyId}`,
    status: peer.status,
    parties: peer.roles.map((r) => ({ role: r.role, country_code: r.country_code, party_id: r.party_id, name: r.business_details.name })),
    version: peer.version,
    versions_url: peer.versionsUrl,
    endpoints: peer.endpoints,
    token_encoding: peer.outgoingTokenEncoding,
    created_at: peer.createdAt.toISOString(),
    registered_at: peer.registeredAt?.toISOString() ?? null,
    last_contact_at: peer.lastContactAt?.toISOString() ?? null,
  };
}

export function endpointUrl(peer: Peer, identifier: string, role: 'SENDER' | 'RECEIVER'): string | null {
  return peer.endpoints.find((e) => e.identifier === identifier && (e.role === role || identifier === 'credentials'))?.url ?? null;
}
