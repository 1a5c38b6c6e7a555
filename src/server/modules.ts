import type { ModuleContext, ServiceModule } from './service-module.js';

/** Every functional module of the service, in mounting order. */
export function createModules(_context: ModuleContext): ServiceModule[] {
  return [];
}
