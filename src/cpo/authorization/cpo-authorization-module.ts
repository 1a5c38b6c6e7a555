import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { PartnerTokens } from '../tokens/partner-tokens.js';
import { authorizationApi } from './authorization-api.js';
import { AuthorizationRepository } from './authorization-repository.js';
import { AuthorizationService } from './authorization-service.js';
import { EmspRealtimeAuthorizer } from './emsp-realtime-authorizer.js';

/** A driver waits at the charger: an eMSP that has not answered in this time counts as not answering. */
const REALTIME_TIMEOUT_MS = 5000;

/** The CPO's authorization service (used by the charger gateway) and its operator route. */
export function cpoAuthorizationModule(context: ModuleContext): ServiceModule & { service: AuthorizationService } {
  const client = context.client.withTimeout(Math.min(context.config.requestTimeoutMs, REALTIME_TIMEOUT_MS));
  const service = new AuthorizationService({
    tokens: new PartnerTokens(context.db, context.partnerObjects),
    realtime: new EmspRealtimeAuthorizer(context.peers, client),
    decisions: new AuthorizationRepository(context.db),
    log: context.log,
  });
  return {
    name: 'cpo-authorization',
    service,
    mounted: [],
    adminRoutes: (scope) => authorizationApi(scope, context.hosted, service),
  };
}
