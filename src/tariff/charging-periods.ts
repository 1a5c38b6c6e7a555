import { Dec, ZERO } from './decimal.js';
import { formatInstant, parseInstant } from './local-time.js';
import type { MeteredPeriod } from './metered-period.js';
import type { Range } from './restrictions.js';
import { TariffError } from './tariff-error.js';
import type { CdrDimension, ChargingPeriod } from './tariff-model.js';

// Metered periods to and from CDR ChargingPeriods (Mod CDRs §ChargingPeriod, §CdrDimensionType).
// Time volumes travel in hours; the engine works in whole milliseconds (the resolution of OCPI
// timestamps), so hours read from a CDR are rounded to the nearest millisecond.

const HOUR_MS = 3_600_000;

/** A charging period as received: unknown dimension types (Session-only ones, 2.1.1's FLAT) are ignored. */
export interface ReceivedChargingPeriod {
  readonly start_date_time: string;
  readonly dimensions: readonly { readonly type: string; readonly volume: number }[];
}

function hours(ms: number): number {
  return new Dec(ms).div(HOUR_MS).toNumber();
}

function rangeDimensions(range: Range, minType: 'MIN_POWER' | 'MIN_CURRENT', maxType: 'MAX_POWER' | 'MAX_CURRENT'): CdrDimension[] {
  const dimensions: CdrDimension[] = [];
  if (range.min !== undefined) dimensions.push({ type: minType, volume: range.min.toNumber() });
  if (range.max !== undefined) dimensions.push({ type: maxType, volume: range.max.toNumber() });
  return dimensions;
}

export function toChargingPeriods(periods: readonly MeteredPeriod[], tariffId: string): ChargingPeriod[] {
  return periods.map((p) => {
    const dimensions: CdrDimension[] = [];
    if (p.phase === 'RESERVATION') {
      dimensions.push({ type: 'RESERVATION_TIME', volume: hours(p.reservationMs) });
    } else {
      if (!p.energyKwh.isZero()) dimensions.push({ type: 'ENERGY', volume: p.energyKwh.toNumber() });
      if (p.chargingMs > 0) dimensions.push({ type: 'TIME', volume: hours(p.chargingMs) });
      if (p.parkingMs > 0) dimensions.push({ type: 'PARKING_TIME', volume: hours(p.parkingMs) });
      dimensions.push(...rangeDimensions(p.power, 'MIN_POWER', 'MAX_POWER'));
      dimensions.push(...rangeDimensions(p.current, 'MIN_CURRENT', 'MAX_CURRENT'));
    }
    return { start_date_time: formatInstant(p.startMs), dimensions, tariff_id: tariffId };
  });
}

function invalid(message: string): never {
  throw new TariffError('INVALID_CDR', message);
}

function fromChargingPeriod(period: ReceivedChargingPeriod, where: string): MeteredPeriod {
  let energy = ZERO;
  const ms = { TIME: 0, PARKING_TIME: 0, RESERVATION_TIME: 0 };
  const measured: Partial<Record<'MIN_POWER' | 'MAX_POWER' | 'MIN_CURRENT' | 'MAX_CURRENT', Dec>> = {};
  let reservation = false;
  period.dimensions.forEach(({ type, volume }, d) => {
    if (typeof volume !== 'number' || !Number.isFinite(volume)) invalid(`${where}.dimensions[${d}].volume must be a finite number`);
    switch (type) {
      case 'ENERGY':
        energy = energy.plus(volume);
        break;
      case 'TIME':
      case 'PARKING_TIME':
      case 'RESERVATION_TIME':
        if (volume < 0) invalid(`${where}.dimensions[${d}]: ${type} must not be negative`);
        ms[type] += new Dec(volume).times(HOUR_MS).round().toNumber();
        reservation ||= type === 'RESERVATION_TIME';
        break;
      case 'MIN_POWER':
      case 'MAX_POWER':
      case 'MIN_CURRENT':
      case 'MAX_CURRENT':
        measured[type] = new Dec(volume);
        break;
    }
  });
  if (reservation && (ms.TIME > 0 || ms.PARKING_TIME > 0 || !energy.isZero())) {
    invalid(`${where} mixes RESERVATION_TIME with session dimensions`);
  }
  return {
    phase: reservation ? 'RESERVATION' : 'SESSION',
    startMs: parseInstant(period.start_date_time, `${where}.start_date_time`, 'INVALID_CDR'),
    chargingMs: ms.TIME,
    parkingMs: ms.PARKING_TIME,
    reservationMs: ms.RESERVATION_TIME,
    energyKwh: energy,
    power: { min: measured.MIN_POWER, max: measured.MAX_POWER },
    current: { min: measured.MIN_CURRENT, max: measured.MAX_CURRENT },
  };
}

export function fromChargingPeriods(periods: readonly ReceivedChargingPeriod[]): MeteredPeriod[] {
  if (!Array.isArray(periods) || periods.length === 0) invalid('charging_periods must list at least one period');
  const metered = periods.map((p, i) => fromChargingPeriod(p, `charging_periods[${i}]`));
  metered.forEach((p, i) => {
    const previous = metered[i - 1];
    if (previous === undefined) return;
    if (p.startMs < previous.startMs) invalid(`charging_periods[${i}] starts before the period it follows`);
    if (p.phase === 'RESERVATION' && previous.phase === 'SESSION') invalid(`charging_periods[${i}]: a reservation must precede the session`);
  });
  return metered;
}
