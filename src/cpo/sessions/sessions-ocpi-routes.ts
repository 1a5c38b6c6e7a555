import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { pageHeaders, parsePageRequest } from '../../ocpi/pagination.js';
import type { SessionService } from './session-service.js';

/**
 * The CPO's Sessions Sender interface (OCPI 2.2.1 "Sessions"): a paginated list of the sessions
 * whose token belongs to one of the calling partner's parties, and no others. `date_from` is
 * optional here although the spec marks it required: a first sync has no date to start from.
 */
export function sessionsSenderRoutes(app: FastifyInstance, path: string, service: SessionService, publicBaseUrl: string, pageLimit: number): void {
  app.get(path, { config: { ocpiAccess: 'functional' } }, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, pageLimit);
    const result = await service.listForEmsps(request.ocpi.caller.localParty, request.ocpi.caller.parties, page);
    reply.headers(pageHeaders(new URL(request.url, publicBaseUrl), page, result.items.length, result.total, pageLimit));
    return successEnvelope(result.items);
  });
}
