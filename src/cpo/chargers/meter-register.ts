import { Decimal } from 'decimal.js';

/**
 * A transaction's energy register as we bill it: the charger's register plus an offset that grows
 * each time the charger's register falls (a meter swap, a reset at reboot, a firmware bug). The
 * reading after a fall counts as the last good reading, and the energy after it adds on from
 * there, so nothing is billed negative and nothing metered after the fall is lost
 * (ocpp.md §5.2, "meterStop < meterStart … energy = max(0, …)").
 */
export interface MeterRegister {
  offsetKwh: number;
  /** The last reading received, on this register. */
  lastKwh: number | null;
  lastAt: Date | null;
}

export interface ContinuedReading {
  kwh: number;
  /** The charger's register fell below the last reading: the session is to be flagged. */
  fell: boolean;
  register: MeterRegister;
}

/** A reading on the register, or null when it is not after the last one (a replay, or out of order). */
export function continueRegister(register: MeterRegister, chargerKwh: number, at: Date): ContinuedReading | null {
  if (register.lastAt && at <= register.lastAt) return null;
  const { kwh, fell, offsetKwh } = onRegister(register, chargerKwh);
  return { kwh, fell, register: { offsetKwh, lastKwh: kwh, lastAt: at } };
}

/**
 * The stop register on this register: the charger's meterStop plus the offset, never below the
 * last reading. Unlike a reading, a stop is placed whatever its time.
 */
export function stopOnRegister(register: MeterRegister, chargerKwh: number): { kwh: number; fell: boolean } {
  const { kwh, fell } = onRegister(register, chargerKwh);
  return { kwh, fell };
}

/** In decimal, so an offset adds no binary noise to the kWh the session is billed. */
function onRegister(register: MeterRegister, chargerKwh: number): { kwh: number; fell: boolean; offsetKwh: number } {
  const kwh = new Decimal(chargerKwh).plus(register.offsetKwh).toNumber();
  if (register.lastKwh === null || kwh >= register.lastKwh) return { kwh, fell: false, offsetKwh: register.offsetKwh };
  return { kwh: register.lastKwh, fell: true, offsetKwh: new Decimal(register.lastKwh).minus(chargerKwh).toNumber() };
}
