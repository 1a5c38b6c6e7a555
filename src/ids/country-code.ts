import { asciiUpper } from './ci-string.js';
import { IdentifierError, type IdentifierKind } from './identifier-error.js';

/**
 * An ISO 3166-1 alpha-2 shaped country code, upper case. Only the shape (two ASCII letters) is checked:
 * eMI3 IDs and OCPI `country_code` use it, and user-assigned codes such as `XK` are seen in the field, so a
 * frozen copy of the ISO list would reject real partners.
 */
export type CountryCode = string & { readonly __brand: 'CountryCode' };

const TWO_LETTERS = /^[A-Za-z]{2}$/;

/** Validates and upper-cases `value`; `input` is the whole identifier it came from, quoted in the error. */
export function toCountryCode(value: string, kind: IdentifierKind, input: string = value): CountryCode {
  if (!TWO_LETTERS.test(value)) {
    throw new IdentifierError(
      kind,
      'countryCode',
      input,
      `country code must be 2 letters (ISO 3166-1 alpha-2), got ${JSON.stringify(value)}`,
    );
  }
  return asciiUpper(value) as CountryCode;
}
