import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { TokenAuthorizer } from './token-authorizer.js';
import { EmspTokenService } from './token-service.js';
import { tokensApi } from './tokens-api.js';
import { tokensSenderRoutes } from './tokens-ocpi-routes.js';

/** The eMSP's tokens: issuing them to drivers, pushing them to CPOs, the Sender list and real-time authorization. */
export function emspTokensModule(context: ModuleContext): ServiceModule & { service: EmspTokenService } {
  const service = new EmspTokenService(context.db, context.wakeOutbox);
  const authorizer = new TokenAuthorizer(context.db);
  return {
    name: 'emsp-tokens',
    service,
    mounted: [{ identifier: 'tokens', role: 'SENDER', path: 'sender/tokens', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => tokensSenderRoutes(scope, '/sender/tokens', service, authorizer, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => tokensApi(scope, context.hosted, service),
  };
}
