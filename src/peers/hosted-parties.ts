import { sameParty, type PartyRef } from '../ocpi/headers.js';
import type { PlatformRole } from '../ocpi/versions.js';
import type { CredentialsRole } from '../ocpi/types/credentials.js';

/** A party this deployment operates (the OCPI 2.2 "platform" may host several). */
export interface HostedParty extends PartyRef {
  roles: PlatformRole[];
  name: string;
  website?: string;
}

export class HostedParties {
  constructor(readonly all: readonly HostedParty[]) {}

  find(party: PartyRef): HostedParty | null {
    return this.all.find((p) => sameParty(p, party)) ?? null;
  }

  /** The credentials roles a party presents to partners: one per role it holds. */
  credentialsRoles(party: HostedParty): CredentialsRole[] {
    return party.roles.map((role) => ({
      role,
      party_id: party.partyId,
      country_code: party.countryCode,
      business_details: party.website ? { name: party.name, website: party.website } : { name: party.name },
    }));
  }
}
