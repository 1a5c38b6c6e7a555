import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { cdrsReceiverRoutes } from './cdrs-receiver-routes.js';
import { receivedCdrsApi } from './received-cdrs-api.js';
import { ReceivedCdrService } from './received-cdr-service.js';
import type { TokenDirectory } from './token-directory.js';

/** The eMSP's CDRs: receiver interface with validation, pulls, and operator lists of accepted and rejected CDRs. */
export function emspCdrsModule(context: ModuleContext, tokens: TokenDirectory): ServiceModule {
  const service = new ReceivedCdrService(context.db, tokens);
  return {
    name: 'emsp-cdrs',
    mounted: [{ identifier: 'cdrs', role: 'RECEIVER', path: 'receiver/cdrs', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => cdrsReceiverRoutes(scope, '/receiver/cdrs', `${context.ocpiVersionUrl}/receiver/cdrs`, service),
    adminRoutes: (scope) => receivedCdrsApi(scope, context.hosted, service),
    pulls: [service.pullSpec()],
  };
}
