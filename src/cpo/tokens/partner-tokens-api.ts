import type { FastifyInstance } from 'fastify';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { SearchQuery, searchText } from '../../api/search-query.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { Database } from '../../store/database.js';
import { searchPartnerTokens } from './partner-token-search.js';

/** `GET /api/parties/:party/partner-tokens?q=`: the eMSPs' tokens a CPO party holds, as OCPI Tokens, `x-total-count` the matches. */
export function partnerTokensApi(app: FastifyInstance, hosted: HostedParties, db: Database): void {
  app.get('/parties/:party/partner-tokens', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const party = hostedPartyParam(hosted, (request.params as { party: string }).party, 'CPO');
    const result = await searchPartnerTokens(db, party, parsePageRequest(request.query as Record<string, unknown>, 1000), searchText(request.query));
    reply.header('x-total-count', String(result.total));
    return result.items;
  });
}
