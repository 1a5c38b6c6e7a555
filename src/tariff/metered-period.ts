import type { Dec } from './decimal.js';
import type { Range } from './restrictions.js';

// The one period shape the pricer works on. priceSession builds it from a metering timeline,
// repriceCdr from a CDR's charging periods: both then go through the same pricing code, which is
// what makes a CDR re-price to the totals it was issued with.

/** RESERVATION: the EVSE is held for the driver before the session (Mod CDRs §RESERVATION_TIME). */
export type PeriodPhase = 'RESERVATION' | 'SESSION';

export interface MeteredPeriod {
  readonly phase: PeriodPhase;
  /** Epoch ms. */
  readonly startMs: number;
  /** Whole milliseconds, see docs/TARIFFS.md "Resolution". */
  readonly chargingMs: number;
  readonly parkingMs: number;
  readonly reservationMs: number;
  readonly energyKwh: Dec;
  readonly power: Range;
  readonly current: Range;
}
