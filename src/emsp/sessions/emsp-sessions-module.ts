import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { receivedSessionsApi } from './received-sessions-api.js';
import { ReceivedSessionService } from './received-session-service.js';
import { sessionsReceiverRoutes } from './sessions-receiver-routes.js';

/** The eMSP's view of its drivers' sessions at CPO partners: receiver interface, pulls, and an operator list. */
export function emspSessionsModule(context: ModuleContext): ServiceModule & { service: ReceivedSessionService } {
  const service = new ReceivedSessionService(context.db);
  return {
    name: 'emsp-sessions',
    service,
    mounted: [{ identifier: 'sessions', role: 'RECEIVER', path: 'receiver/sessions', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => sessionsReceiverRoutes(scope, '/receiver/sessions', service),
    adminRoutes: (scope) => receivedSessionsApi(scope, context.hosted, service),
    pulls: [service.pullSpec()],
  };
}
