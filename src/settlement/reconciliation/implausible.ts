import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Session } from '../../ocpi/types/sessions.js';

/** Above this an AC session's energy was most likely sent in Wh (roaming-domain.md §2.5, unit errors). */
export const AC_SESSION_MAX_KWH = 1000;

export interface Implausibility {
  field: string;
  reason: string;
}

/** What makes a received session's values implausible: end before start, negative energy, times in the future. */
export function sessionImplausibilities(session: Session, now: Date, futureSkewMs: number): Implausibility[] {
  const found: Implausibility[] = [];
  const start = Date.parse(session.start_date_time);
  const end = session.end_date_time ? Date.parse(session.end_date_time) : null;
  if (end !== null && end < start) found.push({ field: 'end_date_time', reason: `${session.end_date_time} is before start_date_time ${session.start_date_time}` });
  if (session.kwh < 0) found.push({ field: 'kwh', reason: `${session.kwh} kWh is negative` });
  found.push(...future(now, futureSkewMs, [['start_date_time', session.start_date_time], ['end_date_time', session.end_date_time ?? null]]));
  return found;
}

/**
 * What makes an accepted CDR's values implausible. The CDR receiver already refuses negative
 * energy, end before start and more energy than the connector can deliver in the session's time;
 * a long AC session can still pass that ceiling with more than 1,000 kWh, and the receiver does
 * not look at the clock.
 */
export function cdrImplausibilities(cdr: CDR, now: Date, futureSkewMs: number): Implausibility[] {
  const found: Implausibility[] = [];
  const energy = cdr.credit ? Math.abs(cdr.total_energy) : cdr.total_energy;
  if (energy < 0) found.push({ field: 'total_energy', reason: `${cdr.total_energy} kWh is negative` });
  if (cdr.cdr_location.connector_power_type.startsWith('AC') && energy > AC_SESSION_MAX_KWH) {
    found.push({ field: 'total_energy', reason: `${energy} kWh in one AC session is more than ${AC_SESSION_MAX_KWH} kWh; sent in Wh?` });
  }
  if (Date.parse(cdr.end_date_time) < Date.parse(cdr.start_date_time)) found.push({ field: 'end_date_time', reason: `${cdr.end_date_time} is before start_date_time ${cdr.start_date_time}` });
  found.push(...future(now, futureSkewMs, [['start_date_time', cdr.start_date_time], ['end_date_time', cdr.end_date_time]]));
  return found;
}

/** The fields of a refused CDR's problems that are about its values, not its identity or its price. */
const VALUE_FIELDS = /^(total_energy|total_time|total_parking_time|start_date_time|end_date_time|charging_periods)/;

export function isValueProblem(field: string): boolean {
  return VALUE_FIELDS.test(field);
}

function future(now: Date, skewMs: number, fields: Array<[string, string | null]>): Implausibility[] {
  return fields.flatMap(([field, value]) => (value !== null && Date.parse(value) > now.getTime() + skewMs ? [{ field, reason: `${value} is in the future` }] : []));
}
