import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { formatParty, type PartyRef } from '../ocpi/headers.js';
import type { Endpoint } from '../ocpi/versions.js';
import type { OcpiClient } from '../ocpi/ocpi-client.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import { Credentials } from '../ocpi/types/credentials.js';
import { findProblems } from '../ocpi/validation.js';
import { endpointUrl, type Peer } from './peer.js';
import type { CredentialsService } from './credentials-service.js';
import type { HostedParties, HostedParty } from './hosted-parties.js';
import { discoverPlatform } from './partner-discovery.js';
import type { PeerRepository } from './peer-repository.js';
import { hashToken, newCredentialsToken } from './secret-token.js';

export interface Invitation {
  versions_url: string;
  token: string;
}

export interface RegistrationServiceDeps {
  peers: PeerRepository;
  hosted: HostedParties;
  client: OcpiClient;
  credentials: CredentialsService;
  versionsUrl: string;
  log: FastifyBaseLogger;
}

/**
 * The operator's side of partner connections: inviting a partner (token A), registering with a
 * partner that invited us, rotating our token and unregistering (OCPI 2.2.1 "Credentials").
 */
export class RegistrationService {
  constructor(private readonly deps: RegistrationServiceDeps) {}

  /** A one-time token A for a new partner of `party`; only its hash is stored. */
  async invite(party: PartyRef): Promise<Invitation> {
    const hosted = this.hostedParty(party);
    const tokenA = newCredentialsToken();
    await this.deps.peers.create(hosted, 'INVITED', hashToken(tokenA));
    return { versions_url: this.deps.versionsUrl, token: tokenA };
  }

  /**
   * The handshake from our side, as the spec's "party S": read the partner's versions with its
   * token A, POST our credentials carrying token B, keep the token C it answers with. A failure at
   * any step leaves nothing behind.
   */
  async register(party: PartyRef, versionsUrl: string, tokenA: string): Promise<Peer> {
    const hosted = this.hostedParty(party);
    const correlationId = randomUUID();
    const platform = await discoverPlatform(this.deps.client, versionsUrl, tokenA, correlationId);
    const credentialsUrl = platform.endpoints.find((e) => e.identifier === 'credentials')!.url;

    const tokenB = newCredentialsToken();
    const pending = await this.deps.peers.create(hosted, 'REGISTERING', hashToken(tokenB), { versionsUrl, version: platform.version, endpoints: platform.endpoints, outgoingTokenEncoding: platform.encoding });
    try {
      const ours = this.deps.credentials.ourCredentials(tokenB, hosted);
      const response = await this.deps.client.request<unknown>('POST', credentialsUrl, { token: tokenA, encoding: platform.encoding, correlationId }, ours).catch((error: unknown) => {
        throw error instanceof OcpiError ? new OcpiError(error.statusCode, `Partner refused our credentials: ${error.message}`, 502) : error;
      });
      const theirs = checkedCredentials(response.envelope.data);
      // Confirms token C works and picks up the endpoints as the partner now publishes them.
      const confirmed = await discoverPlatform(this.deps.client, theirs.url, theirs.token, correlationId);
      const saved = await this.deps.peers.saveCredentials(
        pending.id,
        { status: ['REGISTERING'], tokenHash: hashToken(tokenB) },
        { incomingTokenHash: hashToken(tokenB), outgoingToken: theirs.token, outgoingTokenEncoding: confirmed.encoding, versionsUrl: theirs.url, version: confirmed.version, endpoints: confirmed.endpoints, roles: theirs.roles },
      );
      if (!saved) throw new OcpiError(OcpiStatus.ServerError, 'Registration was changed concurrently', 409);
      this.deps.log.info({ peerId: saved.id, party: formatParty(hosted) }, 'registered with partner');
      return saved;
    } catch (error) {
      await this.deps.peers.remove(pending.id);
      throw error;
    }
  }

