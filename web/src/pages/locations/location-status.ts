import type { Location } from '../../api/types';
import type { Tone } from '../../components/ui/Badge';

/** EVSE statuses of a location counted: "2 AVAILABLE, 1 CHARGING". */
export function statusCounts(location: Location): Map<string, number> {
  const counts = new Map<string, number>();
  for (const evse of location.evses ?? []) counts.set(evse.status, (counts.get(evse.status) ?? 0) + 1);
  return counts;
}

/** A pin's colour: red if an EVSE is out of order, blue while one charges, green if one is free, grey otherwise. */
export function locationTone(location: Location): Tone {
  const statuses = new Set((location.evses ?? []).map((e) => e.status));
  if (statuses.has('OUTOFORDER') || statuses.has('INOPERATIVE')) return 'bad';
  if (statuses.has('CHARGING')) return 'info';
  if (statuses.has('AVAILABLE')) return 'ok';
  return 'neutral';
}

export function describeStatuses(location: Location): string {
  return [...statusCounts(location)].map(([status, n]) => `${n} ${status.toLowerCase()}`).join(', ') || 'no EVSEs';
}
