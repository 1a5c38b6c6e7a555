import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { ownerFromUrl } from '../../ocpi/fastify/client-owned-object.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { ReceivedSessionService } from './received-session-service.js';

interface SessionParams {
  country_code: string;
  party_id: string;
  session_id: string;
}

/** The eMSP's Sessions Receiver interface (OCPI 2.2.1 "Sessions"): GET, PUT and PATCH of one session. */
export function sessionsReceiverRoutes(app: FastifyInstance, path: string, sessions: ReceivedSessionService): void {
  const route = `${path}/:country_code/:party_id/:session_id`;
  const config = { ocpiAccess: 'functional' as const };

  app.get(route, { config }, async (request) => {
    const params = request.params as SessionParams;
    const session = await sessions.get(request.ocpi.caller.localParty, ownerFromUrl(request, params.country_code, params.party_id), params.session_id);
    if (!session) throw OcpiError.notFound(`No session ${params.session_id}`);
    return successEnvelope(session);
  });

  app.put(route, { config }, async (request, reply) => {
    const params = request.params as SessionParams;
    const owner = ownerFromUrl(request, params.country_code, params.party_id);
    const receipt = await sessions.put(request.ocpi.caller.localParty, owner, request.body, request.ocpi.caller.peerId, params.session_id);
    reply.code(receipt === 'created' ? 201 : 200);
    return successEnvelope();
  });

  app.patch(route, { config }, async (request) => {
    const params = request.params as SessionParams;
    const owner = ownerFromUrl(request, params.country_code, params.party_id);
    await sessions.patch(request.ocpi.caller.localParty, owner, params.session_id, request.body, request.ocpi.caller.peerId);
    return successEnvelope();
  });
}
