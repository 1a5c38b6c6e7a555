import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import type { CdrService } from '../cdrs/cdr-service.js';
import type { ChargePointSources } from './charge-point-catalog.js';
import { sessionsApi } from './sessions-api.js';
import { sessionsSenderRoutes } from './sessions-ocpi-routes.js';
import { SESSION_PATCH, SESSION_PUT, SessionService } from './session-service.js';

/** The CPO's sessions: start, meter and stop; pushes to the token's eMSP; the OCPI Sender interface. */
export function cpoSessionsModule(context: ModuleContext, cdrs: CdrService, chargePoints?: ChargePointSources): ServiceModule & { service: SessionService } {
  const service = new SessionService(context.db, cdrs, context.wakeOutbox, chargePoints);
  return {
    name: 'cpo-sessions',
    service,
    mounted: [{ identifier: 'sessions', role: 'SENDER', path: 'sender/sessions', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => sessionsSenderRoutes(scope, '/sender/sessions', service, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => sessionsApi(scope, context.hosted, service),
    // An eMSP that lacks the session a PATCH changes gets it whole, periods included.
    repairHooks: {
      [SESSION_PATCH]: async (message) => {
        const [countryCode = '', partyId = '', id = ''] = message.path;
        const session = await service.get({ countryCode, partyId }, id);
        return session && { kind: SESSION_PUT, path: [countryCode, partyId, id], body: session };
      },
    },
  };
}
