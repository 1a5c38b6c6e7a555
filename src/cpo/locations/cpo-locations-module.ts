import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { locationsApi } from './locations-api.js';
import { locationsSenderRoutes } from './locations-ocpi-routes.js';
import { LocationService } from './location-service.js';

/**
 * The CPO's Locations: admin management and import, EVSE statuses from chargers (other modules
 * call `service.setEvseStatus`), pushes to eMSPs, and the OCPI Sender interface.
 */
export function cpoLocationsModule(context: ModuleContext): ServiceModule & { service: LocationService } {
  const service = new LocationService(context.db, context.wakeOutbox);
  return {
    name: 'cpo-locations',
    service,
    mounted: [{ identifier: 'locations', role: 'SENDER', path: 'sender/locations', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => locationsSenderRoutes(scope, '/sender/locations', service, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => locationsApi(scope, context.hosted, service),
  };
}
