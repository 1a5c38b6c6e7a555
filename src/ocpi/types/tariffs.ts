/** Tariffs module objects (OCPI 2.2.1 "Tariffs"). Receivers take PUT and DELETE only, no PATCH. */
import { Type, type Static } from '@sinclair/typebox';
import {
  CiString,
  closedEnum,
  CountryCode,
  CurrencyCode,
  DateTime,
  DisplayText,
  EnergyMix,
  LocalDate,
  optional,
  PartyId,
  Price,
  TimeOfDay,
  Url,
} from './common.js';

/**
 * Which sessions a tariff applies to. Closed, as in the 2.2.1 and 2.3.0 text (the official
 * OpenAPI marks it open; the asciidoc is the authority): tariff selection depends on it.
 */
export const TariffType = closedEnum(['AD_HOC_PAYMENT', 'PROFILE_CHEAP', 'PROFILE_FAST', 'PROFILE_GREEN', 'REGULAR']);
export type TariffType = Static<typeof TariffType>;

/** Units: ENERGY per kWh (step in Wh), TIME and PARKING_TIME per hour (step in seconds), FLAT once. */
export const TariffDimensionType = closedEnum(['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME']);
export type TariffDimensionType = Static<typeof TariffDimensionType>;

export const DayOfWeek = closedEnum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
export type DayOfWeek = Static<typeof DayOfWeek>;

export const ReservationRestrictionType = closedEnum(['RESERVATION', 'RESERVATION_EXPIRES']);
export type ReservationRestrictionType = Static<typeof ReservationRestrictionType>;

export const PriceComponent = Type.Object({
  type: TariffDimensionType,
  /** Per unit, excluding VAT. */
  price: Type.Number(),
  /** Percentage. Absent means no VAT applies, which is not the same as 0. */
  vat: optional(Type.Number()),
  step_size: Type.Integer({ minimum: 0 }),
});
export type PriceComponent = Static<typeof PriceComponent>;

/**
 * Conditions under which a TariffElement is active at a given moment of a session; all present
 * fields must hold. Times and dates are local to the Location's time_zone. An end_time before
 * start_time wraps past midnight, and `00:00` as end_time means end of day.
 */
export const TariffRestrictions = Type.Object({
  start_time: optional(TimeOfDay),
  end_time: optional(TimeOfDay),
  /** Inclusive. */
  start_date: optional(LocalDate),
  /** Exclusive. */
  end_date: optional(LocalDate),
  min_kwh: optional(Type.Number()),
  max_kwh: optional(Type.Number()),
  /** Sum over all phases, in A. */
  min_current: optional(Type.Number()),
  max_current: optional(Type.Number()),
  /** kW. */
  min_power: optional(Type.Number()),
  max_power: optional(Type.Number()),
  /** Seconds since session start, parking time included. */
  min_duration: optional(Type.Integer()),
  max_duration: optional(Type.Integer()),
  day_of_week: optional(Type.Array(DayOfWeek)),
  /** When present the element prices the reservation only; it may hold only FLAT and TIME. */
  reservation: optional(ReservationRestrictionType),
});
export type TariffRestrictions = Static<typeof TariffRestrictions>;

export const TariffElement = Type.Object({
  price_components: Type.Array(PriceComponent, { minItems: 1 }),
  restrictions: optional(TariffRestrictions),
});
export type TariffElement = Static<typeof TariffElement>;

export const Tariff = Type.Object({
  country_code: CountryCode,
  party_id: PartyId,
  id: CiString(36),
  currency: CurrencyCode,
  /** Absent means the tariff applies to every session. */
  type: optional(TariffType),
  tariff_alt_text: optional(Type.Array(DisplayText)),
  tariff_alt_url: optional(Url),
  min_price: optional(Price),
  max_price: optional(Price),
  /** Per dimension, the first element whose restrictions match wins. */
  elements: Type.Array(TariffElement, { minItems: 1 }),
  start_date_time: optional(DateTime),
  end_date_time: optional(DateTime),
  energy_mix: optional(EnergyMix),
  last_updated: DateTime,
});
export type Tariff = Static<typeof Tariff>;
