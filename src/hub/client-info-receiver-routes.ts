import type { FastifyInstance, FastifyRequest } from 'fastify';
import { successEnvelope } from '../ocpi/envelope.js';
import type { OcpiCaller } from '../ocpi/fastify/ocpi-caller.js';
import { requireSameIds } from '../ocpi/fastify/client-owned-object.js';
import { parseOcpiDateTime } from '../ocpi/datetime.js';
import { formatParty, sameParty } from '../ocpi/headers.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { ClientInfo } from '../ocpi/types/hubclientinfo.js';
import { parseOcpi } from '../ocpi/validation.js';
import type { PeerRepository } from '../peers/peer-repository.js';

/**
 * The HubClientInfo Receiver interface of a CPO or eMSP platform (OCPI 2.2.1 "HubClientInfo"):
 * a hub we are connected to tells us the status of each party we may reach through it. Those
 * CONNECTED or OFFLINE count as parties of the hub connection from then on: pushes and pulls
 * address them through the hub, and the hub may forward their requests to us. A configuration
 * module without routing headers, so the route takes the handshake-level access and checks the
 * caller itself.
 */
export function clientInfoReceiverRoutes(app: FastifyInstance, path: string, peers: PeerRepository): void {
  const config = { ocpiAccess: 'registration' as const };
  const url = `${path}/:country_code/:party_id`;

  app.get(url, { config }, async (request) => {
    const caller = hubCaller(request);
    const { country_code, party_id } = request.params as { country_code: string; party_id: string };
    const held = (await peers.reachableParties(caller.peerId)).filter((p) => sameParty(p, { countryCode: country_code, partyId: party_id }));
    if (held.length === 0) throw OcpiError.notFound(`No ClientInfo for ${country_code}-${party_id}`);
    return successEnvelope(held.length === 1 ? toClientInfo(held[0]!) : held.map(toClientInfo));
  });

  app.put(url, { config }, async (request, reply) => {
    const caller = hubCaller(request);
    const { country_code, party_id } = request.params as { country_code: string; party_id: string };
    const info = parseOcpi(ClientInfo, request.body);
    requireSameIds(info, { country_code, party_id });
    const party = { countryCode: info.country_code, partyId: info.party_id };
    if (sameParty(party, caller.localParty)) throw OcpiError.invalid(`Invalid field party_id: ${formatParty(party)} is our own party`);
    const before = (await peers.reachableParties(caller.peerId)).some((p) => sameParty(p, party) && p.role === info.role);
    const stored = await peers.saveReachableParty({ peerId: caller.peerId, countryCode: info.country_code, partyId: info.party_id, role: info.role, status: info.status, lastUpdated: parseOcpiDateTime(info.last_updated)! });
    request.log.info({ party: formatParty(party), role: info.role, status: info.status, stored }, 'hub client info received');
    reply.code(stored && !before ? 201 : 200);
    return successEnvelope(undefined, stored ? 'Success' : 'Ignored: older than the ClientInfo held');
  });
}

/** Only a registered hub connection pushes ClientInfo. */
function hubCaller(request: FastifyRequest): OcpiCaller {
  const { caller } = request.ocpi;
  if (caller.stage !== 'registered') throw OcpiError.unauthorized('Finish the credentials handshake first');
  if (!caller.parties.some((p) => p.role === 'HUB')) throw OcpiError.notFound('HubClientInfo is only taken from a hub');
  return caller;
}

function toClientInfo(p: { countryCode: string; partyId: string; role: string; status: string; lastUpdated: Date }) {
  return { country_code: p.countryCode, party_id: p.partyId, role: p.role, status: p.status, last_updated: new Date(p.lastUpdated).toISOString() };
}
