import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { pageHeaders, parsePageRequest } from '../../ocpi/pagination.js';
import type { TariffService } from './tariff-service.js';

/** The CPO's Tariffs Sender interface (OCPI 2.2.1 "Tariffs"): a paginated list of the party's tariffs. */
export function tariffsSenderRoutes(app: FastifyInstance, path: string, service: TariffService, publicBaseUrl: string, pageLimit: number): void {
  app.get(path, { config: { ocpiAccess: 'functional' } }, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, pageLimit);
    const result = await service.list(request.ocpi.caller.localParty, page);
    reply.headers(pageHeaders(new URL(request.url, publicBaseUrl), page, result.items.length, result.total, pageLimit));
    return successEnvelope(result.items);
  });
}
