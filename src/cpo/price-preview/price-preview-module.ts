import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { pricePreviewApi } from './price-preview-api.js';
import { PricePreviewService, type PreviewSources } from './price-preview-service.js';

/** Price previews of planned sessions at the CPO's EVSEs, from the locations and tariffs services. */
export function pricePreviewModule(context: ModuleContext, sources: PreviewSources): ServiceModule {
  const service = new PricePreviewService(sources);
  return {
    name: 'cpo-price-preview',
    mounted: [],
    adminRoutes: (scope) => pricePreviewApi(scope, context.hosted, service),
  };
}
