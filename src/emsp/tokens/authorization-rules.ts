import { asciiUpper } from '../../ids/ci-string.js';
import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { DisplayText } from '../../ocpi/types/common.js';
import type { AllowedType, LocationReferences } from '../../ocpi/types/tokens.js';
import type { IssuedToken } from './issued-token.js';

export type AuthorizationVerdict =
  | { kind: 'decided'; allowed: AllowedType; location?: LocationReferences; info?: DisplayText }
  /** The token is restricted to locations and the CPO did not say where: OCPI 2002. */
  | { kind: 'needs_location'; message: string };

export interface AuthorizationRequestContext {
  /** The CPO asking (the request's OCPI-from party). */
  cpo: PartyRef;
  location: LocationReferences | null;
  /** The CPO's Location as we hold it, when the request names one we know. */
  knownLocation: Record<string, unknown> | null;
}

/**
 * The eMSP's answer to a real-time authorization (OCPI 2.2.1 "Tokens", POST authorize), in order:
 * 1. a token that is not valid answers its block reason (BLOCKED, EXPIRED or NO_CREDIT);
 * 2. a token restricted with `charge_at` may charge only at the CPOs and locations listed there
 *    (NOT_ALLOWED elsewhere; 2002 when only a location could tell and none was given);
 * 3. a location we hold from that CPO narrows `evse_uids` to the EVSEs it has; when none of the
 *    requested EVSEs is there, NOT_ALLOWED. Opening hours and EVSE status are never judged (the
 *    spec forbids it: our copy may be stale), and an unknown location is allowed (private chargers
 *    are often unpublished);
 * 4. otherwise ALLOWED.
 */
export function judgeAuthorization(issued: IssuedToken, context: AuthorizationRequestContext): AuthorizationVerdict {
  if (!issued.token.valid) return { kind: 'decided', allowed: issued.blockReason ?? 'BLOCKED' };

  if (issued.chargeAt) {
    const cpo = asciiUpper(formatParty(context.cpo));
    const locations = issued.chargeAt.filter((entry) => entry.startsWith(`${cpo}/`)).map((entry) => entry.slice(cpo.length + 1));
    if (!issued.chargeAt.includes(cpo)) {
      if (locations.length === 0) return notAllowed(`This token cannot be used at ${cpo}.`);
      if (!context.location) return { kind: 'needs_location', message: `Token ${issued.token.uid} may charge only at some locations of ${cpo}: send LocationReferences` };
      if (!locations.includes(asciiUpper(context.location.location_id))) return notAllowed('This token cannot be used at this location.');
    }
  }

  if (!context.location) return { kind: 'decided', allowed: 'ALLOWED' };
  const requested = context.location.evse_uids ?? [];
  if (!context.knownLocation || requested.length === 0) return { kind: 'decided', allowed: 'ALLOWED', location: context.location };
  const known = new Set(evseUidsOf(context.knownLocation).map(asciiUpper));
  const present = requested.filter((uid) => known.has(asciiUpper(uid)));
  if (present.length === 0) return notAllowed(`EVSE ${requested.join(', ')} is not part of location ${context.location.location_id}.`);
  return { kind: 'decided', allowed: 'ALLOWED', location: { location_id: context.location.location_id, evse_uids: present } };
}

function notAllowed(text: string): AuthorizationVerdict {
  return { kind: 'decided', allowed: 'NOT_ALLOWED', info: { language: 'en', text } };
}

function evseUidsOf(location: Record<string, unknown>): string[] {
  const evses = Array.isArray(location.evses) ? (location.evses as unknown[]) : [];
  return evses.map((evse) => (evse as { uid?: unknown }).uid).filter((uid): uid is string => typeof uid === 'string');
}
