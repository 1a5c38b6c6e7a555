import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { tokenTypeParam } from '../../ocpi/token-type-param.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { TokenAuthorizationHistory } from './token-authorizations.js';
import type { EmspTokenService } from './token-service.js';

const HistoryQuery = Type.Object({ type: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) });

/** `GET /api/parties/:party/tokens/:uid/authorizations?type=`: one token's authorization history, newest first. */
export function tokenAuthorizationsApi(app: FastifyInstance, deps: { hosted: HostedParties; tokens: EmspTokenService; history: TokenAuthorizationHistory }): void {
  app.get('/parties/:party/tokens/:uid/authorizations', { schema: { querystring: HistoryQuery } }, async (request) => {
    const party = hostedPartyParam(deps.hosted, (request.params as { party: string }).party, 'EMSP');
    const uid = (request.params as { uid: string }).uid;
    const type = tokenTypeParam(request.query);
    const issued = await deps.tokens.get(party, type, uid);
    if (!issued) throw new ApiError(404, `No ${type} token ${uid}`, 'uid');
    const { limit } = request.query as Static<typeof HistoryQuery>;
    return { authorizations: await deps.history.list(party, type, issued.token.uid, limit ?? 100) };
  });
}
