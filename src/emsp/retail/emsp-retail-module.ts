import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { retailApi } from './retail-api.js';
import { RetailService } from './retail-service.js';

/** The eMSP's retail pricing: plans, and the retail line of every CDR the eMSP accepts (the CDR receiver calls `service`). */
export function emspRetailModule(context: ModuleContext): ServiceModule & { service: RetailService } {
  const service = new RetailService(context.db, context.hosted);
  return {
    name: 'emsp-retail',
    service,
    mounted: [],
    adminRoutes: (scope) => retailApi(scope, context.hosted, service),
  };
}
