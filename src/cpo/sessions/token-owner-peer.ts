import { sameParty, type PartyRef } from '../../ocpi/headers.js';
import type { ModuleId } from '../../ocpi/versions.js';
import { endpointUrl } from '../../peers/peer.js';
import { PeerRepository } from '../../peers/peer-repository.js';
import type { Database } from '../../store/database.js';

export interface PushTarget {
  peerId: string;
  to: PartyRef;
}

/**
 * Where a session or CDR of `local` goes: the registered partner that speaks for the token's eMSP
 * and publishes a `module` Receiver endpoint. Sessions and CDRs go to that eMSP only, never to all
 * partners (OCPI 2.2.1 "CDRs": "only to the relevant eMSP"). Null when no such partner exists: the
 * eMSP can still pull them.
 */
export async function tokenOwnerPeer(db: Database, local: PartyRef, emsp: PartyRef, module: ModuleId): Promise<PushTarget | null> {
  for (const peer of await new PeerRepository(db).registeredWithRole(local, 'EMSP')) {
    const speaksFor = peer.roles.some((r) => r.role === 'EMSP' && sameParty({ countryCode: r.country_code, partyId: r.party_id }, emsp));
    if (speaksFor && endpointUrl(peer, module, 'RECEIVER')) return { peerId: peer.id, to: { countryCode: emsp.countryCode.toUpperCase(), partyId: emsp.partyId.toUpperCase() } };
  }
  return null;
}
