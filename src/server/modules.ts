import { cpoAuthorizationModule } from '../cpo/authorization/cpo-authorization-module.js';
import { cpoCdrsModule } from '../cpo/cdrs/cpo-cdrs-module.js';
import { commandTargets } from '../cpo/commands/command-targets.js';
import { cpoCommandsModule } from '../cpo/commands/cpo-commands-module.js';
import { cpoLocationsModule } from '../cpo/locations/cpo-locations-module.js';
import { cpoSessionsModule } from '../cpo/sessions/cpo-sessions-module.js';
import { cpoTariffsModule } from '../cpo/tariffs/cpo-tariffs-module.js';
import { cpoTokensModule } from '../cpo/tokens/cpo-tokens-module.js';
import { emspCdrsModule } from '../emsp/cdrs/emsp-cdrs-module.js';
import { IssuedTokenDirectory } from '../emsp/cdrs/token-directory.js';
import { emspCommandsModule } from '../emsp/commands/emsp-commands-module.js';
import { emspLocationsModule } from '../emsp/locations/emsp-locations-module.js';
import { emspSessionsModule } from '../emsp/sessions/emsp-sessions-module.js';
import { emspTariffsModule } from '../emsp/tariffs/emsp-tariffs-module.js';
import { emspTokensModule } from '../emsp/tokens/emsp-tokens-module.js';
import type { ModuleContext, ServiceModule } from './service-module.js';

/**
 * Every functional module of the service, in mounting order. Modules that need another's data get
 * that module's service here, never its tables.
 */
export function createModules(context: ModuleContext): ServiceModule[] {
  const cpoTariffs = cpoTariffsModule(context);
  const cpoLocations = cpoLocationsModule(context);
  const cpoCdrs = cpoCdrsModule(context);
  const cpoSessions = cpoSessionsModule(context, cpoCdrs.service, {
    location: (party, id) => cpoLocations.service.get(party, id),
    tariff: (party, id) => cpoTariffs.service.get(party, id),
  });
  const emspTokens = emspTokensModule(context);
  return [
    cpoTariffs,
    cpoLocations,
    cpoTokensModule(context),
    cpoAuthorizationModule(context),
    cpoCdrs,
    cpoSessions,
    cpoCommandsModule(context, commandTargets(cpoLocations.service, cpoSessions.service)),
    emspTariffsModule(context),
    emspLocationsModule(context),
    emspTokens,
    emspSessionsModule(context),
    emspCdrsModule(context, new IssuedTokenDirectory(emspTokens.service)),
    emspCommandsModule(context),
  ];
}
