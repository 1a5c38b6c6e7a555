import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { ownerFromUrl } from '../../ocpi/fastify/client-owned-object.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PartnerTariffs } from './partner-tariffs.js';

interface TariffParams {
  country_code: string;
  party_id: string;
  tariff_id: string;
}

/** The eMSP's Tariffs Receiver interface (OCPI 2.2.1 "Tariffs"): GET, PUT and DELETE of one tariff. */
export function tariffsReceiverRoutes(app: FastifyInstance, path: string, tariffs: PartnerTariffs): void {
  const route = `${path}/:country_code/:party_id/:tariff_id`;
  const config = { ocpiAccess: 'functional' as const };

  app.get(route, { config }, async (request) => {
    const params = request.params as TariffParams;
    const tariff = await tariffs.get(request.ocpi.caller.localParty, ownerFromUrl(request, params.country_code, params.party_id), params.tariff_id);
    if (!tariff) throw OcpiError.notFound(`No tariff ${params.tariff_id}`);
    return successEnvelope(tariff);
  });

  app.put(route, { config }, async (request, reply) => {
    const params = request.params as TariffParams;
    const owner = ownerFromUrl(request, params.country_code, params.party_id);
    const outcome = await tariffs.store(request.ocpi.caller.localParty, owner, request.body, request.ocpi.caller.peerId, params.tariff_id);
    reply.code(outcome === 'created' ? 201 : 200);
    return successEnvelope();
  });

  app.delete(route, { config }, async (request) => {
    const params = request.params as TariffParams;
    // Deleting what is already gone succeeds: the owner's intent holds either way.
    await tariffs.delete(request.ocpi.caller.localParty, ownerFromUrl(request, params.country_code, params.party_id), params.tariff_id);
    return successEnvelope();
  });
}
