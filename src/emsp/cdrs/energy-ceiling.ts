import type { PowerType } from '../../ocpi/types/locations.js';

/**
 * The most power a connector of each power type can deliver, in kW, by the largest ratings in use:
 * single-phase and split-phase AC 240 V × 80 A (SAE J1772), two-phase 2 × 230 V × 63 A, three-phase
 * √3 × 400 V × 63 A (IEC 62196-2), DC 1250 V × 3000 A (MCS). Generous on purpose: the check is meant
 * to catch energy sent in Wh instead of kWh, not to audit a charger.
 */
const MAX_POWER_KW: Record<PowerType, number> = {
  AC_1_PHASE: 19.2,
  AC_2_PHASE_SPLIT: 19.2,
  AC_2_PHASE: 29,
  AC_3_PHASE: 43.7,
  DC: 3750,
};

/** 10 % on top for meter and clock rounding, plus 10 Wh so a session of seconds is not refused. */
const MARGIN = 1.1;
const METER_RESOLUTION_KWH = 0.01;

/** The most energy a session of `hours` on a connector of `powerType` can have charged, in kWh. */
export function energyCeilingKwh(powerType: PowerType, hours: number): number {
  return MAX_POWER_KW[powerType] * hours * MARGIN + METER_RESOLUTION_KWH;
}
