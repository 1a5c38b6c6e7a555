/** Credentials module objects (OCPI 2.2.1 "Credentials"). */
import { Type, type Static } from '@sinclair/typebox';
import { BusinessDetails, CountryCode, OcpiString, PartyId, Role, Url } from './common.js';

/** One (role, country_code, party_id) a platform serves; the triple is unique per platform. */
export const CredentialsRole = Type.Object({
  role: Role,
  business_details: BusinessDetails,
  party_id: PartyId,
  country_code: CountryCode,
});
export type CredentialsRole = Static<typeof CredentialsRole>;

/**
 * The spec only says the token SHOULD be printable non-whitespace ASCII, so only its length is
 * enforced here; a token we could not put in a header fails later, at use.
 */
export const Credentials = Type.Object({
  token: OcpiString(64),
  url: Url,
  roles: Type.Array(CredentialsRole, { minItems: 1 }),
});
export type Credentials = Static<typeof Credentials>;
