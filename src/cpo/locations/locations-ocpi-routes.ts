import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ciEquals } from '../../ids/ci-string.js';
import { successEnvelope } from '../../ocpi/envelope.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { pageHeaders, parsePageRequest } from '../../ocpi/pagination.js';
import type { Location } from '../../ocpi/types/locations.js';
import type { LocationService } from './location-service.js';

interface ObjectParams {
  location_id: string;
  evse_uid?: string;
  connector_id?: string;
}

/**
 * The CPO's Locations Sender interface (OCPI 2.2.1 "Locations", CPO interface): the paginated list
 * and the Location, EVSE or Connector by id, each limited to what the calling eMSP party may see.
 */
export function locationsSenderRoutes(app: FastifyInstance, path: string, service: LocationService, publicBaseUrl: string, pageLimit: number): void {
  const config = { ocpiAccess: 'functional' as const };

  app.get(path, { config }, async (request, reply) => {
    const { local, caller } = parties(request);
    const page = parsePageRequest(request.query as Record<string, unknown>, pageLimit);
    const result = await service.listFor(local, caller, page);
    reply.headers(pageHeaders(new URL(request.url, publicBaseUrl), page, result.items.length, result.total, pageLimit));
    return successEnvelope(result.items);
  });

  const getObject = async (request: FastifyRequest) => {
    const { local, caller } = parties(request);
    const params = request.params as ObjectParams;
    const location = await service.getFor(local, caller, params.location_id);
    return successEnvelope(pick(location, params));
  };
  app.get(`${path}/:location_id`, { config }, getObject);
  app.get(`${path}/:location_id/:evse_uid`, { config }, getObject);
  app.get(`${path}/:location_id/:evse_uid/:connector_id`, { config }, getObject);
}

/** Our party (the connection's, which must be a CPO) and the calling eMSP party of the routing headers. */
function parties(request: FastifyRequest) {
  const { caller, routing } = request.ocpi;
  if (!caller.localRoles.includes('CPO')) throw OcpiError.notFound(`${caller.localParty.countryCode}-${caller.localParty.partyId} is not a CPO: no Locations Sender interface`);
  return { local: caller.localParty, caller: routing!.from };
}

function pick(location: Location | null, params: ObjectParams): unknown {
  if (!location) throw OcpiError.notFound(`No location ${params.location_id}`);
  if (params.evse_uid === undefined) return location;
  const evse = location.evses?.find((e) => ciEquals(e.uid, params.evse_uid!));
  if (!evse) throw OcpiError.notFound(`Location ${params.location_id} has no EVSE ${params.evse_uid}`);
  if (params.connector_id === undefined) return evse;
  const connector = evse.connectors.find((c) => ciEquals(c.id, params.connector_id!));
  if (!connector) throw OcpiError.notFound(`EVSE ${params.evse_uid} has no connector ${params.connector_id}`);
  return connector;
}
