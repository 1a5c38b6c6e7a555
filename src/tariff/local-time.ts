import { DateTime, IANAZone } from 'luxon';
import { TariffError, type TariffErrorCode } from './tariff-error.js';

// Instants are whole epoch milliseconds (OCPI DateTime carries at most millisecond precision).
// Restrictions are read on the Location's local wall clock (Mod Tariffs §TariffRestrictions),
// which jumps at DST transitions: the helpers below find every instant where it can change.

const DAY_MS = 86_400_000;
const TRANSITION_SCAN_MS = 6 * 3_600_000;

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: 1 = Monday

/** What the wall clock at the Location shows at one instant. */
export interface LocalClock {
  /** Local calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Milliseconds since local midnight as shown on the clock (repeats in a fall-back hour). */
  readonly msOfDay: number;
  readonly weekday: Weekday;
}

export function assertTimeZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone)) {
    throw new TariffError('INVALID_TIME_ZONE', `unknown IANA time zone '${timeZone}'`);
  }
}

/** RFC 3339 to epoch ms; a timestamp without offset is UTC (OCPI types §DateTime). */
export function parseInstant(value: string, what: string, code: TariffErrorCode): number {
  const parsed = typeof value === 'string' ? DateTime.fromISO(value, { zone: 'utc' }) : undefined;
  if (!parsed?.isValid) throw new TariffError(code, `${what}: '${String(value)}' is not an RFC 3339 timestamp`);
  return parsed.toMillis();
}

/** Epoch ms to an OCPI DateTime in UTC, with milliseconds only when there are some. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function localClock(ms: number, timeZone: string): LocalClock {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return {
    date: local.toISODate() ?? '',
    msOfDay: ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond,
    weekday: local.weekday as Weekday,
  };
}

function offsetMs(ms: number, timeZone: string): number {
  return Math.round(DateTime.fromMillis(ms, { zone: timeZone }).offset * 60_000);
}

/** First instant of each UTC-offset change in (fromMs, toMs): where the wall clock jumps. */
function offsetTransitions(fromMs: number, toMs: number, timeZone: string): number[] {
  const transitions: number[] = [];
  let previous = fromMs;
  while (previous < toMs) {
    const next = Math.min(previous + TRANSITION_SCAN_MS, toMs);
    const before = offsetMs(previous, timeZone);
    if (offsetMs(next, timeZone) !== before) {
      let lo = previous;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMs(mid, timeZone) === before) lo = mid;
        else hi = mid;
      }
      if (hi < toMs) transitions.push(hi);
    }
    previous = next;
  }
  return transitions;
}

/**
 * Every instant in (fromMs, toMs) where a time-of-day predicate on the local clock may flip:
 * each instant the clock reads one of `clockTimes` (ms since local midnight; twice in a repeated
 * hour, never in a skipped one) and each DST transition, where the clock jumps over times.
 */
export function wallClockBoundaries(
  fromMs: number,
  toMs: number,
  timeZone: string,
  clockTimes: readonly number[],
): number[] {
  if (clockTimes.length === 0 || toMs <= fromMs) return [];
  const transitions = offsetTransitions(fromMs, toMs, timeZone);
  const offsets = new Set<number>([offsetMs(fromMs, timeZone), offsetMs(toMs, timeZone)]);
  for (const t of transitions) {
    offsets.add(offsetMs(t - 1, timeZone));
    offsets.add(offsetMs(t, timeZone));
  }

  const boundaries = new Set<number>(transitions);
  const firstDay = Date.parse(`${localClock(fromMs, timeZone).date}T00:00:00Z`) - DAY_MS;
  const lastDay = Date.parse(`${localClock(toMs, timeZone).date}T00:00:00Z`) + DAY_MS;
  for (let dayUtc = firstDay; dayUtc <= lastDay; dayUtc += DAY_MS) {
    const date = new Date(dayUtc).toISOString().slice(0, 10);
    for (const clockTime of clockTimes) {
      for (const offset of offsets) {
        const instant = dayUtc + clockTime - offset;
        if (instant <= fromMs || instant >= toMs) continue;
        const clock = localClock(instant, timeZone);
        if (clock.date === date && clock.msOfDay === clockTime) boundaries.add(instant);
      }
    }
  }
  return [...boundaries];
}
