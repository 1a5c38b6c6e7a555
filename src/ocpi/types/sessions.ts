/**
 * Sessions module objects (OCPI 2.2.1 "Sessions"), plus the classes Sessions share with CDRs
 * (CdrToken, ChargingPeriod, CdrDimension, AuthMethod), which the spec defines under "CDRs".
 */
import { Type, type Static } from '@sinclair/typebox';
import { CiString, closedEnum, CountryCode, CurrencyCode, DateTime, OcpiString, optional, PartyId, Price } from './common.js';
import { ProfileType, TokenType } from './tokens.js';

/** `RESERVATION`, not `RESERVED`: the flow text of the spec uses the wrong word. */
export const SessionStatus = closedEnum(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION']);
export type SessionStatus = Static<typeof SessionStatus>;

export const AuthMethod = closedEnum(['AUTH_REQUEST', 'COMMAND', 'WHITELIST']);
export type AuthMethod = Static<typeof AuthMethod>;

/**
 * Units: energy in kWh, time in hours, power in kW, current in A. CURRENT, ENERGY_EXPORT,
 * ENERGY_IMPORT, POWER and STATE_OF_CHARGE are meant for Sessions only, not CDRs. Closed, as in
 * the 2.2.1 and 2.3.0 text (the official OpenAPI marks it open): billing reads these volumes.
 */
export const CdrDimensionType = closedEnum([
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
]);
export type CdrDimensionType = Static<typeof CdrDimensionType>;

export const ChargingPreferencesResponse = closedEnum([
  'ACCEPTED',
  'DEPARTURE_REQUIRED',
  'ENERGY_NEED_REQUIRED',
  'NOT_POSSIBLE',
  'PROFILE_TYPE_NOT_SUPPORTED',
]);
export type ChargingPreferencesResponse = Static<typeof ChargingPreferencesResponse>;

/** The token as known to the CPO when the session started; country_code/party_id are the eMSP's. */
export const CdrToken = Type.Object({
  country_code: CountryCode,
  party_id: PartyId,
  uid: CiString(36),
  type: TokenType,
  contract_id: CiString(36),
});
export type CdrToken = Static<typeof CdrToken>;

export const CdrDimension = Type.Object({
  type: CdrDimensionType,
  /** Negative values are legal: energy or power flowing back to the grid. */
  volume: Type.Number(),
});
export type CdrDimension = Static<typeof CdrDimension>;

/** A period lasts until the next one starts, or the session ends. */
export const ChargingPeriod = Type.Object({
  start_date_time: DateTime,
  dimensions: Type.Array(CdrDimension, { minItems: 1 }),
  /** Absent means no tariff applied during this period. */
  tariff_id: optional(CiString(36)),
});
export type ChargingPeriod = Static<typeof ChargingPeriod>;

export const Session = Type.Object({
  country_code: CountryCode,
  party_id: PartyId,
  id: CiString(36),
  /** While PENDING: creation time; moved to the moment the session became ACTIVE. */
  start_date_time: DateTime,
  end_date_time: optional(DateTime),
  kwh: Type.Number(),
  cdr_token: CdrToken,
  auth_method: AuthMethod,
  authorization_reference: optional(CiString(36)),
  location_id: CiString(36),
  /** `#NA` while a reservation has no EVSE assigned yet. */
  evse_uid: CiString(36),
  connector_id: CiString(36),
  meter_id: optional(OcpiString(255)),
  currency: CurrencyCode,
  charging_periods: optional(Type.Array(ChargingPeriod)),
  /** Absent does not mean free; a total of 0 does. */
  total_cost: optional(Price),
  status: SessionStatus,
  last_updated: DateTime,
});
export type Session = Static<typeof Session>;

/**
 * Body of a Session PATCH: changed fields plus the mandatory `last_updated` ("Sessions", PATCH).
 * `charging_periods` in a PATCH are appended to the stored ones, not a replacement.
 */
export const SessionPatch = Type.Object({
  ...Type.Partial(Session).properties,
  last_updated: DateTime,
});
export type SessionPatch = Static<typeof SessionPatch>;

/** Body of `PUT {sessions}/{session_id}/charging_preferences`. */
export const ChargingPreferences = Type.Object({
  profile_type: ProfileType,
  departure_time: optional(DateTime),
  /** kWh. */
  energy_need: optional(Type.Number()),
  /** Absent means false. */
  discharge_allowed: optional(Type.Boolean()),
});
export type ChargingPreferences = Static<typeof ChargingPreferences>;
