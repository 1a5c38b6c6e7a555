import type { RepairHook } from '../../outbox/object-repair.js';
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
  // An eMSP that lacks the Location a PATCH (or an EVSE or Connector PUT) changes gets the Location whole.
  const putWholeLocation: RepairHook = async (message) => {
    const [countryCode = '', partyId = '', id = ''] = message.path;
    const location = await service.get({ countryCode, partyId }, id);
    return location && { kind: 'location.put', path: [countryCode, partyId, id], body: location };
  };
  return {
    name: 'cpo-locations',
    service,
    mounted: [{ identifier: 'locations', role: 'SENDER', path: 'sender/locations', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => locationsSenderRoutes(scope, '/sender/locations', service, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => locationsApi(scope, context.hosted, service),
    repairHooks: Object.fromEntries(['location.patch', 'evse.put', 'evse.patch', 'connector.put', 'connector.patch'].map((kind) => [kind, putWholeLocation])),
  };
}
