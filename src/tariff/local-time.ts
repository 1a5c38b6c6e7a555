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

/** Zones already found valid: the check builds an Intl formatter, too dear to repeat per pricing. */
const validZones = new Set<string>();

export function assertTimeZone(timeZone: string): void {
  if (validZones.has(timeZone)) return;
  if (!IANAZone.isValidZone(timeZone)) {
    throw new TariffError('INVALID_TIME_ZONE', `unknown IANA time zone '${timeZone}'`);
  }
  validZones.add(timeZone);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/i;

/** RFC 3339 to epoch ms; a timestamp without offset is UTC (OCPI types §DateTime). */
export function parseInstant(value: string, what: string, code: TariffErrorCode): number {
  const match = typeof value === 'string' ? RFC3339.exec(value) : null;
  // The platform parser refuses hour 25 but rolls Feb 30 over into March: the day is checked here.
  const ms = match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? Date.parse(match[5] === undefined ? `${value}Z` : value) : Number.NaN;
  if (Number.isNaN(ms)) throw new TariffError(code, `${what}: '${String(value)}' is not an RFC 3339 timestamp`);
  return ms;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** Epoch ms to an OCPI DateTime in UTC, with milliseconds only when there are some. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function localClock(ms: number, timeZone: string): LocalClock {
  const wall = new Date(ms + offsetMs(ms, timeZone));
  const msOfDay = (((ms + offsetMs(ms, timeZone)) % DAY_MS) + DAY_MS) % DAY_MS;
  const day = wall.getUTCDay();
  return { date: wall.toISOString().slice(0, 10), msOfDay, weekday: (day === 0 ? 7 : day) as Weekday };
}

/**
 * UTC offsets change only at quarter-hour instants in every zone in use since 1900, so the offset
 * of a quarter hour is computed once (a zone lookup through Intl is the engine's costliest step)
 * and reused for every instant in it. A quarter hour whose start and end disagree holds a
 * transition at an odd instant and is computed exactly, instant by instant.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetsByZone = new Map<string, Map<number, number | null>>();

function offsetMs(ms: number, timeZone: string): number {
  let offsets = offsetsByZone.get(timeZone);
  if (!offsets) {
    offsets = new Map();
    offsetsByZone.set(timeZone, offsets);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    const atStart = exactOffsetMs(quarter * QUARTER_HOUR_MS, timeZone);
    offset = exactOffsetMs((quarter + 1) * QUARTER_HOUR_MS - 1, timeZone) === atStart ? atStart : null;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(quarter, offset);
  }
  return offset ?? exactOffsetMs(ms, timeZone);
}

function exactOffsetMs(ms: number, timeZone: string): number {
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
