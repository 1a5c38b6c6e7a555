import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { locationsReceiverRoutes } from './locations-receiver-routes.js';
import { PartnerLocationStore } from './partner-location-store.js';
import { PartnerLocations } from './partner-locations.js';
import { partnerLocationsApi } from './partner-locations-api.js';

/** The eMSP's copy of its CPO partners' Locations: Receiver interface, pulls, and a read API for apps. */
export function emspLocationsModule(context: ModuleContext): ServiceModule {
  const store = new PartnerLocationStore(context.db, context.partnerObjects);
  const locations = new PartnerLocations(store);
  return {
    name: 'emsp-locations',
    mounted: [{ identifier: 'locations', role: 'RECEIVER', path: 'receiver/locations', servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => locationsReceiverRoutes(scope, '/receiver/locations', locations),
    adminRoutes: (scope) => partnerLocationsApi(scope, context.hosted, store),
    pulls: [locations.pullSpec()],
  };
}
