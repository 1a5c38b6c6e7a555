import { asciiUpper } from './ci-string.js';
import { isoCheckDigit } from './contract-id-check-digit.js';
import { toCountryCode, type CountryCode } from './country-code.js';
import { IdentifierError } from './identifier-error.js';

/** A normalised eMAID: upper case, no hyphens, 14 characters or 15 with its (verified) check digit. */
export type Emaid = string & { readonly __brand: 'Emaid' };

/** An ISO 15118 / eMI3 contract ID (eMAID), as in OCPI `contract_id` and OICP `EvcoID`. */
export interface ParsedEmaid {
  readonly emaid: Emaid;
  readonly countryCode: CountryCode;
  /** The 3-character eMobility Provider code issued by the national registry. */
  readonly providerCode: string;
  /** 9 letters or digits; eMI3 recommends (does not require) a leading `C`. */
  readonly instance: string;
  /** Null when the ID was given without one; the check digit is optional in ISO 15118-2 Annex H. */
  readonly checkDigit: string | null;
}

export interface EmaidOptions {
  /** Refuse an eMAID that has no check digit (it is optional in the standard, "highly recommended" by OCHP). */
  readonly requireCheckDigit?: boolean;
}

const KIND = 'contract ID';
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

/**
 * Parses `NL-TNM-C12345678-X`, `NLTNMC12345678X`, or either without the check digit, in any case.
 * Hyphens must be at all places or none (OCHP 1.4 "Contract-ID Semantics"). A check digit that is
 * present must be the one ISO 15118-2 Annex H gives for the other 14 characters.
 */
export function parseEmaid(input: string, options: EmaidOptions = {}): ParsedEmaid {
  const parts = readEmaid(input);
  const expected = isoCheckDigit(parts.base);
  if (parts.checkDigit !== null && parts.checkDigit !== expected) {
    throw new IdentifierError(
      KIND,
      'checkDigit',
      input,
      `check digit is ${JSON.stringify(parts.checkDigit)} but ${parts.base} requires ${JSON.stringify(expected)}`,
    );
  }
  if (parts.checkDigit === null && options.requireCheckDigit === true) {
    throw new IdentifierError(KIND, 'checkDigit', input, `check digit is missing (for ${parts.base} it is ${JSON.stringify(expected)})`);
  }
  return {
    emaid: `${parts.base}${parts.checkDigit ?? ''}` as Emaid,
    countryCode: parts.countryCode,
    providerCode: parts.providerCode,
    instance: parts.instance,
    checkDigit: parts.checkDigit,
  };
}

/** True when `input` parses as an eMAID under `options`. */
export function isEmaid(input: string, options: EmaidOptions = {}): boolean {
  try {
    parseEmaid(input, options);
    return true;
  } catch (error) {
    if (error instanceof IdentifierError) return false;
    throw error;
  }
}

/** Upper case without hyphens, check digit kept only if it was given: `nl-tnm-c12345678` → `NLTNMC12345678`. */
export function normalizeEmaid(input: string): Emaid {
  return parseEmaid(input).emaid;
}

/** `NL-TNM-C12345678-X` (hyphenated, for people) or `NLTNMC12345678X` (compact, as ISO 15118-2 carries it). */
export function formatEmaid(emaid: ParsedEmaid, style: 'hyphenated' | 'compact' = 'hyphenated'): string {
  if (style === 'compact') return emaid.emaid;
  const head = `${emaid.countryCode}-${emaid.providerCode}-${emaid.instance}`;
  return emaid.checkDigit === null ? head : `${head}-${emaid.checkDigit}`;
}

/** The check digit for an eMAID given without one (`DE-8AA-CA2B3C4D5` → `L`). */
export function computeEmaidCheckDigit(emaidWithoutCheckDigit: string): string {
  const parts = readEmaid(emaidWithoutCheckDigit);
  if (parts.checkDigit !== null) {
    throw new IdentifierError(KIND, 'checkDigit', emaidWithoutCheckDigit, 'already has a check digit; pass the 14 characters before it');
  }
  return isoCheckDigit(parts.base);
}

