/** Locations module objects (OCPI 2.2.1 "Locations"): Location 1:n EVSE 1:n Connector. */
import { Type, type Static } from '@sinclair/typebox';
import {
  BusinessDetails,
  CiString,
  closedEnum,
  CountryAlpha3,
  CountryCode,
  DateTime,
  DisplayText,
  EnergyMix,
  GeoLocation,
  Image,
  Latitude,
  Longitude,
  OcpiString,
  openEnum,
  optional,
  PartyId,
  TimeOfDay,
  Url,
} from './common.js';
import { TokenType } from './tokens.js';

// ---------------------------------------------------------------------------------------------
// Enums

/** EVSE status. Closed: receivers map it to availability, an unknown value has no safe meaning. */
export const Status = closedEnum(['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN']);
export type Status = Static<typeof Status>;

export const Capability = openEnum([
  'CHARGING_PROFILE_CAPABLE',
  'CHARGING_PREFERENCES_CAPABLE',
  'CHIP_CARD_SUPPORT',
  'CONTACTLESS_CARD_SUPPORT',
  'CREDIT_CARD_PAYABLE',
  'DEBIT_CARD_PAYABLE',
  'PED_TERMINAL',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'START_SESSION_CONNECTOR_REQUIRED',
  'TOKEN_GROUP_CAPABLE',
  'UNLOCK_CAPABLE',
]);
export type Capability = Static<typeof Capability>;

export const ConnectorFormat = closedEnum(['SOCKET', 'CABLE']);
export type ConnectorFormat = Static<typeof ConnectorFormat>;

/** Open in 2.3.0, which added `MCS` and `SAE_J3400`. Note the mixed case of the IEC 60309 values. */
export const ConnectorType = openEnum([
  'CHADEMO',
  'CHAOJI',
  'DOMESTIC_A',
  'DOMESTIC_B',
  'DOMESTIC_C',
  'DOMESTIC_D',
  'DOMESTIC_E',
  'DOMESTIC_F',
  'DOMESTIC_G',
  'DOMESTIC_H',
  'DOMESTIC_I',
  'DOMESTIC_J',
  'DOMESTIC_K',
  'DOMESTIC_L',
  'DOMESTIC_M',
  'DOMESTIC_N',
  'DOMESTIC_O',
  'GBT_AC',
  'GBT_DC',
  'IEC_60309_2_single_16',
  'IEC_60309_2_three_16',
  'IEC_60309_2_three_32',
  'IEC_60309_2_three_64',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'NEMA_5_20',
  'NEMA_6_30',
  'NEMA_6_50',
  'NEMA_10_30',
  'NEMA_10_50',
  'NEMA_14_30',
  'NEMA_14_50',
  'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN',
  'TESLA_R',
  'TESLA_S',
]);
export type ConnectorType = Static<typeof ConnectorType>;

export const PowerType = closedEnum(['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC']);
export type PowerType = Static<typeof PowerType>;

export const ParkingType = openEnum(['ALONG_MOTORWAY', 'PARKING_GARAGE', 'PARKING_LOT', 'ON_DRIVEWAY', 'ON_STREET', 'UNDERGROUND_GARAGE']);
export type ParkingType = Static<typeof ParkingType>;

/** Open in 2.3.0, which added `EMPLOYEES`, `TAXIS` and `TENANTS`. */
export const ParkingRestriction = openEnum(['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES']);
export type ParkingRestriction = Static<typeof ParkingRestriction>;

export const Facility = openEnum([
  'HOTEL',
  'RESTAURANT',
  'CAFE',
  'MALL',
  'SUPERMARKET',
  'SPORT',
  'RECREATION_AREA',
  'NATURE',
  'MUSEUM',
  'BIKE_SHARING',
  'BUS_STOP',
  'TAXI_STAND',
  'TRAM_STOP',
  'METRO_STATION',
  'TRAIN_STATION',
  'AIRPORT',
  'PARKING_LOT',
  'CARPOOL_PARKING',
  'FUEL_STATION',
  'WIFI',
]);
export type Facility = Static<typeof Facility>;

// ---------------------------------------------------------------------------------------------
// Classes

/** A named point near the Location, e.g. a car park entrance. */
export const AdditionalGeoLocation = Type.Object({
  latitude: Latitude,
  longitude: Longitude,
  name: optional(DisplayText),
});
export type AdditionalGeoLocation = Static<typeof AdditionalGeoLocation>;

/**
 * Who may see an unpublished Location. The spec wants at least one of uid, visual_number or
 * group_id, with type next to uid and issuer next to visual_number; that cross-field rule is left
 * to the domain so one malformed entry does not reject the whole Location.
 */
export const PublishTokenType = Type.Object({
  uid: optional(CiString(36)),
  type: optional(TokenType),
  visual_number: optional(OcpiString(64)),
  issuer: optional(OcpiString(64)),
  group_id: optional(CiString(36)),
});
export type PublishTokenType = Static<typeof PublishTokenType>;

