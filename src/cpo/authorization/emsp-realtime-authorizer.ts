import { OcpiClient } from '../../ocpi/ocpi-client.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import { AuthorizationInfo, type LocationReferences } from '../../ocpi/types/tokens.js';
import { parseOcpi } from '../../ocpi/validation.js';
import { joinUrl } from '../../ocpi/versions.js';
import { endpointUrl } from '../../peers/peer.js';
import type { PeerRepository } from '../../peers/peer-repository.js';
import type { CachedToken } from '../tokens/partner-tokens.js';

export type RealtimeOutcome =
  | { kind: 'answer'; info: AuthorizationInfo }
  | { kind: 'unknown_token' }
  /** The eMSP refused the request (2xxx): an answer, not an outage. */
  | { kind: 'refused'; message: string }
  /** Timeout, transport failure, 3xxx/4xxx, HTTP error, or an answer that is not an AuthorizationInfo. */
  | { kind: 'no_answer'; message: string };

/** Asks a token's eMSP; an interface so tests can play an eMSP that answers, refuses or is gone. */
export interface RealtimeAuthorizer {
  authorize(cached: CachedToken, local: PartyRef, location: LocationReferences | null): Promise<RealtimeOutcome>;
}

/**
 * `POST {tokens endpoint}/{uid}/authorize?type=` on the token's eMSP (OCPI 2.2.1 "Tokens", Sender
 * POST), through a client whose timeout suits a driver waiting at the charger.
 */
export class EmspRealtimeAuthorizer implements RealtimeAuthorizer {
  constructor(
    private readonly peers: PeerRepository,
    private readonly client: OcpiClient,
  ) {}

  async authorize(cached: CachedToken, local: PartyRef, location: LocationReferences | null): Promise<RealtimeOutcome> {
    const peer = await this.peers.findById(cached.peerId);
    if (!peer || peer.status !== 'REGISTERED' || !peer.outgoingToken) return { kind: 'no_answer', message: `partner ${cached.peerId} is not registered` };
    const base = endpointUrl(peer, 'tokens', 'SENDER');
    if (!base) return { kind: 'no_answer', message: `partner ${cached.peerId} publishes no tokens SENDER endpoint` };
    const url = `${joinUrl(base, cached.token.uid, 'authorize')}?type=${encodeURIComponent(cached.token.type)}`;
    let data: unknown;
    try {
      data = (await this.client.request<unknown>('POST', url, { token: peer.outgoingToken, encoding: peer.outgoingTokenEncoding, routing: { from: local, to: cached.owner } }, location ?? undefined)).envelope.data;
    } catch (error) {
      if (!(error instanceof OcpiError)) throw error;
      // Unknown token: the spec names both HTTP 404 and OCPI 2004; either is taken as that answer.
      if (error.httpStatus === 404 || error.statusCode === OcpiStatus.UnknownToken) return { kind: 'unknown_token' };
      const clientError = error.statusCode >= 2000 && error.statusCode < 3000 && (error.httpStatus === 200 || error.httpStatus === 400);
      return clientError ? { kind: 'refused', message: error.message } : { kind: 'no_answer', message: error.message };
    }
    try {
      return { kind: 'answer', info: parseOcpi(AuthorizationInfo, data, 'data') };
    } catch (error) {
      if (error instanceof OcpiError) return { kind: 'no_answer', message: `the eMSP's AuthorizationInfo is unusable: ${error.message}` };
      throw error;
    }
  }
}
