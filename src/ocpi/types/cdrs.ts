/** CDRs module objects (OCPI 2.2.1 "CDRs"). A CDR is immutable; corrections are credit CDRs. */
import { Type, type Static } from '@sinclair/typebox';
import { CiString, CountryAlpha3, CountryCode, CurrencyCode, DateTime, GeoLocation, OcpiString, optional, PartyId, Price } from './common.js';
import { ConnectorFormat, ConnectorType, PowerType } from './locations.js';
import { AuthMethod, CdrToken, ChargingPeriod } from './sessions.js';
import { Tariff } from './tariffs.js';

/**
 * The Location, EVSE and Connector as they were at session start. For a reservation that never
 * became a session the evse/connector ids may be `#NA` and the connector fields arbitrary.
 */
export const CdrLocation = Type.Object({
  id: CiString(36),
  name: optional(OcpiString(255)),
  /**
   * The CdrLocation table still says string(45) even in 2.3.0, but it is a copy of
   * Location.address, which 2.2.1-d2 lengthened to 255; accept what a Location may hold.
   */
  address: OcpiString(255),
  city: OcpiString(45),
  postal_code: optional(OcpiString(10)),
  /** Same reasoning as `address`: Location.state allows 45 since 2.2.1-d2. */
  state: optional(OcpiString(45)),
  country: CountryAlpha3,
  coordinates: GeoLocation,
  evse_uid: CiString(36),
  evse_id: CiString(48),
  connector_id: CiString(36),
  connector_standard: ConnectorType,
  connector_format: ConnectorFormat,
  connector_power_type: PowerType,
});
export type CdrLocation = Static<typeof CdrLocation>;

/** One metering value as plain text plus its signature, e.g. for German Eichrecht. */
export const SignedValue = Type.Object({
  /** `Start`, `End` or `Intermediate` in practice; free text per the spec. */
  nature: CiString(32),
  /** 512 in 2.2.1, 5000 from 2.2.1-d2 on; a receiver must accept the longer edition. */
  plain_data: OcpiString(5000),
  /** Base64. */
  signed_data: OcpiString(5000),
});
export type SignedValue = Static<typeof SignedValue>;

export const SignedData = Type.Object({
  /** Free text naming the format, e.g. `OCMF` or `Alfen Eichrecht`. */
  encoding_method: CiString(36),
  encoding_method_version: optional(Type.Integer()),
  /** Base64. */
  public_key: optional(OcpiString(512)),
  signed_values: Type.Array(SignedValue, { minItems: 1 }),
  /** Where a driver can verify the signed data. */
  url: optional(OcpiString(512)),
});
export type SignedData = Static<typeof SignedData>;

export const CDR = Type.Object({
  country_code: CountryCode,
  party_id: PartyId,
  /** 39 rather than 36 so a credit CDR can append a suffix to the original id. */
  id: CiString(39),
  start_date_time: DateTime,
  end_date_time: DateTime,
  /** Absent only when the CPO has no Sessions module or the CDR is for an unused reservation. */
  session_id: optional(CiString(36)),
  cdr_token: CdrToken,
  /** The last method used during the session. */
  auth_method: AuthMethod,
  authorization_reference: optional(CiString(36)),
  cdr_location: CdrLocation,
  meter_id: optional(OcpiString(255)),
  currency: CurrencyCode,
  /** Copies of the tariffs as they were at session start. */
  tariffs: optional(Type.Array(Tariff)),
  charging_periods: Type.Array(ChargingPeriod, { minItems: 1 }),
  signed_data: optional(SignedData),
  total_cost: Price,
  total_fixed_cost: optional(Price),
  /** kWh. */
  total_energy: Type.Number(),
  total_energy_cost: optional(Price),
  /** Hours, charging and not charging together. */
  total_time: Type.Number(),
  total_time_cost: optional(Price),
  /** Hours without energy transfer. */
  total_parking_time: optional(Type.Number()),
  total_parking_cost: optional(Price),
  total_reservation_cost: optional(Price),
  remark: optional(OcpiString(255)),
  invoice_reference_id: optional(CiString(39)),
  /** A credit CDR must also carry credit_reference_id; checked by the domain, not here. */
  credit: optional(Type.Boolean()),
  credit_reference_id: optional(CiString(39)),
  home_charging_compensation: optional(Type.Boolean()),
  last_updated: DateTime,
});
export type CDR = Static<typeof CDR>;
