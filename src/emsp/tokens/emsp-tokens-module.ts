import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { TokenAuthorizationHistory, type TokenSessions } from './token-authorizations.js';
import { tokenAuthorizationsApi } from './token-authorizations-api.js';
import { TokenAuthorizer } from './token-authorizer.js';
import { EmspTokenService } from './token-service.js';
import { tokensApi } from './tokens-api.js';
import { tokensSenderRoutes } from './tokens-ocpi-routes.js';

/**
 * The eMSP's tokens: issuing them to drivers, pushing them to CPOs, the Sender list, real-time
 * authorization and each token's authorization history (with the sessions CPOs reported).
 */
export function emspTokensModule(context: ModuleContext, sessions: TokenSessions): ServiceModule & { service: EmspTokenService } {
  const service = new EmspTokenService(context.db, context.wakeOutbox);
  const authorizer = new TokenAuthorizer(context.db);
  return {
    name: 'emsp-tokens',
    service,
    mounted: [{ identifier: 'tokens', role: 'SENDER', path: 'sender/tokens', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => tokensSenderRoutes(scope, '/sender/tokens', service, authorizer, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => {
      tokensApi(scope, context.hosted, service);
      tokenAuthorizationsApi(scope, { hosted: context.hosted, tokens: service, history: new TokenAuthorizationHistory(context.db, sessions) });
    },
    // A CPO that lacks the token a PATCH changes gets it whole.
    repairHooks: {
      'token.patch': async (message) => {
        const [countryCode = '', partyId = '', uid = ''] = message.path;
        const type = message.query?.type ?? 'RFID';
        const issued = await service.get({ countryCode, partyId }, type, uid);
        return issued && { kind: 'token.put', path: [countryCode, partyId, issued.token.uid], query: { type }, body: issued.token };
      },
    },
  };
}
