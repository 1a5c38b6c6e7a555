import { isDeepStrictEqual } from 'node:util';
import { ciEquals } from '../../ids/ci-string.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { Connector, EVSE, Location } from '../../ocpi/types/locations.js';
import { at } from './location-rules.js';
import type { ConnectorInput, EvseInput, LocationInput } from './location-input.js';

/** One message that brings a partner's copy forward; `path` follows the owner's country_code and party_id. */
export interface PushStep {
  method: 'PUT' | 'PATCH';
  kind: 'location.put' | 'location.patch' | 'evse.put' | 'evse.patch' | 'connector.put' | 'connector.patch';
  path: string[];
  body: unknown;
}

export interface LocationChange {
  /** The Location to store, `last_updated` stamped wherever something changed. */
  location: Location;
  changed: boolean;
  /** For a partner holding the previous version: PUT what is new, PATCH what changed, in order. */
  steps: PushStep[];
}

/**
 * Compares the stored Location with the operator's new version. What changed gets `now` as its
 * `last_updated`, and so do its parents (OCPI 2.2.1 "Transport and format": a changed Connector
 * bumps its EVSE and Location); what did not change keeps its timestamp, so re-sending the same
 * data changes and pushes nothing. A PATCH cannot remove a field, so a removal is sent as a PUT
 * of the object that lost it.
 */
export function planLocationChange(previous: Location | null, next: LocationInput, owner: PartyRef, now: string, root = ''): LocationChange {
  const { country_code: _cc, party_id: _pid, id, evses: nextEvses, last_updated: _lu, ...fields } = next;
  if (!previous) {
    const location: Location = { country_code: owner.countryCode, party_id: owner.partyId, id, ...fields, ...(nextEvses ? { evses: nextEvses.map((e) => newEvse(e, now)) } : {}), last_updated: now };
    return { location, changed: true, steps: [{ method: 'PUT', kind: 'location.put', path: [location.id], body: location }] };
  }

  const locationPath = [previous.id];
  const missing = (previous.evses ?? []).find((old) => !nextEvses?.some((e) => ciEquals(e.uid, old.uid)));
  if (missing) {
    throw OcpiError.invalid(`Invalid field ${at(root, 'evses')}: EVSE ${JSON.stringify(missing.uid)} is missing; EVSEs are never deleted, send it with status REMOVED (OCPI 2.2.1 Locations)`);
  }
  const evses: EVSE[] = [];
  const evseSteps: PushStep[] = [];
  let childChanged = false;
  for (const nextEvse of nextEvses ?? []) {
    const change = planEvseChange(previous.evses?.find((e) => ciEquals(e.uid, nextEvse.uid)), nextEvse, locationPath, now);
    evses.push(change.evse);
    evseSteps.push(...change.steps);
    childChanged ||= change.changed;
  }

  const own = fieldChanges(previous, next, ['country_code', 'party_id', 'id', 'evses', 'last_updated']);
  if (own.same && !childChanged) return { location: previous, changed: false, steps: [] };
  const location: Location = { country_code: previous.country_code, party_id: previous.party_id, id: previous.id, ...fields, ...(nextEvses ? { evses } : {}), last_updated: now };
  if (own.removed) return { location, changed: true, steps: [{ method: 'PUT', kind: 'location.put', path: locationPath, body: location }] };
  const steps = Object.keys(own.changed).length > 0 ? [{ method: 'PATCH' as const, kind: 'location.patch' as const, path: locationPath, body: { ...own.changed, last_updated: now } }] : [];
  return { location, changed: true, steps: [...steps, ...evseSteps] };
}

function planEvseChange(previous: EVSE | undefined, next: EvseInput, locationPath: string[], now: string): { evse: EVSE; changed: boolean; steps: PushStep[] } {
  if (!previous) {
    const evse = newEvse(next, now);
    return { evse, changed: true, steps: [{ method: 'PUT', kind: 'evse.put', path: [...locationPath, evse.uid], body: evse }] };
  }
  const evsePath = [...locationPath, previous.uid];
  const connectors: Connector[] = [];
  const connectorSteps: PushStep[] = [];
  let connectorsChanged = previous.connectors.some((old) => !next.connectors.some((c) => ciEquals(c.id, old.id)));
  const connectorsRemoved = connectorsChanged;
  for (const nextConnector of next.connectors) {
    const old = previous.connectors.find((c) => ciEquals(c.id, nextConnector.id));
    if (!old) {
      const connector = newConnector(nextConnector, now);
      connectors.push(connector);
      connectorSteps.push({ method: 'PUT', kind: 'connector.put', path: [...evsePath, connector.id], body: connector });
      connectorsChanged = true;
      continue;
    }
    const diff = fieldChanges(old, nextConnector, ['id', 'last_updated']);
    if (diff.same) {
      connectors.push(old);
      continue;
    }
    const { last_updated: _lu, ...connectorFields } = nextConnector;
    const connector: Connector = { ...connectorFields, id: old.id, last_updated: now };
    connectors.push(connector);
    connectorsChanged = true;
    connectorSteps.push(
      diff.removed
        ? { method: 'PUT', kind: 'connector.put', path: [...evsePath, old.id], body: connector }
        : { method: 'PATCH', kind: 'connector.patch', path: [...evsePath, old.id], body: { ...diff.changed, last_updated: now } },
    );
  }

  const own = fieldChanges(previous, next, ['uid', 'connectors', 'last_updated']);
  if (own.same && !connectorsChanged) return { evse: previous, changed: false, steps: [] };
  const { last_updated: _lu, connectors: _c, ...evseFields } = next;
  const evse: EVSE = { ...evseFields, uid: previous.uid, connectors, last_updated: now };
  // OCPI has no way to delete a Connector: the EVSE is replaced without it.
  if (own.removed || connectorsRemoved) return { evse, changed: true, steps: [{ method: 'PUT', kind: 'evse.put', path: evsePath, body: evse }] };
  const steps = Object.keys(own.changed).length > 0 ? [{ method: 'PATCH' as const, kind: 'evse.patch' as const, path: evsePath, body: { ...own.changed, last_updated: now } }] : [];
  return { evse, changed: true, steps: [...steps, ...connectorSteps] };
}

function newEvse(input: EvseInput, now: string): EVSE {
  return { ...input, connectors: input.connectors.map((c) => newConnector(c, now)), last_updated: now };
}

function newConnector(input: ConnectorInput, now: string): Connector {
  return { ...input, last_updated: now };
}

interface FieldChanges {
  /** Fields with a new value. */
  changed: Record<string, unknown>;
  /** A field the previous version had is gone. */
  removed: boolean;
  same: boolean;
}

function fieldChanges(previous: object, next: object, ignore: readonly string[]): FieldChanges {
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  let removed = false;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key)) continue;
    if (after[key] === undefined) removed ||= before[key] !== undefined;
    else if (!isDeepStrictEqual(before[key], after[key])) changed[key] = after[key];
  }
  return { changed, removed, same: !removed && Object.keys(changed).length === 0 };
}
