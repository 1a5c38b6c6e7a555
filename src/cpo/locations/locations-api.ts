import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { ciEquals } from '../../ids/ci-string.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import { StatusInput } from './location-input.js';
import type { LocationService, WriteOutcome } from './location-service.js';

const ImportBody = Type.Array(Type.Unknown(), { description: 'OCPI Location objects' });

interface Params {
  party: string;
  location_id: string;
  evse_uid: string;
  connector_id: string;
}

/**
 * Operators' management of a CPO party's Locations, EVSEs and Connectors, and the EVSE status
 * a charger gateway reports. Every change is pushed to the eMSPs that may see the Location.
 */
export function locationsApi(app: FastifyInstance, hosted: HostedParties, service: LocationService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as Params).party, 'CPO');
  const statusCode = (outcome: WriteOutcome) => (outcome === 'created' ? 201 : 200);
  const base = '/parties/:party/locations';
  const location = `${base}/:location_id`;
  const evse = `${location}/evses/:evse_uid`;
  const connector = `${evse}/connectors/:connector_id`;

  app.get(base, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, 1000);
    const result = await service.list(partyOf(request.params), page);
    reply.header('x-total-count', String(result.total));
    return result.items;
  });

  app.post(`${base}/import`, { schema: { body: ImportBody } }, async (request) => service.importLocations(partyOf(request.params), request.body as unknown[]));

  app.get(location, async (request) => {
    const params = request.params as Params;
    const found = await service.get(partyOf(params), params.location_id);
    if (!found) throw new ApiError(404, `No location ${params.location_id}`);
    return found;
  });

  app.put(location, async (request, reply) => {
    const params = request.params as Params;
    const result = await service.putLocation(partyOf(params), params.location_id, request.body);
    reply.code(statusCode(result.outcome));
    return result.location;
  });

  app.delete(location, async (request) => {
    const params = request.params as Params;
    return service.removeLocation(partyOf(params), params.location_id);
  });

  app.get(evse, async (request) => {
    const params = request.params as Params;
    const found = (await service.get(partyOf(params), params.location_id))?.evses?.find((e) => ciEquals(e.uid, params.evse_uid));
    if (!found) throw new ApiError(404, `No EVSE ${params.evse_uid} at location ${params.location_id}`);
    return found;
  });

  app.put(evse, async (request, reply) => {
    const params = request.params as Params;
    const result = await service.putEvse(partyOf(params), params.location_id, params.evse_uid, request.body);
    reply.code(statusCode(result.outcome));
    return result.evse;
  });

  app.patch(evse, async (request) => {
    const params = request.params as Params;
    const { status } = parseOcpi(StatusInput, request.body);
    return service.setEvseStatus(partyOf(params), params.location_id, params.evse_uid, status);
  });

  app.delete(evse, async (request) => {
    const params = request.params as Params;
    return service.removeEvse(partyOf(params), params.location_id, params.evse_uid);
  });

  app.get(connector, async (request) => {
    const params = request.params as Params;
    const found = (await service.get(partyOf(params), params.location_id))?.evses?.find((e) => ciEquals(e.uid, params.evse_uid))?.connectors.find((c) => ciEquals(c.id, params.connector_id));
    if (!found) throw new ApiError(404, `No connector ${params.connector_id} on EVSE ${params.evse_uid} at location ${params.location_id}`);
    return found;
  });

  app.put(connector, async (request, reply) => {
    const params = request.params as Params;
    const result = await service.putConnector(partyOf(params), params.location_id, params.evse_uid, params.connector_id, request.body);
    reply.code(statusCode(result.outcome));
    return result.connector;
  });

  app.delete(connector, async (request) => {
    const params = request.params as Params;
    return service.removeConnector(partyOf(params), params.location_id, params.evse_uid, params.connector_id);
  });
}