  /** Rotates the token the partner uses to call us, and refreshes its endpoints (our PUT). */
  async rotate(peerId: string): Promise<Peer> {
    const peer = await this.registeredPeer(peerId);
    const hosted = this.hostedParty(peer.localParty);
    const url = this.credentialsUrl(peer);
    const newIncoming = newCredentialsToken();
    const correlationId = randomUUID();
    // The partner calls our versions back with the new token before it answers, so the new token
    // works alongside the old one until the rotation completes or fails.
    await this.deps.peers.setPendingToken(peer.id, hashToken(newIncoming));
    try {
      const response = await this.deps.client.request<unknown>('PUT', url, { token: peer.outgoingToken!, encoding: peer.outgoingTokenEncoding, correlationId }, this.deps.credentials.ourCredentials(newIncoming, hosted));
      const theirs = checkedCredentials(response.envelope.data);
      const confirmed = await discoverPlatform(this.deps.client, theirs.url, theirs.token, correlationId);
      const saved = await this.deps.peers.saveCredentials(
        peer.id,
        { status: ['REGISTERED'] },
        { incomingTokenHash: hashToken(newIncoming), outgoingToken: theirs.token, outgoingTokenEncoding: confirmed.encoding, versionsUrl: theirs.url, version: confirmed.version, endpoints: confirmed.endpoints, roles: theirs.roles },
      );
      if (!saved) throw new OcpiError(OcpiStatus.ServerError, 'Peer changed during rotation', 409);
      return saved;
    } catch (error) {
      await this.deps.peers.setPendingToken(peer.id, null);
      throw error;
    }
  }

  /**
   * Reads the partner's versions and version details with the token it gave us: the operator's
   * "is this connection alive" check.
   */
  async check(peerId: string): Promise<{ version: string; endpoints: Endpoint[]; latency_ms: number }> {
    const peer = await this.registeredPeer(peerId);
    const started = performance.now();
    const platform = await discoverPlatform(this.deps.client, peer.versionsUrl!, peer.outgoingToken!);
    await this.deps.peers.touch(peer.id);
    return { version: platform.version, endpoints: platform.endpoints, latency_ms: Math.round(performance.now() - started) };
  }

  /** Unregisters at the partner (DELETE on its credentials endpoint), then here. */
  async unregister(peerId: string): Promise<void> {
    const peer = await this.deps.peers.findById(peerId);
    if (!peer) throw OcpiError.notFound(`No peer ${peerId}`);
    if (peer.status === 'REGISTERED') {
      await this.deps.client.request('DELETE', this.credentialsUrl(peer), { token: peer.outgoingToken!, encoding: peer.outgoingTokenEncoding });
    }
    await this.deps.peers.setStatus(peer.id, 'UNREGISTERED');
  }

  private async registeredPeer(peerId: string): Promise<Peer> {
    const peer = await this.deps.peers.findById(peerId);
    if (!peer) throw OcpiError.notFound(`No peer ${peerId}`);
    if (peer.status !== 'REGISTERED') throw new OcpiError(OcpiStatus.ClientError, `Peer ${peerId} is ${peer.status}, not REGISTERED`, 409);
    return peer;
  }

  private credentialsUrl(peer: Peer): string {
    const url = endpointUrl(peer, 'credentials', 'SENDER');
    if (!url) throw new OcpiError(OcpiStatus.NoMatchingEndpoints, `Peer ${peer.id} published no credentials endpoint`);
    return url;
  }

  private hostedParty(party: PartyRef): HostedParty {
    const hosted = this.deps.hosted.find(party);
    if (!hosted) throw OcpiError.invalid(`Invalid field party: ${formatParty(party)} is not hosted here (configured: ${this.deps.hosted.all.map(formatParty).join(', ')})`);
    return hosted;
  }
}

function checkedCredentials(data: unknown): Credentials {
  const problems = findProblems(Credentials, data);
  if (problems.length > 0) throw new OcpiError(OcpiStatus.UnableToUseClientApi, `Partner answered invalid credentials: ${problems[0]!.field} ${problems[0]!.message}`);
  return data as Credentials;
}
