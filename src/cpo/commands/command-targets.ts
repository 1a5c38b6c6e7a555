import { sameParty } from '../../ocpi/headers.js';
import type { LocationService } from '../locations/location-service.js';
import type { SessionService } from '../sessions/session-service.js';
import type { CommandTargets } from './command-receiver-service.js';

/** Answers a command's questions from the locations and sessions services that own the data. */
export function commandTargets(locations: LocationService, sessions: SessionService): CommandTargets {
  return {
    async locationExists(party, emsp, locationId, evseUid) {
      const location = await locations.getFor(party, emsp, locationId);
      if (!location) return false;
      if (evseUid === undefined) return true;
      return (location.evses ?? []).some((e) => e.uid.toUpperCase() === evseUid.toUpperCase() && e.status !== 'REMOVED');
    },
    async sessionBelongsTo(party, sessionId, emsp) {
      const session = await sessions.get(party, sessionId);
      return session !== null && sameParty({ countryCode: session.cdr_token.country_code, partyId: session.cdr_token.party_id }, emsp);
    },
  };
}
