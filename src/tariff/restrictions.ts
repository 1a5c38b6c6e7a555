import type { CompiledRestrictions } from './compiled-tariff.js';
import type { Dec } from './decimal.js';
import type { LocalClock } from './local-time.js';
import type { Tariff } from './tariff-model.js';

// Restriction matching, Mod Tariffs §TariffRestrictions. A restriction switches its element on or
// off *during* a session; it never qualifies the whole session. The engine evaluates restrictions
// at the start of each period: period splitting guarantees nothing they depend on flips inside one.

/** Minimum and maximum measured over a period; undefined where not measured. */
export interface Range {
  readonly min: Dec | undefined;
  readonly max: Dec | undefined;
}

/** What restrictions can see about a period. */
export interface PeriodFacts {
  /** Local wall clock at the period start. */
  readonly clock: LocalClock;
  /** Energy of the session before this period, kWh. */
  readonly energyBeforeKwh: Dec;
  /**
   * Time since the session started (the reservation, for reservation periods), charging and
   * parking alike: min/max_duration count from session start (ocpi/ocpi#434, #566).
   */
  readonly ageMs: number;
  /** What is not measured cannot exclude an element (as in the TandemDrive reference calculator). */
  readonly power: Range;
  readonly current: Range;
}

function timeOfDayHolds(startMs: number | undefined, endMs: number | undefined, msOfDay: number): boolean {
  if (startMs === undefined) return endMs === undefined || msOfDay < endMs;
  if (endMs === undefined) return msOfDay >= startMs;
  // "If end_time < start_time then the period wraps around to the next day"; equal times wrap a full day.
  return startMs < endMs ? msOfDay >= startMs && msOfDay < endMs : msOfDay >= startMs || msOfDay < endMs;
}

/** min_* inclusive, max_* exclusive, as §TariffRestrictions words each one. */
function withinBounds(low: Dec | undefined, high: Dec | undefined, { min, max }: Range): boolean {
  return (low === undefined || min === undefined || min.greaterThanOrEqualTo(low)) && (high === undefined || max === undefined || max.lessThan(high));
}

export function restrictionsHold(r: CompiledRestrictions, facts: PeriodFacts): boolean {
  const { clock } = facts;
  return (
    timeOfDayHolds(r.startTimeMs, r.endTimeMs, clock.msOfDay) &&
    (r.startDate === undefined || clock.date >= r.startDate) &&
    (r.endDate === undefined || clock.date < r.endDate) &&
    (r.weekdays === undefined || r.weekdays.has(clock.weekday)) &&
    (r.minKwh === undefined || facts.energyBeforeKwh.greaterThanOrEqualTo(r.minKwh)) &&
    (r.maxKwh === undefined || facts.energyBeforeKwh.lessThan(r.maxKwh)) &&
    (r.minDurationMs === undefined || facts.ageMs >= r.minDurationMs) &&
    (r.maxDurationMs === undefined || facts.ageMs < r.maxDurationMs) &&
    withinBounds(r.minPower, r.maxPower, facts.power) &&
    withinBounds(r.minCurrent, r.maxCurrent, facts.current)
  );
}

/** The tariff has a restriction on the local wall clock (time, date or weekday): its price depends on the time zone. */
export function readsLocalClock(tariff: Tariff): boolean {
  return tariff.elements.some(({ restrictions: r }) => r !== undefined && [r.start_time, r.end_time, r.start_date, r.end_date, r.day_of_week].some((v) => v !== undefined));
}
