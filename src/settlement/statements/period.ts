import { DateTime } from 'luxon';
import type { SettlementPeriod } from '../../store/tables/settlement-tables.js';

/** A settlement period in UTC: `2026-03` (a month) or `2026-W10` (an ISO week, Monday to Monday). */
export interface Period {
  label: string;
  start: Date;
  end: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The period a label names, if it is of the agreement's kind; null otherwise. */
export function parsePeriod(label: string, kind: SettlementPeriod): Period | null {
  if (kind === 'MONTHLY') {
    const match = MONTH.exec(label);
    if (!match) return null;
    const start = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone: 'utc' });
    return { label, start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
  }
  const match = WEEK.exec(label);
  if (!match) return null;
  const start = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: 'utc' });
  if (!start.isValid || start.weekNumber !== Number(match[2])) return null;
  return { label, start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

/** The period of `kind` that contains `at`. */
export function periodContaining(at: Date, kind: SettlementPeriod): Period {
  const time = DateTime.fromJSDate(at, { zone: 'utc' });
  const label = kind === 'MONTHLY' ? time.toFormat('yyyy-MM') : `${time.weekYear}-W${String(time.weekNumber).padStart(2, '0')}`;
  return parsePeriod(label, kind)!;
}

/** The periods of `kind` from the one containing `from` to the last that starts before `before`, in order. */
export function periodsBetween(from: Date, before: Date, kind: SettlementPeriod): Period[] {
  const periods: Period[] = [];
  for (let period = periodContaining(from, kind); period.start < before; period = periodContaining(period.end, kind)) periods.push(period);
  return periods;
}
