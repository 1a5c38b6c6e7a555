import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { PartnerTokens } from './partner-tokens.js';
import { partnerTokensApi } from './partner-tokens-api.js';
import { tokensReceiverRoutes } from './tokens-receiver-routes.js';

/**
 * The CPO's cache of its eMSP partners' tokens: receiver interface, a read API, and the pull of
 * the eMSPs' lists (on demand through `/api/peers/:id/pull`, on schedule through the sync scheduler).
 */
export function cpoTokensModule(context: ModuleContext): ServiceModule {
  const tokens = new PartnerTokens(context.db, context.partnerObjects);
  return {
    name: 'cpo-tokens',
    mounted: [{ identifier: 'tokens', role: 'RECEIVER', path: 'receiver/tokens', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => tokensReceiverRoutes(scope, '/receiver/tokens', tokens),
    adminRoutes: (scope) => partnerTokensApi(scope, context.hosted, context.db),
    pulls: [tokens.pullSpec()],
  };
}
