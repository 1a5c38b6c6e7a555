import { Decimal } from 'decimal.js';
import type { MeterReading } from './charger-events.js';

/** One sampled value of either version, its number already read (1.6 sends text, 2.0.1 numbers). */
export interface RawSample {
  value: number;
  measurand?: string;
  phase?: string;
  location?: string;
  unit?: string;
  context?: string;
}

const ENERGY = 'Energy.Active.Import.Register';
const POWER = 'Power.Active.Import';
const CURRENT = 'Current.Import';

/** Phases whose values add up to the total; line-to-line and neutral readings are not part of it. */
const SUMMED_PHASES = new Set(['L1', 'L2', 'L3', 'L1-N', 'L2-N', 'L3-N']);

/** Factor from each unit to kWh, kW or A. Units compare without case: 2.0.1 leaves them free text. */
const SCALE: Record<string, Record<string, number>> = {
  [ENERGY]: { wh: 0.001, kwh: 1 },
  [POWER]: { w: 0.001, kw: 1 },
  [CURRENT]: { a: 1 },
};

/**
 * The unit a charger means when it names none. OCPP 1.6 §7.31 and 2.0.1 UnitOfMeasureType both
 * default to Wh, which only makes sense for energy; a power or current value without unit is read
 * in that measurand's base unit rather than dropped.
 */
const DEFAULT_UNIT: Record<string, string> = { [ENERGY]: 'wh', [POWER]: 'w', [CURRENT]: 'a' };

/**
 * One metering instant from its sampled values: the active import register in kWh, active import
 * power in kW and import current in A. A value without phase is the total; without one, the
 * phase values are summed. Readings at the outlet (the default location) win over other locations,
 * which are used only when the outlet is not measured. Unknown units and measurands are left out.
 */
export function readingFrom(at: string, samples: readonly RawSample[]): MeterReading {
  const reading: MeterReading = { at };
  const energy = total(samples, ENERGY);
  const power = total(samples, POWER);
  const current = total(samples, CURRENT);
  if (energy !== undefined) reading.energyKwh = energy;
  if (power !== undefined) reading.powerKw = power;
  if (current !== undefined) reading.currentA = current;
  const context = samples.find((s) => s.context !== undefined)?.context;
  if (context !== undefined) reading.context = context;
  return reading;
}

function total(samples: readonly RawSample[], measurand: string): number | undefined {
  const relevant = samples.filter((s) => (s.measurand ?? ENERGY) === measurand && Number.isFinite(s.value) && scaleOf(s, measurand) !== undefined);
  const atOutlet = relevant.filter((s) => s.location === undefined || s.location === 'Outlet');
  const chosen = atOutlet.length > 0 ? atOutlet : relevant;
  const whole = chosen.find((s) => s.phase === undefined);
  if (whole) return scaled(whole, measurand).toNumber();
  const phases = chosen.filter((s) => SUMMED_PHASES.has(s.phase!));
  if (phases.length === 0) return undefined;
  return phases.reduce((sum, s) => sum.plus(scaled(s, measurand)), new Decimal(0)).toNumber();
}

function scaleOf(sample: RawSample, measurand: string): number | undefined {
  return SCALE[measurand]![(sample.unit ?? DEFAULT_UNIT[measurand]!).toLowerCase()];
}

/** Decimal, so 12345 Wh is exactly 12.345 kWh rather than a binary neighbour. */
function scaled(sample: RawSample, measurand: string): Decimal {
  return new Decimal(sample.value).times(scaleOf(sample, measurand)!);
}
