import type { CallerResolver, OcpiCaller } from '../ocpi/fastify/ocpi-caller.js';
import type { HostedParties } from './hosted-parties.js';
import type { PeerRepository } from './peer-repository.js';
import { hashToken } from './secret-token.js';

/**
 * Authenticates OCPI callers against the peer registry by the hash of their credentials token.
 * Answers are remembered for `cacheMs` (default 2 s): every OCPI request authenticates, and a
 * registry read per request would cost more than the request itself. Changes made in this process
 * take effect at once (`forget`); a token revoked through another process works at most `cacheMs`
 * longer.
 */
export class PeerCallerResolver implements CallerResolver {
  readonly #cache = new Map<string, { caller: OcpiCaller | null; until: number }>();

  constructor(
    private readonly peers: PeerRepository,
    private readonly hosted: HostedParties,
    private readonly cacheMs = 2000,
  ) {}

  /** Drops every remembered answer: called after any credentials change. */
  forget(): void {
    this.#cache.clear();
  }

  async resolve(tokenCandidates: string[]): Promise<OcpiCaller | null> {
    const key = tokenCandidates.join('\n');
    const now = Date.now();
    const cached = this.#cache.get(key);
    if (cached && cached.until > now) return cached.caller;
    const caller = await this.lookup(tokenCandidates);
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(key, { caller, until: now + this.cacheMs });
    return caller;
  }

  private async lookup(tokenCandidates: string[]): Promise<OcpiCaller | null> {
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
