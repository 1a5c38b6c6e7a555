/**
 * ChargingProfiles module objects (OCPI 2.2.1 "ChargingProfiles"). The CPO answers each request
 * at once with a ChargingProfileResponse and later POSTs a *Result to the given response_url.
 */
import { Type, type Static } from '@sinclair/typebox';
import { closedEnum, DateTime, optional, Url } from './common.js';

/** W is total power over all phases; A is current per phase. */
export const ChargingRateUnit = closedEnum(['W', 'A']);
export type ChargingRateUnit = Static<typeof ChargingRateUnit>;

export const ChargingProfileResponseType = closedEnum(['ACCEPTED', 'NOT_SUPPORTED', 'REJECTED', 'TOO_OFTEN', 'UNKNOWN_SESSION']);
export type ChargingProfileResponseType = Static<typeof ChargingProfileResponseType>;

export const ChargingProfileResultType = closedEnum(['ACCEPTED', 'REJECTED', 'UNKNOWN']);
export type ChargingProfileResultType = Static<typeof ChargingProfileResultType>;

/**
 * Limits are maxima, not targets. The spec asks for at most one decimal on `limit` and
 * `min_charging_rate`; we do not reject finer values (JSON floats rarely round-trip exactly).
 */
export const ChargingProfilePeriod = Type.Object({
  /** Seconds from the start of the profile; also ends the previous period. */
  start_period: Type.Integer({ minimum: 0 }),
  limit: Type.Number(),
});
export type ChargingProfilePeriod = Static<typeof ChargingProfilePeriod>;

export const ChargingProfile = Type.Object({
  /** Absent: the profile is relative to the start of charging. */
  start_date_time: optional(DateTime),
  /** Seconds; absent: the last period lasts until the session ends. */
  duration: optional(Type.Integer()),
  charging_rate_unit: ChargingRateUnit,
  min_charging_rate: optional(Type.Number()),
  charging_profile_period: optional(Type.Array(ChargingProfilePeriod)),
});
export type ChargingProfile = Static<typeof ChargingProfile>;

/** The profile the charger actually applies, as calculated at start_date_time. */
export const ActiveChargingProfile = Type.Object({
  start_date_time: DateTime,
  charging_profile: ChargingProfile,
});
export type ActiveChargingProfile = Static<typeof ActiveChargingProfile>;

/** Body of `PUT {chargingprofiles}/{session_id}`. */
export const SetChargingProfile = Type.Object({
  charging_profile: ChargingProfile,
  response_url: Url,
});
export type SetChargingProfile = Static<typeof SetChargingProfile>;

export const ChargingProfileResponse = Type.Object({
  result: ChargingProfileResponseType,
  /** Seconds to wait for the asynchronous result. */
  timeout: Type.Integer({ minimum: 0 }),
});
export type ChargingProfileResponse = Static<typeof ChargingProfileResponse>;

/** Answer to GET ActiveChargingProfile; `profile` is set when result is ACCEPTED. */
export const ActiveChargingProfileResult = Type.Object({
  result: ChargingProfileResultType,
  profile: optional(ActiveChargingProfile),
});
export type ActiveChargingProfileResult = Static<typeof ActiveChargingProfileResult>;

/** Answer to PUT SetChargingProfile. */
export const ChargingProfileResult = Type.Object({
  result: ChargingProfileResultType,
});
export type ChargingProfileResult = Static<typeof ChargingProfileResult>;

/** Answer to DELETE (clear profile). */
export const ClearProfileResult = Type.Object({
  result: ChargingProfileResultType,
});
export type ClearProfileResult = Static<typeof ClearProfileResult>;
