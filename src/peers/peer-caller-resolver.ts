import type { CallerResolver, OcpiCaller } from '../ocpi/fastify/ocpi-caller.js';
import type { HostedParties } from './hosted-parties.js';
import type { PeerRepository } from './peer-repository.js';
import { hashToken } from './secret-token.js';

/** Authenticates OCPI callers against the peer registry by the hash of their credentials token. */
export class PeerCallerResolver implements CallerResolver {
  constructor(
    private readonly peers: PeerRepository,
    private readonly hosted: HostedParties,
  ) {}

  async resolve(tokenCandidates: string[]): Promise<OcpiCaller | null> {
    for (const token of tokenCandidates) {
      const peer = await this.peers.findByTokenHash(hashToken(token));
      if (!peer || peer.status === 'UNREGISTERED') continue;
      const party = this.hosted.find(peer.localParty);
      if (!party) return null;
      return {
        peerId: peer.id,
        stage: peer.status === 'REGISTERED' ? 'registered' : 'pending',
        localParty: { countryCode: party.countryCode, partyId: party.partyId },
        localRoles: party.roles,
        parties: peer.roles.map((r) => ({ role: r.role, countryCode: r.country_code, partyId: r.party_id })),
        token,
      };
    }
    return null;
  }
}
