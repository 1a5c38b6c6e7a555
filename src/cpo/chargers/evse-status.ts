import type { ConnectorState } from '../../ocpp/charger-events.js';
import type { Status } from '../../ocpi/types/locations.js';

/**
 * OCPP connector state → OCPI EVSE status. Preparing already means a driver is at the EVSE, so it
 * is CHARGING ("in use"), as is 2.0.1 Occupied; Unavailable is INOPERATIVE (switched off, not
 * broken) and Faulted OUTOFORDER (broken), following OCPI 2.2.1 "Locations" Status definitions.
 */
const STATUS: Record<ConnectorState, Status> = {
  Available: 'AVAILABLE',
  Preparing: 'CHARGING',
  Charging: 'CHARGING',
  SuspendedEV: 'CHARGING',
  SuspendedEVSE: 'CHARGING',
  Finishing: 'CHARGING',
  Occupied: 'CHARGING',
  Reserved: 'RESERVED',
  Unavailable: 'INOPERATIVE',
  Faulted: 'OUTOFORDER',
};

/** The busiest state wins when an EVSE has several connectors: one in use makes the EVSE in use. */
const PRECEDENCE: readonly Status[] = ['CHARGING', 'RESERVED', 'AVAILABLE', 'INOPERATIVE', 'OUTOFORDER'];

export function ocpiStatusOf(state: ConnectorState): Status {
  return STATUS[state];
}

/** The EVSE's status from the states of its connectors. */
export function evseStatusOf(states: readonly ConnectorState[]): Status {
  const statuses = states.map(ocpiStatusOf);
  return PRECEDENCE.find((s) => statuses.includes(s)) ?? 'UNKNOWN';
}
