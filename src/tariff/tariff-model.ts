// Structural types for the OCPI 2.2.1 objects the tariff engine reads and writes.
// Field names follow the wire (snake_case) so a parsed JSON Tariff or CDR can be passed in as is.
// Wire validation (lengths, enums) belongs to the protocol schemas; the engine re-checks only what
// it computes with (see compiled-tariff.ts).

/** OCPI 2.2.1 types §Price: amounts in the tariff's currency. */
export interface Price {
  readonly excl_vat: number;
  readonly incl_vat?: number;
}

/** Mod Tariffs §TariffType. */
export type TariffType = 'AD_HOC_PAYMENT' | 'PROFILE_CHEAP' | 'PROFILE_FAST' | 'PROFILE_GREEN' | 'REGULAR';

/** Mod Tariffs §TariffDimensionType. */
export type TariffDimensionType = 'ENERGY' | 'FLAT' | 'PARKING_TIME' | 'TIME';

export const TARIFF_DIMENSIONS: readonly TariffDimensionType[] = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'];

/** Mod Tariffs §DayOfWeek. */
export type DayOfWeek = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** Mod Tariffs §ReservationRestrictionType. */
export type ReservationRestrictionType = 'RESERVATION' | 'RESERVATION_EXPIRES';

/** Mod Tariffs §PriceComponent: `price` per unit excl. VAT, `vat` in percent (absent = no VAT applies). */
export interface PriceComponent {
  readonly type: TariffDimensionType;
  readonly price: number;
  readonly vat?: number;
  readonly step_size: number;
}

/** Mod Tariffs §TariffRestrictions: all present fields must hold at once. */
export interface TariffRestrictions {
  readonly start_time?: string;
  readonly end_time?: string;
  readonly start_date?: string;
  readonly end_date?: string;
  readonly min_kwh?: number;
  readonly max_kwh?: number;
  readonly min_current?: number;
  readonly max_current?: number;
  readonly min_power?: number;
  readonly max_power?: number;
  readonly min_duration?: number;
  readonly max_duration?: number;
  readonly day_of_week?: readonly DayOfWeek[];
  readonly reservation?: ReservationRestrictionType;
}

export interface TariffElement {
  readonly price_components: readonly PriceComponent[];
  readonly restrictions?: TariffRestrictions;
}

export interface DisplayText {
  readonly language: string;
  readonly text: string;
}

/** Mod Tariffs §Tariff object. `energy_mix` is carried, never read, by the engine. */
export interface Tariff {
  readonly country_code: string;
  readonly party_id: string;
  readonly id: string;
  readonly currency: string;
  readonly type?: TariffType;
  readonly tariff_alt_text?: readonly DisplayText[];
  readonly tariff_alt_url?: string;
  readonly min_price?: Price;
  readonly max_price?: Price;
  readonly elements: readonly TariffElement[];
  readonly start_date_time?: string;
  readonly end_date_time?: string;
  readonly energy_mix?: unknown;
  readonly last_updated?: string;
}

/** Mod CDRs §CdrDimensionType, the values a CDR may carry (2.2.1 has no FLAT dimension). */
export type CdrDimensionType =
  | 'ENERGY'
  | 'MAX_CURRENT'
  | 'MIN_CURRENT'
  | 'MAX_POWER'
  | 'MIN_POWER'
  | 'PARKING_TIME'
  | 'RESERVATION_TIME'
  | 'TIME';

/** Mod CDRs §CdrDimension: kWh, hours, kW or A depending on `type`. */
export interface CdrDimension {
  readonly type: CdrDimensionType;
  readonly volume: number;
}

/** Mod CDRs §ChargingPeriod: a period ends where the next one starts (the last one at the CDR end). */
export interface ChargingPeriod {
  readonly start_date_time: string;
  readonly dimensions: readonly CdrDimension[];
  readonly tariff_id?: string;
}
