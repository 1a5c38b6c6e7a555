import type { FastifyInstance } from 'fastify';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { SearchQuery, searchText } from '../../api/search-query.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { ReceivedSessionService } from './received-session-service.js';

/** The sessions partners reported to an eMSP party, for its operators: the session and how often it changed. */
export function receivedSessionsApi(app: FastifyInstance, hosted: HostedParties, service: ReceivedSessionService): void {
  app.get('/parties/:party/received/sessions', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const party = hostedPartyParam(hosted, (request.params as { party: string }).party, 'EMSP');
    const result = await service.list(party, parsePageRequest(request.query as Record<string, unknown>, 1000), searchText(request.query));
    reply.header('x-total-count', String(result.total));
    return result.items.map((row) => ({
      session: row.data,
      peer_id: row.peer_id,
      update_count: row.update_count,
      received_at: row.received_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    }));
  });
}
