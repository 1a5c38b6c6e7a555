import { randomUUID } from 'node:crypto';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import type { AuthorizationInfo, LocationReferences } from '../../ocpi/types/tokens.js';
import type { Database } from '../../store/database.js';
import { storedUid } from './issued-token.js';
import { judgeAuthorization } from './authorization-rules.js';
import { TokenRepository } from './token-repository.js';

/**
 * Real-time authorization at the eMSP (OCPI 2.2.1 "Tokens", Sender POST authorize). A driver waits
 * at the charger, so the path is one indexed read (token plus the named location) and one insert
 * that keeps the decision and its `authorization_reference`.
 */
export class TokenAuthorizer {
  constructor(private readonly db: Database) {}

  async authorize(party: PartyRef, cpo: PartyRef, rawUid: string, type: string, location: LocationReferences | null): Promise<AuthorizationInfo> {
    const uid = storedUid(type, rawUid);
    const found = uid === null ? null : await new TokenRepository(this.db).lookupForAuthorization(party, uid, type, location && { cpo, locationId: location.location_id });
    if (!found) {
      await this.record(party, cpo, rawUid, type, location, 'UNKNOWN_TOKEN');
      // The spec asks for both HTTP 404 and status 2004 without data (ocpi-spec notes §3.5).
      throw new OcpiError(OcpiStatus.UnknownToken, `Unknown token ${rawUid} of type ${type}`, 404);
    }
    const verdict = judgeAuthorization(found.issued, { cpo, location, knownLocation: found.location });
    if (verdict.kind === 'needs_location') throw new OcpiError(OcpiStatus.NotEnoughInformation, verdict.message);
    const reference = await this.record(party, cpo, found.issued.token.uid, type, location, verdict.allowed);
    const info: AuthorizationInfo = { allowed: verdict.allowed, token: found.issued.token };
    if (verdict.location) info.location = verdict.location;
    if (verdict.allowed === 'ALLOWED') info.authorization_reference = reference;
    if (verdict.info) info.info = verdict.info;
    return info;
  }

  private async record(party: PartyRef, cpo: PartyRef, uid: string, type: string, location: LocationReferences | null, allowed: string): Promise<string> {
    const reference = randomUUID();
    await this.db
      .insertInto('emsp_authorization')
      .values({
        authorization_reference: reference,
        country_code: party.countryCode.toUpperCase(),
        party_id: party.partyId.toUpperCase(),
        token_uid: uid.slice(0, 64),
        token_type: type.slice(0, 32),
        cpo_country_code: cpo.countryCode.toUpperCase(),
        cpo_party_id: cpo.partyId.toUpperCase(),
        location_id: location?.location_id ?? null,
        allowed,
      })
      .execute();
    return reference;
  }
}
