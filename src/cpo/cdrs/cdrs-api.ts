import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { SearchQuery, searchText } from '../../api/search-query.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { CdrService } from './cdr-service.js';

/** Optional: a credit's remark explains the correction to the eMSP (CDR.remark, string(255)). */
const CreditBody = Type.Object({ remark: Type.Optional(Type.String({ maxLength: 255 })) });

/** A CPO party's issued CDRs for operators, with where each eMSP keeps it, and credit CDRs for corrections. */
export function cdrsApi(app: FastifyInstance, hosted: HostedParties, service: CdrService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as { party: string }).party, 'CPO');

  app.get('/parties/:party/cdrs', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, 1000);
    const result = await service.list(partyOf(request.params), page, searchText(request.query));
    reply.header('x-total-count', String(result.total));
    return result.items;
  });

  app.get('/parties/:party/cdrs/:id', async (request) => {
    const { id } = request.params as { id: string };
    const cdr = await service.get(partyOf(request.params), id);
    if (!cdr) throw new ApiError(404, `No CDR ${id}`);
    return cdr;
  });

  app.post('/parties/:party/cdrs/:id/credit', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = parseOcpi(CreditBody, request.body ?? {});
    const credit = await service.credit(partyOf(request.params), id, body.remark);
    reply.code(201);
    return credit;
  });
}
