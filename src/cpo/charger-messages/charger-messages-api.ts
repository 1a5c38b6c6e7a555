import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import { chargerMessageView, type ChargerMessageLog } from './charger-message-log.js';

const MessagesQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) });

/** `GET /api/parties/:party/chargers/:id/messages`: a charger's OCPP frames, newest first. */
export function chargerMessagesApi(app: FastifyInstance, deps: { hosted: HostedParties; messages: ChargerMessageLog; isRegistered(party: PartyRef, id: string): Promise<boolean> }): void {
  app.get('/parties/:party/chargers/:id/messages', { schema: { querystring: MessagesQuery } }, async (request) => {
    const params = request.params as { party: string; id: string };
    const party = hostedPartyParam(deps.hosted, params.party, 'CPO');
    if (!(await deps.isRegistered(party, params.id))) throw new ApiError(404, `No charger ${params.id}`, 'id');
    const { limit } = request.query as Static<typeof MessagesQuery>;
    return { messages: (await deps.messages.latest(params.id, limit ?? 100)).map(chargerMessageView) };
  });
}
