import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import type { ChargingPeriod, Session, SessionPatch } from '../../ocpi/types/sessions.js';

/**
 * A PATCH applied to a session we hold (OCPI 2.2.1 "Sessions", PATCH): the fields it carries replace
 * ours, and its charging periods are appended, never replacing the list. A period whose start we
 * already hold is a repeat of one we have and is dropped, so a PATCH delivered twice changes nothing.
 */
export function applySessionPatch(current: Session, patch: SessionPatch): Session {
  const { charging_periods: added, ...fields } = patch;
  const merged: Session = { ...current, ...fields };
  if (added && added.length > 0) merged.charging_periods = appendPeriods(current.charging_periods ?? [], added);
  return merged;
}

function appendPeriods(held: readonly ChargingPeriod[], added: readonly ChargingPeriod[]): ChargingPeriod[] {
  const starts = new Set(held.map(startOf));
  const fresh = added.filter((p) => {
    const start = startOf(p);
    if (starts.has(start)) return false;
    starts.add(start);
    return true;
  });
  return [...held, ...fresh].sort((a, b) => startOf(a) - startOf(b));
}

/** Compared as instants: `…:00Z` and `…:00.000Z` are the same start. */
function startOf(period: ChargingPeriod): number {
  return parseOcpiDateTime(period.start_date_time)!.getTime();
}
