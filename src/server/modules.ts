import { cpoTariffsModule } from '../cpo/tariffs/cpo-tariffs-module.js';
import { emspTariffsModule } from '../emsp/tariffs/emsp-tariffs-module.js';
import type { ModuleContext, ServiceModule } from './service-module.js';

/** Every functional module of the service, in mounting order. */
export function createModules(context: ModuleContext): ServiceModule[] {
  return [cpoTariffsModule(context), emspTariffsModule(context)];
}
