import { formatParty, sameParty, type PartyRef } from '../ocpi/headers.js';
import type { Peer } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';

/**
 * Which platform a party is reached on: the registered connections of a hub party and the parties
 * their credentials listed (OCPI 2.2.1 "Message routing"; a platform registers each party it
 * serves). Read on every forwarded request, so the connections are remembered for `cacheMs`; a
 * party not found is looked up again at once, so a platform that just registered is routable.
 */
export class RoutingTable {
  readonly #cache = new Map<string, { peers: Peer[]; until: number }>();

  constructor(
    private readonly peers: PeerRepository,
    private readonly cacheMs = 2000,
  ) {}

  /** Registered platforms connected to `hub`. */
  async platforms(hub: PartyRef, fresh = false): Promise<Peer[]> {
    const key = formatParty(hub).toUpperCase();
    const cached = this.#cache.get(key);
    if (!fresh && cached && cached.until > Date.now()) return cached.peers;
    const peers = (await this.peers.list()).filter((p) => p.status === 'REGISTERED' && sameParty(p.localParty, hub));
    this.#cache.set(key, { peers, until: Date.now() + this.cacheMs });
    return peers;
  }

  /** The platform serving `party`, preferring a connection where it holds `role`; null when none is connected. */
  async find(hub: PartyRef, party: PartyRef, role: string): Promise<Peer | null> {
    return pick(await this.platforms(hub), party, role) ?? pick(await this.platforms(hub, true), party, role);
  }

  forget(): void {
    this.#cache.clear();
  }
}

function pick(peers: readonly Peer[], party: PartyRef, role: string): Peer | null {
  const holds = (p: Peer, anyRole: boolean) => p.roles.some((r) => (anyRole || r.role === role) && sameParty({ countryCode: r.country_code, partyId: r.party_id }, party));
  return peers.find((p) => holds(p, false)) ?? peers.find((p) => holds(p, true)) ?? null;
}
