import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { AuthorizationService } from './authorization-service.js';

const Id = Type.String({ minLength: 1, maxLength: 36, pattern: '^[\\x20-\\x7E]*$' });
const AuthorizeBody = Type.Object({
  /** Up to 64: a 10-byte uid written with separators (`04:A2:…`) is 29 characters, and readers add more. */
  uid: Type.String({ minLength: 1, maxLength: 64 }),
  type: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_]{1,32}$' })),
  location_id: Type.Optional(Id),
  evse_uids: Type.Optional(Type.Array(Id, { maxItems: 100 })),
});

/** Authorization as a charger would ask for it, for operators checking a card and for tests. */
export function authorizationApi(app: FastifyInstance, hosted: HostedParties, service: AuthorizationService): void {
  app.post('/parties/:party/authorize', { schema: { body: AuthorizeBody } }, async (request) => {
    const party = hostedPartyParam(hosted, (request.params as { party: string }).party, 'CPO');
    const body = request.body as { uid: string; type?: string; location_id?: string; evse_uids?: string[] };
    return service.authorize({ party, ...body });
  });
}
