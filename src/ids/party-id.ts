import { asciiUpper, ciEquals } from './ci-string.js';
import { toCountryCode, type CountryCode } from './country-code.js';
import { IdentifierError } from './identifier-error.js';

/** An OCPI `party_id`: 3 letters or digits, upper case (eMI3 Operator/Provider ID shape). */
export type PartyCode = string & { readonly __brand: 'PartyCode' };

/**
 * Who a party is in OCPI: `country_code` + `party_id` (OCPI 2.2.1 §"Credentials", CiString(2) + CiString(3)).
 * Both parts are stored upper case; OCPI compares them case-insensitively.
 */
export interface PartyIdentity {
  readonly countryCode: CountryCode;
  readonly partyId: PartyCode;
}

const KIND = 'party identity';
const THREE_ALPHANUMERICS = /^[A-Za-z0-9]{3}$/;

/** Builds a party identity from the two OCPI fields, validating each. */
export function partyIdentity(countryCode: string, partyId: string): PartyIdentity {
  return build(countryCode, partyId, `${countryCode}-${partyId}`);
}

/**
 * Reads `NL-CPO` or `NLCPO` (the second is the OCPI 2.3 `hub_party_id` form). A `-` may only separate
 * the two parts, so `N-LCPO` is reported as a bad country code rather than silently re-split.
 */
export function parsePartyIdentity(text: string): PartyIdentity {
  const dash = text.indexOf('-');
  if (dash === -1) return build(text.slice(0, 2), text.slice(2), text);
  return build(text.slice(0, dash), text.slice(dash + 1), text);
}

/** `NL-CPO` by default; `''` as separator gives the compact `NLCPO` form. */
export function formatPartyIdentity(party: PartyIdentity, separator: '-' | '' = '-'): string {
  return `${party.countryCode}${separator}${party.partyId}`;
}

/**
 * CiString equality of two parties. Takes plain field pairs so raw OCPI objects (e.g. a Location's
 * `country_code`/`party_id` mapped to camelCase) can be compared without parsing first.
 */
export function samePartyIdentity(
  a: { readonly countryCode: string; readonly partyId: string },
  b: { readonly countryCode: string; readonly partyId: string },
): boolean {
  return ciEquals(a.countryCode, b.countryCode) && ciEquals(a.partyId, b.partyId);
}

/** `input` is the text as the caller gave it, quoted in errors. */
function build(countryCode: string, partyId: string, input: string): PartyIdentity {
  return { countryCode: toCountryCode(countryCode, KIND, input), partyId: toPartyCode(partyId, input) };
}

function toPartyCode(value: string, input: string): PartyCode {
  if (!THREE_ALPHANUMERICS.test(value)) {
    throw new IdentifierError(KIND, 'partyId', input, `party id must be 3 letters or digits, got ${JSON.stringify(value)}`);
  }
  return asciiUpper(value) as PartyCode;
}
