/** Tokens module objects (OCPI 2.2.1 "Tokens"). */
import { Type, type Static } from '@sinclair/typebox';
import { CiString, closedEnum, CountryCode, DateTime, DisplayText, LanguageCode, OcpiString, openEnum, optional, PartyId } from './common.js';

/** Open in 2.3.0, which added `EMAID` for Plug & Charge. */
export const TokenType = openEnum(['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID']);
export type TokenType = Static<typeof TokenType>;

export const WhitelistType = closedEnum(['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER']);
export type WhitelistType = Static<typeof WhitelistType>;

export const AllowedType = closedEnum(['ALLOWED', 'BLOCKED', 'EXPIRED', 'NO_CREDIT', 'NOT_ALLOWED']);
export type AllowedType = Static<typeof AllowedType>;

/** Smart-charging preference of a driver; defined in the Sessions chapter, used by Token too. */
export const ProfileType = closedEnum(['CHEAP', 'FAST', 'GREEN', 'REGULAR']);
export type ProfileType = Static<typeof ProfileType>;

export const EnergyContract = Type.Object({
  supplier_name: OcpiString(64),
  contract_id: optional(OcpiString(64)),
});
export type EnergyContract = Static<typeof EnergyContract>;

/** A Token is identified by (country_code, party_id, uid, type), not by uid alone. */
export const Token = Type.Object({
  country_code: CountryCode,
  party_id: PartyId,
  uid: CiString(36),
  type: TokenType,
  contract_id: CiString(36),
  visual_number: optional(OcpiString(64)),
  issuer: OcpiString(64),
  /** OCPP 1.5/1.6 parentIdTag holds only 20 characters; longer group ids are valid OCPI all the same. */
  group_id: optional(CiString(36)),
  valid: Type.Boolean(),
  whitelist: WhitelistType,
  language: optional(LanguageCode),
  default_profile_type: optional(ProfileType),
  energy_contract: optional(EnergyContract),
  last_updated: DateTime,
});
export type Token = Static<typeof Token>;

/** Body of a Token PATCH: only changed fields, but `last_updated` is mandatory ("Tokens", PATCH). */
export const TokenPatch = Type.Object({
  ...Type.Partial(Token).properties,
  last_updated: DateTime,
});
export type TokenPatch = Static<typeof TokenPatch>;

/** Optional body of a real-time authorization request. */
export const LocationReferences = Type.Object({
  location_id: CiString(36),
  evse_uids: optional(Type.Array(CiString(36))),
});
export type LocationReferences = Static<typeof LocationReferences>;

/** Answer of the eMSP to a real-time authorization request. */
export const AuthorizationInfo = Type.Object({
  allowed: AllowedType,
  token: Token,
  location: optional(LocationReferences),
  authorization_reference: optional(CiString(36)),
  info: optional(DisplayText),
});
export type AuthorizationInfo = Static<typeof AuthorizationInfo>;
