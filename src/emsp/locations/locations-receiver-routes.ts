import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { ownerFromUrl } from '../../ocpi/fastify/client-owned-object.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { NestedOutcome } from './nested-update.js';
import type { LocationSender, PartnerLocations } from './partner-locations.js';

interface Params {
  country_code: string;
  party_id: string;
  location_id: string;
  evse_uid?: string;
  connector_id?: string;
}

/**
 * The eMSP's Locations Receiver interface (OCPI 2.2.1 "Locations", eMSP interface): GET, PUT and
 * PATCH of a Location, an EVSE or a Connector. 201 when the addressed object is new, 200 otherwise
 * (also when an older `last_updated` was ignored).
 */
export function locationsReceiverRoutes(app: FastifyInstance, path: string, locations: PartnerLocations): void {
  const config = { ocpiAccess: 'functional' as const };
  const location = `${path}/:country_code/:party_id/:location_id`;
  const evse = `${location}/:evse_uid`;
  const connector = `${evse}/:connector_id`;

  const get = async (request: FastifyRequest) => {
    const { sender, params } = senderOf(request);
    return successEnvelope(await locations.get({ local: sender.local, owner: sender.owner, id: params.location_id }, params.evse_uid, params.connector_id));
  };
  app.get(location, { config }, get);
  app.get(evse, { config }, get);
  app.get(connector, { config }, get);

  app.put(location, { config }, async (request, reply) => {
    const { sender, params } = senderOf(request);
    return answer(reply, await locations.putLocation(sender, params.location_id, request.body));
  });
  app.patch(location, { config }, async (request, reply) => {
    const { sender, params } = senderOf(request);
    return answer(reply, await locations.patchLocation(sender, params.location_id, request.body));
  });
  app.put(evse, { config }, async (request, reply) => {
    const { sender, params } = senderOf(request);
    return answer(reply, await locations.putEvse(sender, params.location_id, params.evse_uid!, request.body));
  });
  app.patch(evse, { config }, async (request, reply) => {
    const { sender, params } = senderOf(request);
    return answer(reply, await locations.patchEvse(sender, params.location_id, params.evse_uid!, request.body));
  });
  app.put(connector, { config }, async (request, reply) => {
    const { sender, params } = senderOf(request);
    return answer(reply, await locations.putConnector(sender, params.location_id, params.evse_uid!, params.connector_id!, request.body));
  });
  app.patch(connector, { config }, async (request, reply) => {
    const { sender, params } = senderOf(request);
    return answer(reply, await locations.patchConnector(sender, params.location_id, params.evse_uid!, params.connector_id!, request.body));
  });
}

/** Our party must be an eMSP, and the URL's owner one of the caller's parties (404 otherwise). */
function senderOf(request: FastifyRequest): { sender: LocationSender; params: Params } {
  const { caller } = request.ocpi;
  if (!caller.localRoles.includes('EMSP')) throw OcpiError.notFound(`${caller.localParty.countryCode}-${caller.localParty.partyId} is not an eMSP: no Locations Receiver interface`);
  const params = request.params as Params;
  const owner = ownerFromUrl(request, params.country_code, params.party_id);
  return { sender: { local: caller.localParty, owner, peerId: caller.peerId }, params };
}

function answer(reply: FastifyReply, outcome: NestedOutcome) {
  reply.code(outcome === 'created' ? 201 : 200);
  return successEnvelope();
}
