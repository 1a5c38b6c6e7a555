import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { parsePartyIdentity } from '../../ids/party-id.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import { Status, type Location } from '../../ocpi/types/locations.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { PartnerLocationStore } from './partner-location-store.js';

const SearchQuery = Type.Object({
  offset: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  owner: Type.Optional(Type.String({ description: 'the CPO as CC-PID, e.g. NL-CPO' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'part of the id, name, address or city' })),
  status: Type.Optional(Status),
  evse_id: Type.Optional(Type.String({ minLength: 1, maxLength: 48 })),
});

interface Params {
  party: string;
  owner: string;
  location_id: string;
}

/**
 * What an eMSP's app reads of its partners' Locations: a searchable, paginated list with each
 * EVSE's status (`x-total-count` holds the number of matches), and one Location in full. An
 * operator may also forget a copy, which the next pull of that CPO restores.
 */
export function partnerLocationsApi(app: FastifyInstance, hosted: HostedParties, store: PartnerLocationStore): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as Params).party, 'EMSP');
  const one = '/parties/:party/partner-locations/:owner/:location_id';

  app.get('/parties/:party/partner-locations', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = request.query as { owner?: string; q?: string; status?: string; evse_id?: string };
    const page = parsePageRequest(request.query as Record<string, unknown>, 1000);
    const filter = {
      owner: query.owner === undefined ? undefined : parsePartyIdentity(query.owner),
      text: query.q,
      status: query.status,
      evseId: query.evse_id,
    };
    const result = await store.search(partyOf(request.params), filter, page);
    reply.header('x-total-count', String(result.total));
    return result.items.map(summary);
  });

  app.get(one, async (request) => {
    const params = request.params as Params;
    const location = await store.get({ local: partyOf(params), owner: parsePartyIdentity(params.owner), id: params.location_id });
    if (!location) throw new ApiError(404, `No location ${params.location_id} of ${params.owner}`);
    return location;
  });

  app.delete(one, async (request) => {
    const params = request.params as Params;
    if (!(await store.delete({ local: partyOf(params), owner: parsePartyIdentity(params.owner), id: params.location_id }))) {
      throw new ApiError(404, `No location ${params.location_id} of ${params.owner}`);
    }
    return { deleted: params.location_id };
  });
}

/** A list entry: where the Location is and what each EVSE offers right now. */
function summary(location: Location) {
  return {
    country_code: location.country_code,
    party_id: location.party_id,
    id: location.id,
    name: location.name,
    address: location.address,
    city: location.city,
    country: location.country,
    coordinates: location.coordinates,
    time_zone: location.time_zone,
    last_updated: location.last_updated,
    evses: (location.evses ?? []).map((evse) => ({
      uid: evse.uid,
      evse_id: evse.evse_id,
      status: evse.status,
      connectors: evse.connectors.map((c) => ({ id: c.id, standard: c.standard, power_type: c.power_type, max_electric_power: c.max_electric_power })),
      last_updated: evse.last_updated,
    })),
  };
}