/** Weekly opening period in the Location's local time; weekday 1 is Monday, 7 is Sunday. */
export const RegularHours = Type.Object({
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  period_begin: TimeOfDay,
  period_end: TimeOfDay,
});
export type RegularHours = Static<typeof RegularHours>;

/** Unlike RegularHours, exceptional periods are UTC DateTimes. */
export const ExceptionalPeriod = Type.Object({
  period_begin: DateTime,
  period_end: DateTime,
});
export type ExceptionalPeriod = Static<typeof ExceptionalPeriod>;

/**
 * Opening hours. The spec says regular_hours is used only when twentyfourseven is false; we do
 * not reject the combination because the meaning stays clear (24/7 wins, closings still apply).
 */
export const Hours = Type.Object({
  twentyfourseven: Type.Boolean(),
  regular_hours: optional(Type.Array(RegularHours)),
  exceptional_openings: optional(Type.Array(ExceptionalPeriod)),
  exceptional_closings: optional(Type.Array(ExceptionalPeriod)),
});
export type Hours = Static<typeof Hours>;

/** A planned status change of an EVSE; a period may have no end. */
export const StatusSchedule = Type.Object({
  period_begin: DateTime,
  period_end: optional(DateTime),
  status: Status,
});
export type StatusSchedule = Static<typeof StatusSchedule>;

// ---------------------------------------------------------------------------------------------
// Objects

export const Connector = Type.Object({
  /** Unique within its EVSE only. */
  id: CiString(36),
  standard: ConnectorType,
  format: ConnectorFormat,
  power_type: PowerType,
  /** Volts, line to neutral for AC_3_PHASE. */
  max_voltage: Type.Integer(),
  max_amperage: Type.Integer(),
  /** Watts; set when lower than voltage × amperage suggests. */
  max_electric_power: optional(Type.Integer()),
  tariff_ids: optional(Type.Array(CiString(36))),
  terms_and_conditions: optional(Url),
  last_updated: DateTime,
});
export type Connector = Static<typeof Connector>;

export const EVSE = Type.Object({
  /** Technical id, never reused; `evse_id` is the human-readable eMI3 id. */
  uid: CiString(36),
  /** Optional so a REMOVED EVSE can release its evse_id for reuse. */
  evse_id: optional(CiString(48)),
  status: Status,
  status_schedule: optional(Type.Array(StatusSchedule)),
  capabilities: optional(Type.Array(Capability)),
  connectors: Type.Array(Connector, { minItems: 1 }),
  floor_level: optional(OcpiString(4)),
  coordinates: optional(GeoLocation),
  physical_reference: optional(OcpiString(16)),
  directions: optional(Type.Array(DisplayText)),
  parking_restrictions: optional(Type.Array(ParkingRestriction)),
  images: optional(Type.Array(Image)),
  last_updated: DateTime,
});
export type EVSE = Static<typeof EVSE>;

export const Location = Type.Object({
  country_code: CountryCode,
  party_id: PartyId,
  id: CiString(36),
  publish: Type.Boolean(),
  publish_allowed_to: optional(Type.Array(PublishTokenType)),
  name: optional(OcpiString(255)),
  /** 45 in 2.2.1; 2.2.1-d2 and 2.3.0 allow 255, and a receiver must accept the newest edition. */
  address: OcpiString(255),
  city: OcpiString(45),
  postal_code: optional(OcpiString(10)),
  /** 20 in 2.2.1; 45 since 2.2.1-d2, see `address`. */
  state: optional(OcpiString(45)),
  country: CountryAlpha3,
  coordinates: GeoLocation,
  related_locations: optional(Type.Array(AdditionalGeoLocation)),
  parking_type: optional(ParkingType),
  evses: optional(Type.Array(EVSE)),
  directions: optional(Type.Array(DisplayText)),
  /** When absent, the operator is the party from the credentials role. */
  operator: optional(BusinessDetails),
  suboperator: optional(BusinessDetails),
  owner: optional(BusinessDetails),
  facilities: optional(Type.Array(Facility)),
  /** IANA tz name, e.g. `Europe/Oslo`; tariff restrictions and regular hours are in this zone. */
  time_zone: OcpiString(255),
  opening_times: optional(Hours),
  /** Absent means true. */
  charging_when_closed: optional(Type.Boolean()),
  images: optional(Type.Array(Image)),
  energy_mix: optional(EnergyMix),
  last_updated: DateTime,
});
export type Location = Static<typeof Location>;

// ---------------------------------------------------------------------------------------------
// PATCH bodies: any subset of fields, but always `last_updated` ("Locations", Receiver PATCH).

export const LocationPatch = Type.Object({
  ...Type.Partial(Location).properties,
  last_updated: DateTime,
});
export type LocationPatch = Static<typeof LocationPatch>;

export const EVSEPatch = Type.Object({
  ...Type.Partial(EVSE).properties,
  last_updated: DateTime,
});
export type EVSEPatch = Static<typeof EVSEPatch>;

export const ConnectorPatch = Type.Object({
  ...Type.Partial(Connector).properties,
  last_updated: DateTime,
});
export type ConnectorPatch = Static<typeof ConnectorPatch>;
