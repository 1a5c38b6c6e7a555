import type { ServiceModule } from '../server/service-module.js';
import { SessionTrace, type TracePorts } from './session-trace.js';
import { traceApi } from './trace-api.js';

/** The support desk's session trace: reads only, through the ports the role and settlement modules offer. */
export function traceModule(ports: TracePorts): ServiceModule {
  const trace = new SessionTrace(ports);
  return {
    name: 'trace',
    mounted: [],
    adminRoutes: (scope) => traceApi(scope, { hosted: ports.hosted, trace }),
  };
}
