import { isActiveAt, type CompiledTariff } from './compiled-tariff.js';
import { selectForPeriods } from './component-selection.js';
import { Dec, ZERO } from './decimal.js';
import { formatInstant } from './local-time.js';
import type { MeteredPeriod } from './metered-period.js';
import { addMoney, componentCost, NO_MONEY, roundMoney, toCdrPrice, type CdrPrice, type Money } from './money.js';
import { applyPriceLimits } from './price-limits.js';
import { billedVolumes } from './step-size.js';
import { TariffError } from './tariff-error.js';

// Costs and CDR totals from metered periods: the pricing core shared by priceSession,
// repriceCdr and previewPrice.

const HOUR_MS = 3_600_000;

/** The CDR's totals (Mod CDRs §CDR object): volumes in kWh and hours, all costs given. */
export interface CdrTotals {
  readonly total_cost: CdrPrice;
  readonly total_fixed_cost: CdrPrice;
  readonly total_energy: number;
  readonly total_energy_cost: CdrPrice;
  /** Charging plus parking time, hours; reservation time is not session time. */
  readonly total_time: number;
  readonly total_time_cost: CdrPrice;
  readonly total_parking_time: number;
  readonly total_parking_cost: CdrPrice;
  /** Reservation TIME and FLAT (Mod CDRs: "including fixed price components"). */
  readonly total_reservation_cost: CdrPrice;
}

/** Volumes actually billed, after step_size: what an invoice line shows. */
export interface BilledTotals {
  readonly energy_kwh: number;
  readonly time_hours: number;
  readonly parking_time_hours: number;
  readonly reservation_time_hours: number;
}

export interface PricedTotals extends CdrTotals {
  readonly billed: BilledTotals;
}

function hours(ms: number): Dec {
  return new Dec(ms).div(HOUR_MS);
}

function sum<T>(items: readonly T[], value: (item: T) => Dec): Dec {
  return items.reduce((total, item) => total.plus(value(item)), ZERO);
}

export function priceMeteredPeriods(tariff: CompiledTariff, timeZone: string, periods: readonly MeteredPeriod[]): PricedTotals {
  const first = periods[0];
  if (first === undefined) throw new TariffError('INVALID_TIMELINE', 'nothing to price: no periods');
  // The tariff valid when the session (or its reservation) started applies throughout (Mod Tariffs §Tariff NOTE).
  if (!isActiveAt(tariff, first.startMs)) {
    throw new TariffError('TARIFF_NOT_ACTIVE', `tariff ${tariff.id} is not valid at ${formatInstant(first.startMs)}`);
  }

  const components = selectForPeriods(tariff, timeZone, periods);
  const billed = billedVolumes(periods, components);
  // FLAT is charged once per session, and once per reservation, at the first period it is active in.
  const sessionFlat = periods.findIndex((p, i) => p.phase === 'SESSION' && components[i]?.FLAT);
  const reservationFlat = periods.findIndex((p, i) => p.phase === 'RESERVATION' && components[i]?.FLAT);

  let energy = NO_MONEY;
  let time = NO_MONEY;
  let parking = NO_MONEY;
  let fixed = NO_MONEY;
  let reservation = NO_MONEY;
  periods.forEach((period, i) => {
    const active = components[i] ?? {};
    const volumes = billed[i];
    if (volumes === undefined) return;
    const flat = active.FLAT && (i === sessionFlat || i === reservationFlat) ? componentCost(active.FLAT, new Dec(1)) : NO_MONEY;
    if (period.phase === 'RESERVATION') {
      reservation = addMoney(reservation, flat);
      if (active.TIME) reservation = addMoney(reservation, componentCost(active.TIME, hours(volumes.reservationMs)));
      return;
    }
    fixed = addMoney(fixed, flat);
    if (active.ENERGY) energy = addMoney(energy, componentCost(active.ENERGY, volumes.energyKwh));
    if (active.TIME) time = addMoney(time, componentCost(active.TIME, hours(volumes.chargingMs)));
    if (active.PARKING_TIME) parking = addMoney(parking, componentCost(active.PARKING_TIME, hours(volumes.parkingMs)));
  });

  const parts = [energy, time, parking, fixed, reservation].map(roundMoney);
  const [energyCost, timeCost, parkingCost, fixedCost, reservationCost] = parts as [Money, Money, Money, Money, Money];
  // total_cost is the sum of the reported (rounded) parts, so a CDR's totals always add up.
  const total = applyPriceLimits(parts.reduce(addMoney, NO_MONEY), tariff.minPrice, tariff.maxPrice);

  return {
    total_cost: toCdrPrice(total),
    total_fixed_cost: toCdrPrice(fixedCost),
    total_energy: sum(periods, (p) => p.energyKwh).toNumber(),
    total_energy_cost: toCdrPrice(energyCost),
    total_time: hours(periods.reduce((ms, p) => ms + p.chargingMs + p.parkingMs, 0)).toNumber(),
    total_time_cost: toCdrPrice(timeCost),
    total_parking_time: hours(periods.reduce((ms, p) => ms + p.parkingMs, 0)).toNumber(),
    total_parking_cost: toCdrPrice(parkingCost),
    total_reservation_cost: toCdrPrice(reservationCost),
    billed: {
      energy_kwh: sum(billed, (b) => b.energyKwh).toNumber(),
      time_hours: hours(billed.reduce((ms, b) => ms + b.chargingMs, 0)).toNumber(),
      parking_time_hours: hours(billed.reduce((ms, b) => ms + b.parkingMs, 0)).toNumber(),
      reservation_time_hours: hours(billed.reduce((ms, b) => ms + b.reservationMs, 0)).toNumber(),
    },
  };
}
