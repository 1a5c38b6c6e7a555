import type { ActiveComponents } from './component-selection.js';
import { decMax, decMin, type Dec } from './decimal.js';
import type { MeteredPeriod } from './metered-period.js';
import type { Range } from './restrictions.js';
import { TARIFF_DIMENSIONS } from './tariff-model.js';

// Joins adjacent fine periods that the tariff prices alike (same phase, same vehicle state, the
// same component for every dimension), so a CDR lists a period per price change, not per sample.
// Safe for re-pricing: a merged period is evaluated at its first part's start (same instant
// facts), and its power/current range (min of minima, max of maxima) satisfies an element's
// bounds exactly when every part did, so the first matching element stays the same.

function kind(p: MeteredPeriod): string {
  return p.phase === 'RESERVATION' ? 'RESERVATION' : p.chargingMs > 0 ? 'CHARGING' : 'PARKED';
}

function pricedAlike(a: ActiveComponents, b: ActiveComponents): boolean {
  return TARIFF_DIMENSIONS.every((d) => a[d] === b[d]);
}

function widen(a: Dec | undefined, b: Dec | undefined, pick: (x: Dec, y: Dec) => Dec): Dec | undefined {
  return a === undefined || b === undefined ? undefined : pick(a, b);
}

function union(a: Range, b: Range): Range {
  return { min: widen(a.min, b.min, decMin), max: widen(a.max, b.max, decMax) };
}

export function mergePeriods(periods: readonly MeteredPeriod[], components: readonly ActiveComponents[]): MeteredPeriod[] {
  const merged: MeteredPeriod[] = [];
  let previous: { period: MeteredPeriod; active: ActiveComponents } | undefined;
  periods.forEach((period, i) => {
    const active = components[i] ?? {};
    if (previous && kind(previous.period) === kind(period) && pricedAlike(previous.active, active)) {
      const p = previous.period;
      const joined: MeteredPeriod = {
        ...p,
        chargingMs: p.chargingMs + period.chargingMs,
        parkingMs: p.parkingMs + period.parkingMs,
        reservationMs: p.reservationMs + period.reservationMs,
        energyKwh: p.energyKwh.plus(period.energyKwh),
        power: union(p.power, period.power),
        current: union(p.current, period.current),
      };
      merged[merged.length - 1] = joined;
      previous = { period: joined, active };
      return;
    }
    merged.push(period);
    previous = { period, active };
  });
  return merged;
}
