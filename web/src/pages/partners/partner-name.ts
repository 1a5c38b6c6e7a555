import type { Peer } from '../../api/types';

/** A partner as operators name it: its parties (`DE-MSP`), or undefined for an unknown peer. */
export function partnerName(peer: Peer | undefined): string | undefined {
  if (!peer) return undefined;
  return peer.parties.length ? peer.parties.map((p) => `${p.country_code}-${p.party_id}`).join(', ') : peer.versions_url ?? peer.id;
}

/** Every partner party of every peer, for filters and forms: `DE-MSP` with its name and role. */
export function partnerParties(peers: Peer[], localParty?: string): Array<{ party: string; name: string; role: string }> {
  const seen = new Map<string, { party: string; name: string; role: string }>();
  for (const peer of peers) {
    if (localParty && peer.local_party !== localParty) continue;
    for (const p of peer.parties) {
      const party = `${p.country_code}-${p.party_id}`;
      if (!seen.has(party)) seen.set(party, { party, name: p.name, role: p.role });
    }
  }
  return [...seen.values()];
}
