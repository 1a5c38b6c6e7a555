import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { cdrsReceiverRoutes } from './cdrs-receiver-routes.js';
import { receivedCdrsApi } from './received-cdrs-api.js';
import { ReceivedCdrService, type ReceivedCdrPorts } from './received-cdr-service.js';

/**
 * The eMSP's CDRs: receiver interface with validation and re-pricing, the retail price of each
 * accepted CDR (through the `retail` port), pulls, and operator lists of accepted, flagged and
 * rejected CDRs.
 */
export function emspCdrsModule(context: ModuleContext, ports: ReceivedCdrPorts): ServiceModule {
  const service = new ReceivedCdrService(context.db, ports);
  return {
    name: 'emsp-cdrs',
    mounted: [{ identifier: 'cdrs', role: 'RECEIVER', path: 'receiver/cdrs', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => cdrsReceiverRoutes(scope, '/receiver/cdrs', `${context.ocpiVersionUrl}/receiver/cdrs`, service),
    adminRoutes: (scope) => receivedCdrsApi(scope, context.hosted, service),
    pulls: [service.pullSpec()],
  };
}
