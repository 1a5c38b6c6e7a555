/**
 * Building blocks shared by every OCPI 2.2.1 module schema (OCPI 2.2.1 "Types" and the shared
 * classes of "Locations").
 *
 * These schemas validate what partners send us: lenient where the spec or its newer editions
 * allow it, strict where a wrong value would corrupt routing or billing. Objects keep TypeBox's
 * default of accepting unknown properties, because OCPI 2.3.0 says unknown fields SHALL NOT cause
 * a rejection and 2.2.1 partners already send extensions.
 */
import {
  Kind,
  Type,
  type SchemaOptions,
  type Static,
  type StringOptions,
  type TLiteral,
  type TSchema,
  type TString,
  type TUnion,
} from '@sinclair/typebox';

// ---------------------------------------------------------------------------------------------
// Schema helpers

/**
 * A `?` or `*` field: may be left out. The spec also lets a sender write `null` for such a field
 * (2.2.1 "Terminology", cardinality), with the same meaning as leaving it out. Schemas stay
 * null-free so error paths stay exact (a nullable union would report `evses` instead of
 * `evses[0].uid`) and our own objects never emit nulls; inbound bodies go through
 * {@link dropNullFields} before validation instead.
 */
export function optional<T extends TSchema>(schema: T) {
  return Type.Optional(schema);
}

/**
 * A copy of an inbound JSON body with every `null`-valued object property removed, at any depth.
 * For OCPI a null optional field means "not set", exactly like an absent one, so this loses
 * nothing; a null *required* field becomes a missing one and still fails validation, naming the
 * field. Nulls inside arrays are kept, because an element cannot be "absent".
 */
export function dropNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((element: unknown) => (element === null ? null : dropNullFields(element)));
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines own properties, so a `__proto__` key from JSON.parse stays plain data.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, dropNullFields(field)]),
  );
}

/** An enum whose value set is fixed: anything else is a protocol error. */
export function closedEnum<const K extends readonly [string, ...string[]]>(
  values: K,
  options?: SchemaOptions,
): TUnion<TLiteral<K[number]>[]> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as TUnion<TLiteral<K[number]>[]>;
}

/**
 * The static type of an OpenEnum field: editors still suggest the known values, yet any string
 * type-checks. (`K | string` would collapse to plain `string` and lose the suggestions.)
 */
export type OpenEnumValue<K extends string> = K | (string & Record<never, never>);

/** Schema type returned by {@link openEnum}; at runtime it is a plain TypeBox union. */
export interface TOpenEnum<K extends string> extends TSchema {
  [Kind]: 'Union';
  anyOf: [TUnion<TLiteral<K>[]>, TString];
  static: OpenEnumValue<K>;
}

/**
 * An enum that OCPI 2.3.0 turned into an OpenEnum ("Types", OpenEnum): parties may send values
 * that are not in the table, so any string passes on input. The known values stay in the schema
 * (for generated documentation) and in the TypeScript type (for code that switches on them).
 * Values added by later versions (2.3.0 connector type `SAE_J3400`, token type `EMAID`) must not
 * break a 2.2.1 connection either.
 */
export function openEnum<const K extends readonly [string, ...string[]]>(known: K, options?: SchemaOptions): TOpenEnum<K[number]> {
  const knownValues = Type.Union(known.map((value) => Type.Literal(value)));
  return Type.Union([knownValues, Type.String()], options) as unknown as TOpenEnum<K[number]>;
}

// ---------------------------------------------------------------------------------------------
// Primitive types ("Types")

/**
 * `string(n)`: case-sensitive UTF-8 text of at most n characters. The spec also bans control
 * characters, but a stray line break in a description is harmless, so we do not reject for it.
 */
export function OcpiString(maxLength: number, options?: StringOptions): TString {
  return Type.String({ ...options, maxLength });
}

/**
 * `CiString(n)`: case-insensitive, printable ASCII only, at most n characters. Used for ids that
 * end up in URLs, database keys and case-insensitive comparisons, so the ASCII rule is enforced.
 */
export function CiString(maxLength: number, options?: StringOptions): TString {
  return Type.String({ ...options, maxLength, pattern: '^[\\x20-\\x7E]*$' });
}

/**
 * `URL`: string(255) ("Types", URL). Only the length is checked: a malformed URL fails when it is
 * used, and rejecting a whole Location over, say, a bad logo URL would be out of proportion.
 */
export const Url = OcpiString(255);
export type Url = Static<typeof Url>;

/**
 * `DateTime`: always UTC. The `Z` may be left out (its absence still means UTC) and fractional
 * seconds are allowed; offsets such as `+00:00` are not ("Types", DateTime). The spec caps the
 * string at 25 characters (4 fraction digits with `Z`), but common serializers emit micro- or
 * nanoseconds whose meaning is unambiguous, so up to 9 fraction digits are accepted.
 * A `pattern` rather than `format: date-time` keeps Ajv free of format plugins.
 * Convert with `parseOcpiDateTime` (../datetime.ts): `new Date()` reads a value without `Z` as
 * local time.
 */
export const DateTime = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z?$',
});
export type DateTime = Static<typeof DateTime>;

