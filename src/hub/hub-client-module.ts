import { ApiError } from '../api/api-error.js';
import type { ModuleContext, ServiceModule } from '../server/service-module.js';
import { clientInfoReceiverRoutes } from './client-info-receiver-routes.js';

const RECEIVER_PATH = 'receiver/hubclientinfo';

/**
 * The CPO and eMSP side of a hub connection: the HubClientInfo Receiver interface, and what the
 * hubs told us for operators. With it a platform connects to a hub instead of, or beside, direct
 * partners; the parties behind the hub then count as parties of the hub connection.
 */
export function hubClientModule(context: ModuleContext): ServiceModule {
  return {
    name: 'hub-client',
    mounted: [{ identifier: 'hubclientinfo', role: 'RECEIVER', path: RECEIVER_PATH, servesRoles: ['CPO', 'EMSP'] }],
    ocpiRoutes: (scope) => clientInfoReceiverRoutes(scope, `/${RECEIVER_PATH}`, context.peers),
    adminRoutes: (scope) => {
      scope.get('/peers/:id/hub-client-info', async (request) => {
        const { id } = request.params as { id: string };
        if (!(await context.peers.findById(id))) throw new ApiError(404, `No peer ${id}`);
        return (await context.peers.reachableParties(id)).map((p) => ({ country_code: p.countryCode, party_id: p.partyId, role: p.role, status: p.status, last_updated: new Date(p.lastUpdated).toISOString() }));
      });
    },
  };
}
