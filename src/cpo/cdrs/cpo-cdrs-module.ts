import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { cdrsApi } from './cdrs-api.js';
import { cdrsSenderRoutes } from './cdrs-ocpi-routes.js';
import { CDR_POST, CdrService } from './cdr-service.js';

/** The CPO's CDRs: issued by the sessions module, POSTed to the token's eMSP, listed on the OCPI Sender interface. */
export function cpoCdrsModule(context: ModuleContext): ServiceModule & { service: CdrService } {
  const service = new CdrService(context.db, context.wakeOutbox);
  return {
    name: 'cpo-cdrs',
    service,
    mounted: [{ identifier: 'cdrs', role: 'SENDER', path: 'sender/cdrs', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => cdrsSenderRoutes(scope, '/sender/cdrs', service, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => cdrsApi(scope, context.hosted, service),
    deliveryHooks: { [CDR_POST]: (message, response) => service.recordLocation(message, response) },
  };
}
