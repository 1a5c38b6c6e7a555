import { IANAZone } from 'luxon';
import { ciEquals } from '../../ids/ci-string.js';
import { evseIdMatchKey, parseEvseId } from '../../ids/evse-id.js';
import { IdentifierError } from '../../ids/identifier-error.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { GeoLocation } from '../../ocpi/types/common.js';
import type { FieldProblem } from '../../ocpi/validation.js';
import type { EvseInput, LocationInput } from './location-input.js';

/**
 * Rules a CPO's own Locations follow beyond the OCPI schema. evroam is strict about what it sends
 * (partners key on these values) and lenient about what it receives, so these apply to the CPO role
 * only.
 */
export interface LocationRules {
  owner: PartyRef;
  /**
   * The operator ids (`NL*CPO`) an `evse_id` may carry. By default only the party's own
   * country_code and party_id: an EVSE ID names the operator that runs the EVSE, and a partner
   * matching a CDR's evse_id to an operator would otherwise be misled.
   */
  evseOperators: readonly string[];
}

/** The operator id a party's EVSE IDs carry unless it is configured otherwise. */
export function ownOperatorId(party: PartyRef): string {
  return `${party.countryCode}*${party.partyId}`.toUpperCase();
}

export function locationProblems(location: LocationInput, rules: LocationRules, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field: at(root, field), message });

  for (const [field, expected] of [['country_code', rules.owner.countryCode], ['party_id', rules.owner.partyId]] as const) {
    const given = location[field];
    if (given !== undefined && !ciEquals(given, expected)) add(field, `the location belongs to ${rules.owner.countryCode}-${rules.owner.partyId}, got ${JSON.stringify(given)}`);
  }
  coordinateProblems(location.coordinates, 'coordinates', add);
  location.related_locations?.forEach((related, i) => coordinateProblems(related, `related_locations[${i}]`, add));
  if (!IANAZone.isValidZone(location.time_zone)) add('time_zone', `${JSON.stringify(location.time_zone)} is not an IANA time zone name such as "Europe/Amsterdam"`);

  // "May only be used when the publish field is set to false" (OCPI 2.2.1 Locations, Location object).
  const allowedTo = location.publish_allowed_to ?? [];
  if (location.publish && allowedTo.length > 0) add('publish_allowed_to', 'only allowed when publish is false');
  allowedTo.forEach((entry, i) => {
    if (entry.uid === undefined && entry.visual_number === undefined && entry.group_id === undefined) {
      add(`publish_allowed_to[${i}]`, 'names no token: set uid, visual_number or group_id');
    }
  });

  const evses = location.evses ?? [];
  evses.forEach((evse, i) => problems.push(...evseProblems(evse, rules, at(root, `evses[${i}]`))));
  problems.push(...siblingProblems(evses, at(root, 'evses')));
  return problems;
}

export function evseProblems(evse: EvseInput, rules: LocationRules, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field: at(root, field), message });

  if (evse.evse_id === undefined) {
    // Optional in the schema only so that a REMOVED EVSE can give its evse_id up for reuse.
    if (evse.status !== 'REMOVED') add('evse_id', 'required unless the status is REMOVED');
  } else {
    try {
      const parsed = parseEvseId(evse.evse_id);
      if (!rules.evseOperators.includes(parsed.operatorId)) {
        add('evse_id', `operator ${parsed.operatorId} is not ${rules.evseOperators.join(' or ')}, the operator id of ${rules.owner.countryCode}-${rules.owner.partyId}`);
      }
    } catch (error) {
      if (!(error instanceof IdentifierError)) throw error;
      add('evse_id', `${error.message} (expected an eMI3 / ISO 15118 EVSE ID such as "NL*ABC*E12345*1")`);
    }
  }
  if (evse.coordinates) coordinateProblems(evse.coordinates, 'coordinates', add);

  const firstIndex = new Map<string, number>();
  evse.connectors.forEach((connector, i) => {
    const key = connector.id.toUpperCase();
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, i);
    else add(`connectors[${i}].id`, `${JSON.stringify(connector.id)} is already the id of connectors[${first}]; connector ids are unique per EVSE`);
  });
  return problems;
}

/** EVSE uids are unique within the Location; so are the evse_ids of EVSEs still in service. */
export function siblingProblems(evses: readonly EvseInput[], root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const uids = new Map<string, number>();
  const evseIds = new Map<string, number>();
  evses.forEach((evse, i) => {
    const uid = evse.uid.toUpperCase();
    const first = uids.get(uid);
    if (first === undefined) uids.set(uid, i);
    else problems.push({ field: `${root}[${i}].uid`, message: `${JSON.stringify(evse.uid)} is already the uid of evses[${first}]` });

    const key = evse.evse_id !== undefined && evse.status !== 'REMOVED' ? matchKey(evse.evse_id) : null;
    if (key === null) return;
    const firstEvseId = evseIds.get(key);
    if (firstEvseId === undefined) evseIds.set(key, i);
    else problems.push({ field: `${root}[${i}].evse_id`, message: `${JSON.stringify(evse.evse_id)} is already the evse_id of evses[${firstEvseId}]` });
  });
  return problems;
}

/** Throws OCPI 2001 naming the first problem, with all of them in the detail; the admin API answers 400. */
export function rejectProblems(problems: readonly FieldProblem[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw OcpiError.invalid(`Invalid field ${first.field}: ${first.message}${more}`, { errors: problems });
}

export function at(root: string, field: string): string {
  return root === '' ? field : `${root}.${field}`;
}

function coordinateProblems(point: GeoLocation, field: string, add: (field: string, message: string) => void): void {
  // The schema checks the shape (5 to 7 decimals); the range is WGS 84's.
  if (Math.abs(Number(point.latitude)) > 90) add(`${field}.latitude`, `${point.latitude} is outside -90 to 90`);
  if (Math.abs(Number(point.longitude)) > 180) add(`${field}.longitude`, `${point.longitude} is outside -180 to 180`);
}

function matchKey(evseId: string): string | null {
  try {
    return evseIdMatchKey(evseId);
  } catch (error) {
    if (error instanceof IdentifierError) return null;
    throw error;
  }
}
