const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** How long reconciliation waits before something missing counts as missing (docs/SETTLEMENT.md). */
export interface Thresholds {
  /** A CPO session ended this long ago without a CDR. Ours are issued at stop, so any gap is real. */
  cpoCdrAfterSessionMs: number;
  /** A CPO CDR's POST still under way (or never queued) this long after it was issued. */
  cpoDeliveryMs: number;
  /** An eMSP session completed this long ago without a CDR, after a pull from the CPO. */
  emspCdrAfterSessionMs: number;
  /** An eMSP CDR received this long ago whose session never arrived. */
  emspSessionAfterCdrMs: number;
  /** Timestamps further than this in the future are implausible (clock skew allowance). */
  futureSkewMs: number;
  /** How far back a scheduled run looks: a month's settlement period plus the late CDRs after it. */
  lookbackMs: number;
}

/**
 * OICP asks CPOs to deliver a CDR within seconds (roaming-domain.md §2.6, time-to-CDR); a day for
 * the eMSP side leaves room for partners that batch. Hub practice allows a session-to-CDR gap of
 * hours, never days.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  cpoCdrAfterSessionMs: 15 * MINUTE_MS,
  cpoDeliveryMs: HOUR_MS,
  emspCdrAfterSessionMs: DAY_MS,
  emspSessionAfterCdrMs: 10 * MINUTE_MS,
  futureSkewMs: 5 * MINUTE_MS,
  lookbackMs: 62 * DAY_MS,
};
