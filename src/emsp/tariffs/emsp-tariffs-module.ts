import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { PartnerTariffs } from './partner-tariffs.js';
import { tariffsReceiverRoutes } from './tariffs-receiver-routes.js';

/** The eMSP's copy of its CPO partners' tariffs: receiver interface, pulls, and a read API for apps. */
export function emspTariffsModule(context: ModuleContext): ServiceModule {
  const tariffs = new PartnerTariffs(context.partnerObjects);
  return {
    name: 'emsp-tariffs',
    mounted: [{ identifier: 'tariffs', role: 'RECEIVER', path: 'receiver/tariffs', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => tariffsReceiverRoutes(scope, '/receiver/tariffs', tariffs),
    adminRoutes: (scope) => {
      scope.get('/parties/:party/partner-tariffs', async (request, reply) => {
        const party = hostedPartyParam(context.hosted, (request.params as { party: string }).party, 'EMSP');
        const page = parsePageRequest(request.query as Record<string, unknown>, 1000);
        const result = await context.partnerObjects.list(party, 'tariffs', page);
        reply.header('x-total-count', String(result.total));
        return result.items.map((row) => row.data);
      });
    },
    pulls: [tariffs.pullSpec()],
  };
}
