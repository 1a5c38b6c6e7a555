import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { SearchQuery, searchText } from '../../api/search-query.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { SessionService } from './session-service.js';

/**
 * A CPO party's sessions for operators, and the start/meter/stop calls the charger gateway will
 * make through the service (until then, tests and operators make them here).
 */
export function sessionsApi(app: FastifyInstance, hosted: HostedParties, service: SessionService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as { party: string }).party, 'CPO');

  app.post('/parties/:party/sessions', async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    // A charge point given by its ids is looked up; a full snapshot is taken as given.
    const byIds = body !== null && typeof body === 'object' && body.location === undefined && body.location_id !== undefined;
    const session = byIds ? await service.startAtChargePoint(partyOf(request.params), body) : await service.start(partyOf(request.params), body);
    reply.code(201);
    return session;
  });

  app.post('/parties/:party/sessions/:id/meter', async (request) => {
    const { id } = request.params as { id: string };
    return service.meter(partyOf(request.params), id, request.body);
  });

  app.post('/parties/:party/sessions/:id/stop', async (request) => {
    const { id } = request.params as { id: string };
    return service.stop(partyOf(request.params), id, request.body);
  });

  app.get('/parties/:party/sessions', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, 1000);
    const result = await service.list(partyOf(request.params), page, searchText(request.query));
    reply.header('x-total-count', String(result.total));
    return result.items;
  });

  app.get('/parties/:party/sessions/:id', async (request) => {
    const { id } = request.params as { id: string };
    const session = await service.get(partyOf(request.params), id);
    if (!session) throw new ApiError(404, `No session ${id}`);
    return session;
  });
}