/** Local wall-clock time `HH:MM`, 24h with leading zeros (RegularHours, TariffRestrictions). */
export const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export type TimeOfDay = Static<typeof TimeOfDay>;

/** Local calendar date `YYYY-MM-DD` (TariffRestrictions start_date/end_date). */
export const LocalDate = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
export type LocalDate = Static<typeof LocalDate>;

/**
 * `country_code` of a party: CiString(2) holding an ISO 3166-1 alpha-2 code. Exactly two letters,
 * because together with party_id it is the routing and ownership key of every object.
 */
export const CountryCode = Type.String({ pattern: '^[A-Za-z]{2}$' });
export type CountryCode = Static<typeof CountryCode>;

/** `party_id`: CiString(3), the ISO 15118 operator/provider id, always three alphanumerics. */
export const PartyId = Type.String({ pattern: '^[A-Za-z0-9]{3}$' });
export type PartyId = Static<typeof PartyId>;

/**
 * Location.country and CdrLocation.country: ISO 3166-1 alpha-**3** (`NLD`), unlike the alpha-2
 * party country_code. A two-letter value here is a classic partner bug, so the length is exact.
 */
export const CountryAlpha3 = Type.String({ pattern: '^[A-Za-z]{3}$' });
export type CountryAlpha3 = Static<typeof CountryAlpha3>;

/** ISO 4217 currency code, string(3). */
export const CurrencyCode = Type.String({ pattern: '^[A-Za-z]{3}$' });
export type CurrencyCode = Static<typeof CurrencyCode>;

/** ISO 639-1 language code, string(2). */
export const LanguageCode = Type.String({ pattern: '^[A-Za-z]{2}$' });
export type LanguageCode = Static<typeof LanguageCode>;

/** Role of a party ("Types", Role). HUB exists in 2.2.1; 2.3.0 removed it. */
export const Role = closedEnum(['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP']);
export type Role = Static<typeof Role>;

// ---------------------------------------------------------------------------------------------
// Shared classes

/** 2.2.1 Price. Money stays a JSON number here; the domain turns it into a decimal. */
export const Price = Type.Object({
  excl_vat: Type.Number(),
  incl_vat: optional(Type.Number()),
});
export type Price = Static<typeof Price>;

export const DisplayText = Type.Object({
  language: LanguageCode,
  text: OcpiString(512),
});
export type DisplayText = Static<typeof DisplayText>;

export const ImageCategory = openEnum(['CHARGER', 'ENTRANCE', 'LOCATION', 'NETWORK', 'OPERATOR', 'OTHER', 'OWNER']);
export type ImageCategory = Static<typeof ImageCategory>;

/** `int(5)`: at most five digits. */
const ImageDimension = Type.Integer({ minimum: 0, maximum: 99_999 });

export const Image = Type.Object({
  url: Url,
  thumbnail: optional(Url),
  category: ImageCategory,
  type: CiString(4),
  width: optional(ImageDimension),
  height: optional(ImageDimension),
});
export type Image = Static<typeof Image>;

export const BusinessDetails = Type.Object({
  name: OcpiString(100),
  website: optional(Url),
  logo: optional(Image),
});
export type BusinessDetails = Static<typeof BusinessDetails>;

/** WGS 84 decimal degrees as strings, 5 to 7 decimals (2.2.1 "Locations", GeoLocation). */
export const Latitude = Type.String({ pattern: '^-?[0-9]{1,2}\\.[0-9]{5,7}$' });
export const Longitude = Type.String({ pattern: '^-?[0-9]{1,3}\\.[0-9]{5,7}$' });

export const GeoLocation = Type.Object({
  latitude: Latitude,
  longitude: Longitude,
});
export type GeoLocation = Static<typeof GeoLocation>;

/**
 * Still a closed enum in OCPI 2.3.0, but it only describes the energy mix and drives no behaviour,
 * so we accept unknown sources rather than reject a whole Location or Tariff over one.
 */
export const EnergySourceCategory = openEnum(['NUCLEAR', 'GENERAL_FOSSIL', 'COAL', 'GAS', 'GENERAL_GREEN', 'SOLAR', 'WIND', 'WATER']);
export type EnergySourceCategory = Static<typeof EnergySourceCategory>;

export const EnvironmentalImpactCategory = openEnum(['NUCLEAR_WASTE', 'CARBON_DIOXIDE']);
export type EnvironmentalImpactCategory = Static<typeof EnvironmentalImpactCategory>;

export const EnergySource = Type.Object({
  source: EnergySourceCategory,
  percentage: Type.Number({ minimum: 0, maximum: 100 }),
});
export type EnergySource = Static<typeof EnergySource>;

/** `amount` is in g/kWh. */
export const EnvironmentalImpact = Type.Object({
  category: EnvironmentalImpactCategory,
  amount: Type.Number(),
});
export type EnvironmentalImpact = Static<typeof EnvironmentalImpact>;

export const EnergyMix = Type.Object({
  is_green_energy: Type.Boolean(),
  energy_sources: optional(Type.Array(EnergySource)),
  environ_impact: optional(Type.Array(EnvironmentalImpact)),
  supplier_name: optional(OcpiString(64)),
  energy_product_name: optional(OcpiString(64)),
});
export type EnergyMix = Static<typeof EnergyMix>;
