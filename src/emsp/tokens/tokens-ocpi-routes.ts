import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { pageHeaders, parsePageRequest } from '../../ocpi/pagination.js';
import { LocationReferences } from '../../ocpi/types/tokens.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { TokenAuthorizer } from './token-authorizer.js';
import type { EmspTokenService } from './token-service.js';
import { tokenTypeParam } from '../../ocpi/token-type-param.js';

/**
 * The eMSP's Tokens Sender interface (OCPI 2.2.1 "Tokens"): the paginated list of the party's
 * tokens, and real-time authorization of one token.
 */
export function tokensSenderRoutes(app: FastifyInstance, path: string, service: EmspTokenService, authorizer: TokenAuthorizer, publicBaseUrl: string, pageLimit: number): void {
  const config = { ocpiAccess: 'functional' as const };

  app.get(path, { config }, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, pageLimit);
    const result = await service.listForPartners(request.ocpi.caller.localParty, page);
    reply.headers(pageHeaders(new URL(request.url, publicBaseUrl), page, result.items.length, result.total, pageLimit));
    return successEnvelope(result.items);
  });

  app.post(`${path}/:token_uid/authorize`, { config }, async (request) => {
    const { token_uid } = request.params as { token_uid: string };
    const location = request.body === undefined || request.body === null ? null : parseOcpi(LocationReferences, request.body);
    const routing = request.ocpi.routing!;
    return successEnvelope(await authorizer.authorize(routing.to, routing.from, token_uid, tokenTypeParam(request.query), location));
  });
}
