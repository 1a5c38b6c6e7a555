// The tariff engine: OCPI 2.2.1 tariffs applied to metered sessions, CDRs and plans.
// Pure: no I/O, no dependency on the rest of evroam. Rules and policies: docs/TARIFFS.md.

export { priceSession, type PriceSessionInput, type PricedSession } from './price-session.js';
export { repriceCdr, type RepriceCdrInput } from './reprice-cdr.js';
export { previewPrice, plannedTimeline, type PlannedSession, type PreviewPriceInput } from './price-preview.js';
export { selectTariff, isTariffActive } from './tariff-selection.js';
export { readsLocalClock } from './restrictions.js';
export { TariffError, type TariffErrorCode } from './tariff-error.js';
export type { MeterSample, ReservationWindow, VehicleState } from './timeline.js';
export type { BilledTotals, CdrTotals, PricedTotals } from './totals.js';
export type { CdrPrice } from './money.js';
export type { ReceivedChargingPeriod } from './charging-periods.js';
export type * from './tariff-model.js';
