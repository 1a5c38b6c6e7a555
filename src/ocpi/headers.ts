/** Header names of OCPI 2.2.1 "Transport and format". HTTP header names are case-insensitive. */
export const OcpiHeader = {
  RequestId: 'x-request-id',
  CorrelationId: 'x-correlation-id',
  FromCountryCode: 'ocpi-from-country-code',
  FromPartyId: 'ocpi-from-party-id',
  ToCountryCode: 'ocpi-to-country-code',
  ToPartyId: 'ocpi-to-party-id',
  TotalCount: 'x-total-count',
  Limit: 'x-limit',
  Link: 'link',
  Location: 'location',
} as const;

export interface PartyRef {
  countryCode: string;
  partyId: string;
}

export interface RoutingHeaders {
  from: PartyRef;
  to: PartyRef;
}

/** The four routing headers of a functional-module request; responses swap from and to. */
export function routingHeaderValues(routing: RoutingHeaders): Record<string, string> {
  return {
    'OCPI-from-country-code': routing.from.countryCode,
    'OCPI-from-party-id': routing.from.partyId,
    'OCPI-to-country-code': routing.to.countryCode,
    'OCPI-to-party-id': routing.to.partyId,
  };
}

export function sameParty(a: PartyRef, b: PartyRef): boolean {
  // country_code and party_id are CiString: compared without regard to case.
  return a.countryCode.toUpperCase() === b.countryCode.toUpperCase() && a.partyId.toUpperCase() === b.partyId.toUpperCase();
}

export function formatParty(party: PartyRef): string {
  return `${party.countryCode}-${party.partyId}`;
}
