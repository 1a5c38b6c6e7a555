import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { tariffsApi } from './tariffs-api.js';
import { tariffsSenderRoutes } from './tariffs-ocpi-routes.js';
import { TariffService } from './tariff-service.js';

/** The CPO's tariffs: admin management, pushes to eMSPs, and the OCPI Sender interface. */
export function cpoTariffsModule(context: ModuleContext): ServiceModule & { service: TariffService } {
  const service = new TariffService(context.db, context.wakeOutbox);
  return {
    name: 'cpo-tariffs',
    service,
    mounted: [{ identifier: 'tariffs', role: 'SENDER', path: 'sender/tariffs', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => tariffsSenderRoutes(scope, '/sender/tariffs', service, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => tariffsApi(scope, context.hosted, service),
  };
}
