import { asciiUpper } from './ci-string.js';
import { dinCheckDigit, isoCheckDigit } from './contract-id-check-digit.js';
import { toCountryCode, type CountryCode } from './country-code.js';
import { parseEmaid, type ParsedEmaid } from './emaid.js';
import { IdentifierError } from './identifier-error.js';

/**
 * A contract ID in the older DIN SPEC 91286 form, `CC*PPP*######*D`: a 6-character instance and a
 * check digit `0`–`9` or `X`. Hubject still accepts it (OICP 2.3 `EvcoIDType`, DIN branch).
 */
export interface ParsedDinContractId {
  /** Upper case with `*` separators: `NL*TNM*012204*5`. */
  readonly contractId: string;
  readonly countryCode: CountryCode;
  readonly providerCode: string;
  readonly instance: string;
  readonly checkDigit: string;
}

const KIND = 'DIN contract ID';

/**
 * Parses `NL*TNM*012204*5`, `NL-TNM-012204-5` or `NLTNM0122045` (OICP 2.3 `EvcoIDType` examples use both
 * separators). One separator character is used at all three places or none, and the check digit is verified.
 */
export function parseDinContractId(input: string): ParsedDinContractId {
  const [country = '', provider = '', instance = '', check = ''] = split(input);
  const countryCode = toCountryCode(country, KIND, input);
  if (!/^[A-Za-z0-9]{3}$/.test(provider)) {
    throw new IdentifierError(KIND, 'providerId', input, `provider id must be 3 letters or digits, got ${JSON.stringify(provider)}`);
  }
  if (!/^[A-Za-z0-9]{6}$/.test(instance)) {
    throw new IdentifierError(KIND, 'instance', input, `instance must be 6 letters or digits, got ${JSON.stringify(instance)}`);
  }
  if (!/^[0-9Xx]$/.test(check)) {
    throw new IdentifierError(KIND, 'checkDigit', input, `check digit must be a digit or "X", got ${JSON.stringify(check)}`);
  }
  const providerCode = asciiUpper(provider);
  const upperInstance = asciiUpper(instance);
  const checkDigit = asciiUpper(check);
  const base = `${countryCode}${providerCode}${upperInstance}`;
  const expected = dinCheckDigit(base);
  if (checkDigit !== expected) {
    throw new IdentifierError(KIND, 'checkDigit', input, `check digit is ${JSON.stringify(checkDigit)} but ${base} requires ${JSON.stringify(expected)}`);
  }
  return {
    contractId: `${countryCode}*${providerCode}*${upperInstance}*${checkDigit}`,
    countryCode,
    providerCode,
    instance: upperInstance,
    checkDigit,
  };
}

/**
 * Migrates a DIN SPEC 91286 contract ID to an ISO 15118 eMAID as OCHP 1.4 "Backward Compatibility" says:
 * instance = `00` + DIN instance + DIN check digit, then a new ISO check digit
 * (`NL-TNM-012204-5` → `NL-TNM-000122045-U`).
 */
export function emaidFromDin(input: string): ParsedEmaid {
  const din = parseDinContractId(input);
  const base = `${din.countryCode}${din.providerCode}00${din.instance}${din.checkDigit}`;
  return parseEmaid(`${base}${isoCheckDigit(base)}`);
}

function split(input: string): string[] {
  const separators = new Set(input.match(/[*-]/g));
  if (separators.size === 0) {
    if (input.length !== 12) {
      throw new IdentifierError(KIND, 'length', input, `must be 12 characters without separators, got ${input.length}`);
    }
    return [input.slice(0, 2), input.slice(2, 5), input.slice(5, 11), input.slice(11)];
  }
  const pieces = input.split(/[*-]/);
  if (separators.size > 1 || pieces.length !== 4) {
    throw new IdentifierError(KIND, 'separator', input, 'put the same separator ("*" or "-") between every part or nowhere');
  }
  return pieces;
}
