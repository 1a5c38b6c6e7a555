import type { FastifyBaseLogger } from 'fastify';
import type { OcpiCaller } from '../ocpi/fastify/ocpi-caller.js';
import type { OcpiClient } from '../ocpi/ocpi-client.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import { Credentials } from '../ocpi/types/credentials.js';
import { parseOcpi } from '../ocpi/validation.js';
import type { HostedParties, HostedParty } from './hosted-parties.js';
import { discoverPlatform } from './partner-discovery.js';
import type { PeerRepository } from './peer-repository.js';
import { hashToken, newCredentialsToken } from './secret-token.js';

export interface CredentialsServiceDeps {
  peers: PeerRepository;
  hosted: HostedParties;
  client: OcpiClient;
  /** Our version information endpoint, as partners reach it. */
  versionsUrl: string;
  log: FastifyBaseLogger;
}

/**
 * Our side of the credentials module when a partner calls us (OCPI 2.2.1 "Credentials"): GET, POST
 * (register), PUT (update and rotate) and DELETE (unregister), with the 405s the spec demands.
 */
export class CredentialsService {
  constructor(private readonly deps: CredentialsServiceDeps) {}

  /**
   * GET: the credentials the caller uses to reach us. We keep only token hashes, so the token is
   * the one the caller authenticated with; spec issues #166/#372/#394 leave the choice open and this
   * is the reading the reference notes recommend (docs/OCPI.md).
   */
  current(caller: OcpiCaller): Credentials {
    return this.ourCredentials(caller.token, this.hostedParty(caller));
  }

  /** POST: the partner registers with the token A we gave it, and receives our token C. */
  async register(caller: OcpiCaller, body: unknown, correlationId: string): Promise<Credentials> {
    const peer = await this.deps.peers.findById(caller.peerId);
    if (!peer || peer.status !== 'INVITED') throw OcpiError.methodNotAllowed('Already registered: use PUT to update credentials, or DELETE first');
    const credentials = parseOcpi(Credentials, body);
    const party = this.hostedParty(caller);
    const platform = await discoverPlatform(this.deps.client, credentials.url, credentials.token, correlationId);
    await this.refuseDuplicateParties(caller, credentials);

    const tokenC = newCredentialsToken();
    const saved = await this.deps.peers.saveCredentials(
      peer.id,
      { status: ['INVITED'], tokenHash: hashToken(caller.token) },
      { incomingTokenHash: hashToken(tokenC), outgoingToken: credentials.token, outgoingTokenEncoding: platform.encoding, versionsUrl: credentials.url, version: platform.version, endpoints: platform.endpoints, roles: credentials.roles },
    );
    if (!saved) throw OcpiError.methodNotAllowed('Already registered: this token A was used concurrently');
    this.deps.log.info({ peerId: peer.id, parties: credentials.roles.map((r) => `${r.country_code}-${r.party_id}/${r.role}`) }, 'partner registered');
    return this.ourCredentials(tokenC, party);
  }

  /** PUT: the partner switches version or endpoints and rotates tokens; both change atomically. */
  async update(caller: OcpiCaller, body: unknown, correlationId: string): Promise<Credentials> {
    const peer = await this.deps.peers.findById(caller.peerId);
    if (!peer || peer.status !== 'REGISTERED') throw OcpiError.methodNotAllowed('Not registered: use POST to register first');
    const credentials = parseOcpi(Credentials, body);
    // Everything is fetched before anything is written: a failed rotation leaves the old tokens working.
    const platform = await discoverPlatform(this.deps.client, credentials.url, credentials.token, correlationId);
    await this.refuseDuplicateParties(caller, credentials);
    const tokenC = newCredentialsToken();
    const saved = await this.deps.peers.saveCredentials(
      peer.id,
      { status: ['REGISTERED'], tokenHash: hashToken(caller.token) },
      { incomingTokenHash: hashToken(tokenC), outgoingToken: credentials.token, outgoingTokenEncoding: platform.encoding, versionsUrl: credentials.url, version: platform.version, endpoints: platform.endpoints, roles: credentials.roles },
    );
    if (!saved) throw new OcpiError(OcpiStatus.ClientError, 'Credentials changed concurrently; retry the update', 409);
    this.deps.log.info({ peerId: peer.id }, 'partner updated its credentials');
    return this.ourCredentials(tokenC, this.hostedParty(caller));
  }

  /** DELETE: the partner unregisters; its token stops working at once. */
  async unregister(caller: OcpiCaller): Promise<void> {
    const peer = await this.deps.peers.findById(caller.peerId);
    if (!peer || peer.status !== 'REGISTERED') throw OcpiError.methodNotAllowed('Not registered');
    await this.deps.peers.setStatus(peer.id, 'UNREGISTERED');
    this.deps.log.info({ peerId: peer.id }, 'partner unregistered');
  }

  ourCredentials(token: string, party: HostedParty): Credentials {
    return { token, url: this.deps.versionsUrl, roles: this.deps.hosted.credentialsRoles(party) };
  }

  private hostedParty(caller: OcpiCaller): HostedParty {
    const party = this.deps.hosted.find(caller.localParty);
    if (!party) throw new OcpiError(OcpiStatus.ServerError, 'The party of this connection is no longer hosted here', 500);
    return party;
  }

  private async refuseDuplicateParties(caller: OcpiCaller, credentials: Credentials): Promise<void> {
    const conflict = await this.deps.peers.conflictingPeer(caller.localParty, credentials.roles, caller.peerId);
    if (conflict) {
      const taken = credentials.roles.map((r) => `${r.country_code}-${r.party_id}`).join(', ');
      throw OcpiError.invalid(`Invalid field roles: ${taken} is already registered on another connection; unregister it first`);
    }
  }
}
