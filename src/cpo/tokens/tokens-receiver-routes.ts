import type { FastifyInstance } from 'fastify';
import { tokenTypeParam } from '../../ocpi/token-type-param.js';
import { successEnvelope } from '../../ocpi/envelope.js';
import { ownerFromUrl } from '../../ocpi/fastify/client-owned-object.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PartnerTokens } from './partner-tokens.js';

interface TokenParams {
  country_code: string;
  party_id: string;
  token_uid: string;
}

/**
 * The CPO's Tokens Receiver interface (OCPI 2.2.1 "Tokens"): GET, PUT and PATCH of one token at
 * `/{country_code}/{party_id}/{token_uid}[?type=]`. A partner reads and writes only tokens of its
 * own parties (404 otherwise, as the spec allows).
 */
export function tokensReceiverRoutes(app: FastifyInstance, path: string, tokens: PartnerTokens): void {
  const route = `${path}/:country_code/:party_id/:token_uid`;
  const config = { ocpiAccess: 'functional' as const };

  app.get(route, { config }, async (request) => {
    const params = request.params as TokenParams;
    const type = tokenTypeParam(request.query);
    const token = await tokens.get(request.ocpi.caller.localParty, ownerFromUrl(request, params.country_code, params.party_id), params.token_uid, type);
    if (!token) throw OcpiError.notFound(`No ${type} token ${params.token_uid}`);
    return successEnvelope(token);
  });

  app.put(route, { config }, async (request, reply) => {
    const params = request.params as TokenParams;
    const owner = ownerFromUrl(request, params.country_code, params.party_id);
    const outcome = await tokens.store(request.ocpi.caller.localParty, owner, request.body, request.ocpi.caller.peerId, { uid: params.token_uid, type: tokenTypeParam(request.query) });
    reply.code(outcome === 'created' ? 201 : 200);
    return successEnvelope(undefined, outcome === 'stale' ? 'Ignored: older than the stored token' : 'Success');
  });

  app.patch(route, { config }, async (request) => {
    const params = request.params as TokenParams;
    const owner = ownerFromUrl(request, params.country_code, params.party_id);
    const outcome = await tokens.patch(request.ocpi.caller.localParty, owner, params.token_uid, tokenTypeParam(request.query), request.body, request.ocpi.caller.peerId);
    return successEnvelope(undefined, outcome === 'stale' ? 'Ignored: older than the stored token' : 'Success');
  });
}
