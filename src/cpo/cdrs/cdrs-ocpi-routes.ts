import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { pageHeaders, parsePageRequest } from '../../ocpi/pagination.js';
import type { CdrService } from './cdr-service.js';

/**
 * The CPO's CDRs Sender interface (OCPI 2.2.1 "CDRs"): a paginated list of the CDRs whose token
 * belongs to one of the calling partner's parties. A CDR's `last_updated` is its creation time, so
 * an eMSP resyncing with `date_from` gets exactly the CDRs issued since.
 */
export function cdrsSenderRoutes(app: FastifyInstance, path: string, service: CdrService, publicBaseUrl: string, pageLimit: number): void {
  app.get(path, { config: { ocpiAccess: 'functional' } }, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, pageLimit);
    const result = await service.listForEmsps(request.ocpi.caller.localParty, request.ocpi.caller.parties, page);
    reply.headers(pageHeaders(new URL(request.url, publicBaseUrl), page, result.items.length, result.total, pageLimit));
    return successEnvelope(result.items);
  });
}
