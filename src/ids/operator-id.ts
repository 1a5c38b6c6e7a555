import { asciiUpper } from './ci-string.js';
import { toCountryCode, type CountryCode } from './country-code.js';
import { IdentifierError, type IdentifierKind } from './identifier-error.js';

/** A normalised EVSE Operator ID: `CC*OOO`, upper case, with the `*` separator. */
export type OperatorId = string & { readonly __brand: 'OperatorId' };

export interface ParsedOperatorId {
  readonly operatorId: OperatorId;
  readonly countryCode: CountryCode;
  /** The 3 letters or digits issued by the national ID registry (IDRO, BDEW, …). */
  readonly operatorCode: string;
}

const THREE_ALPHANUMERICS = /^[A-Za-z0-9]{3}$/;

/**
 * Reads the `<Country Code> <S> <EVSE Operator ID> <S>` head shared by EVSE and pool IDs
 * (ISO 15118-2 Annex H; OICP 2.3 `OperatorIDType`): `<S>` is an optional `*` at each place.
 * Returns the operator and whatever follows it.
 */
export function readOperatorPrefix(
  input: string,
  kind: IdentifierKind,
): { readonly operator: ParsedOperatorId; readonly rest: string } {
  const countryCode = toCountryCode(input.slice(0, 2), kind, input);
  let at = input[2] === '*' ? 3 : 2;
  const code = input.slice(at, at + 3);
  if (!THREE_ALPHANUMERICS.test(code)) {
    throw new IdentifierError(kind, 'operatorId', input, `operator id must be 3 letters or digits, got ${JSON.stringify(code)}`);
  }
  at += 3;
  if (input[at] === '*') at += 1;
  const operatorCode = asciiUpper(code);
  return {
    operator: { operatorId: `${countryCode}*${operatorCode}` as OperatorId, countryCode, operatorCode },
    rest: input.slice(at),
  };
}

/** Parses an EVSE Operator ID, `NL*ABC` or `NLABC` (OICP 2.3 `OperatorIDType`, ISO form). */
export function parseOperatorId(input: string): ParsedOperatorId {
  const { operator, rest } = readOperatorPrefix(input, 'operator ID');
  if (rest !== '' || input.endsWith('*')) {
    throw new IdentifierError(
      'operator ID',
      'length',
      input,
      `an operator ID is a country code and 3 letters or digits, but ${JSON.stringify(rest || '*')} follows them`,
    );
  }
  return operator;
}
