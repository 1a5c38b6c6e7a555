import { ciEquals } from '../../ids/ci-string.js';
import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import type { Connector, ConnectorPatch, EVSE, EVSEPatch, Location, LocationPatch } from '../../ocpi/types/locations.js';

export type NestedOutcome = 'created' | 'updated' | 'stale';

export interface NestedResult {
  location: Location;
  outcome: NestedOutcome;
}

/*
 * A partner's Location as the eMSP holds it, updated by a PUT or PATCH of the Location, one EVSE
 * or one Connector (OCPI 2.2.1 "Locations", eMSP interface). A write older than what is held is
 * ignored (pushes may overtake each other). A changed EVSE or Connector moves its parents'
 * `last_updated` forward to its own, never back ("Transport and format": a child's change bumps
 * its EVSE and Location).
 */

export function patchLocation(location: Location, patch: LocationPatch): NestedResult {
  if (isOlder(patch.last_updated, location.last_updated)) return { location, outcome: 'stale' };
  const { country_code: _cc, party_id: _pid, id: _id, ...fields } = patch;
  return { location: { ...location, ...fields }, outcome: 'updated' };
}

export function putEvse(location: Location, evse: EVSE): NestedResult {
  const held = findEvse(location, evse.uid);
  if (held && isOlder(evse.last_updated, held.last_updated)) return { location, outcome: 'stale' };
  const replaced: EVSE = { ...evse, uid: held?.uid ?? evse.uid };
  const evses = held ? location.evses!.map((e) => (e === held ? replaced : e)) : [...(location.evses ?? []), replaced];
  return { location: bump({ ...location, evses }, evse.last_updated), outcome: held ? 'updated' : 'created' };
}

export function patchEvse(location: Location, uid: string, patch: EVSEPatch): NestedResult {
  const held = requireEvse(location, uid);
  if (isOlder(patch.last_updated, held.last_updated)) return { location, outcome: 'stale' };
  const { uid: _uid, ...fields } = patch;
  return { location: bump({ ...location, evses: location.evses!.map((e) => (e === held ? { ...held, ...fields } : e)) }, patch.last_updated), outcome: 'updated' };
}

export function putConnector(location: Location, uid: string, connector: Connector): NestedResult {
  const evse = requireEvse(location, uid);
  const held = evse.connectors.find((c) => ciEquals(c.id, connector.id));
  if (held && isOlder(connector.last_updated, held.last_updated)) return { location, outcome: 'stale' };
  const replaced: Connector = { ...connector, id: held?.id ?? connector.id };
  const connectors = held ? evse.connectors.map((c) => (c === held ? replaced : c)) : [...evse.connectors, replaced];
  return { location: withEvse(location, evse, { ...evse, connectors }, connector.last_updated), outcome: held ? 'updated' : 'created' };
}

export function patchConnector(location: Location, uid: string, connectorId: string, patch: ConnectorPatch): NestedResult {
  const evse = requireEvse(location, uid);
  const held = evse.connectors.find((c) => ciEquals(c.id, connectorId));
  if (!held) throw unknownLocation(`EVSE ${uid} of location ${location.id} has no connector ${connectorId}: PUT the connector first`);
  if (isOlder(patch.last_updated, held.last_updated)) return { location, outcome: 'stale' };
  const { id: _id, ...fields } = patch;
  const connectors = evse.connectors.map((c) => (c === held ? { ...held, ...fields } : c));
  return { location: withEvse(location, evse, { ...evse, connectors }, patch.last_updated), outcome: 'updated' };
}

/**
 * A write to a part of a Location we do not hold: HTTP 404 (the 2.2.1 Receiver interface's answer
 * for an object it does not have) with OCPI 2003 "Unknown Location", the answer every receiver of
 * ours gives for an unknown object (docs/OCPI.md). The sender then PUTs the whole object
 * ("Transport and format": when a PATCH fails, GET the object and PUT it).
 */
export function unknownLocation(message: string): OcpiError {
  return new OcpiError(OcpiStatus.UnknownLocation, message, 404);
}

export function findEvse(location: Location, uid: string): EVSE | undefined {
  return location.evses?.find((e) => ciEquals(e.uid, uid));
}

function requireEvse(location: Location, uid: string): EVSE {
  const evse = findEvse(location, uid);
  if (!evse) throw unknownLocation(`Location ${location.id} has no EVSE ${uid}: PUT the EVSE first`);
  return evse;
}

function withEvse(location: Location, held: EVSE, evse: EVSE, childUpdated: string): Location {
  const bumped: EVSE = { ...evse, last_updated: later(evse.last_updated, childUpdated) };
  return bump({ ...location, evses: location.evses!.map((e) => (e === held ? bumped : e)) }, childUpdated);
}

function bump(location: Location, childUpdated: string): Location {
  return { ...location, last_updated: later(location.last_updated, childUpdated) };
}

function later(a: string, b: string): string {
  return isOlder(a, b) ? b : a;
}

/** OCPI DateTimes may omit the `Z`, so they are compared as instants, never as text. */
function isOlder(candidate: string, held: string): boolean {
  return parseOcpiDateTime(candidate)!.getTime() < parseOcpiDateTime(held)!.getTime();
}
