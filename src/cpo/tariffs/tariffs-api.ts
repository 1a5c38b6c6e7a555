import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { ApiError } from '../../api/api-error.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { TariffService } from './tariff-service.js';

const ImportBody = Type.Array(Type.Unknown(), { description: 'OCPI Tariff objects' });

/** Operators' management of a CPO party's tariffs; every change is pushed to the party's eMSPs. */
export function tariffsApi(app: FastifyInstance, hosted: HostedParties, service: TariffService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as { party: string }).party, 'CPO');

  app.get('/parties/:party/tariffs', async (request) => {
    const page = parsePageRequest(request.query as Record<string, unknown>, 1000);
    return (await service.list(partyOf(request.params), page)).items;
  });

  app.get('/parties/:party/tariffs/:id', async (request) => {
    const { id } = request.params as { id: string };
    const tariff = await service.get(partyOf(request.params), id);
    if (!tariff) throw new ApiError(404, `No tariff ${id}`);
    return tariff;
  });

  app.put('/parties/:party/tariffs/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as Record<string, unknown> | null;
    if (body && typeof body === 'object' && body.id !== undefined && String(body.id).toUpperCase() !== id.toUpperCase()) {
      throw new ApiError(400, `Invalid field id: ${JSON.stringify(body.id)} does not match the URL's ${JSON.stringify(id)}`, 'id');
    }
    const result = await service.put(partyOf(request.params), { ...(body ?? {}), id });
    reply.code(result.outcome === 'created' ? 201 : 200);
    return result.tariff;
  });

  app.delete('/parties/:party/tariffs/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await service.remove(partyOf(request.params), id))) throw new ApiError(404, `No tariff ${id}`);
    return { deleted: id };
  });

  app.post('/parties/:party/tariffs/import', { schema: { body: ImportBody } }, async (request) => {
    const results = await service.putMany(partyOf(request.params), request.body as unknown[]);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return { created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
  });
}
