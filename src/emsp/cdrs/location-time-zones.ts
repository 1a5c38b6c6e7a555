import type { PartyRef } from '../../ocpi/headers.js';

/** The IANA time zone of a CPO's Location, when our eMSP party holds that Location. */
export interface LocationTimeZones {
  timeZoneOf(local: PartyRef, owner: PartyRef, locationId: string): Promise<string | null>;
}

/** The part of the eMSP's partner-location store the lookup needs. */
export interface HeldLocationLookup {
  get(held: { local: PartyRef; owner: PartyRef; id: string }): Promise<{ time_zone: string } | null>;
}

/**
 * Time zones from the Locations CPO partners pushed to us or we pulled (OCPI 2.2.1 "Locations",
 * Location.time_zone): a CdrLocation carries none, so this is the only source we trust.
 */
export class PartnerLocationTimeZones implements LocationTimeZones {
  constructor(private readonly locations: HeldLocationLookup) {}

  async timeZoneOf(local: PartyRef, owner: PartyRef, locationId: string): Promise<string | null> {
    return (await this.locations.get({ local, owner, id: locationId }))?.time_zone ?? null;
  }
}