/**
 * True only when `input` carries a check digit and it is right. A missing check digit is `false`;
 * a malformed country, provider or instance throws {@link IdentifierError}.
 */
export function verifyEmaidCheckDigit(input: string): boolean {
  const parts = readEmaid(input);
  return parts.checkDigit !== null && parts.checkDigit === isoCheckDigit(parts.base);
}

/** The eMAID with its check digit, adding it when missing (a present one is verified first). */
export function withCheckDigit(input: string): ParsedEmaid {
  const parsed = parseEmaid(input);
  if (parsed.checkDigit !== null) return parsed;
  const checkDigit = isoCheckDigit(parsed.emaid);
  return { ...parsed, emaid: `${parsed.emaid}${checkDigit}` as Emaid, checkDigit };
}

/**
 * Same contract: equal ignoring case, hyphens and the presence of the check digit (which follows from
 * the other 14 characters). Throws {@link IdentifierError} if either is not an eMAID.
 */
export function sameEmaid(a: string, b: string): boolean {
  return parseEmaid(a).emaid.slice(0, 14) === parseEmaid(b).emaid.slice(0, 14);
}

interface EmaidParts {
  readonly countryCode: CountryCode;
  readonly providerCode: string;
  readonly instance: string;
  /** Upper case, or null. */
  readonly checkDigit: string | null;
  /** The 14 characters the check digit is computed over, upper case. */
  readonly base: string;
}

/** Structure only; the check digit is read but not verified. */
function readEmaid(input: string): EmaidParts {
  const [country = '', provider = '', instance = '', check = null] = split(input);
  const countryCode = toCountryCode(country, KIND, input);
  if (provider.length !== 3 || !ALPHANUMERIC.test(provider)) {
    throw new IdentifierError(KIND, 'providerId', input, `provider id must be 3 letters or digits, got ${JSON.stringify(provider)}`);
  }
  if (instance.length !== 9 || !ALPHANUMERIC.test(instance)) {
    const din = instance.length === 6 ? ' (6 characters is the DIN SPEC 91286 form; convert it with emaidFromDin)' : '';
    throw new IdentifierError(KIND, 'instance', input, `instance must be 9 letters or digits, got ${JSON.stringify(instance)}${din}`);
  }
  if (check !== null && !/^[A-Za-z0-9]$/.test(check)) {
    throw new IdentifierError(KIND, 'checkDigit', input, `check digit must be 1 letter or digit, got ${JSON.stringify(check)}`);
  }
  const providerCode = asciiUpper(provider);
  const upperInstance = asciiUpper(instance);
  return {
    countryCode,
    providerCode,
    instance: upperInstance,
    checkDigit: check === null ? null : asciiUpper(check),
    base: `${countryCode}${providerCode}${upperInstance}`,
  };
}

/** Country, provider, instance and optional check digit, from the hyphenated or the compact form. */
function split(input: string): [string, string, string, string?] {
  if (input.includes('-')) {
    const pieces = input.split('-');
    if (pieces.length !== 3 && pieces.length !== 4) {
      throw new IdentifierError(
        KIND,
        'separator',
        input,
        'put "-" between every part or nowhere (country code, provider id, instance, check digit)',
      );
    }
    return pieces as [string, string, string, string?];
  }
  if (input.length !== 14 && input.length !== 15) {
    const din = input.length === 12 ? ' (12 is the DIN SPEC 91286 length; convert it with emaidFromDin)' : '';
    throw new IdentifierError(
      KIND,
      'length',
      input,
      `must be 14 characters without hyphens, or 15 with the check digit, got ${input.length}${din}`,
    );
  }
  const pieces: [string, string, string, string?] = [input.slice(0, 2), input.slice(2, 5), input.slice(5, 14)];
  if (input.length === 15) pieces.push(input.slice(14));
  return pieces;
}
