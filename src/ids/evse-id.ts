import { asciiUpper } from './ci-string.js';
import { toCountryCode, type CountryCode } from './country-code.js';
import { IdentifierError } from './identifier-error.js';
import { readOperatorPrefix, type OperatorId } from './operator-id.js';

/** A normalised EVSE ID: upper case, `*` after the country code and after the operator code. */
export type EvseId = string & { readonly __brand: 'EvseId' };

export interface ParsedEvseId {
  readonly evseId: EvseId;
  readonly countryCode: CountryCode;
  /** `CC*OOO`, the operator that issued the EVSE ID. */
  readonly operatorId: OperatorId;
  /** The 3-character operator code alone. */
  readonly operatorCode: string;
  /** Everything after the `E` ID type, upper case, with the operator's own `*` separators kept. */
  readonly powerOutletId: string;
  /**
   * `station` / `outlet` split the power outlet id at its last `*` (`E12345*1` → `12345` and `1`).
   * The standard leaves the power outlet id to the operator, so this is only the common
   * "station*connector" convention; without a `*` the whole id is the station and `outlet` is null.
   */
  readonly station: string;
  readonly outlet: string | null;
}

/** OCPI 2.2.1 `EVSE.evse_id` is CiString(48). */
export const OCPI_EVSE_ID_MAX_LENGTH = 48;
/** ISO 15118-2 Annex H: `<Power Outlet ID> = (ALPHA / DIGIT) *30 (ALPHA / DIGIT / <S>)`, as quoted by OCHP 1.4. */
const POWER_OUTLET_ID_MAX_LENGTH = 31;

const KIND = 'EVSE ID';

/**
 * Parses an ISO 15118-2 / eMI3 EVSE ID: `DE*AB7*E840*6487` or `DEAB7E8406487` (OICP 2.3 `EvseIDType`
 * examples). Each `*` between country, operator and `E` is optional on its own, as in the ABNF.
 */
export function parseEvseId(input: string): ParsedEvseId {
  if (input === '') throw new IdentifierError(KIND, 'length', input, 'is empty');
  if (input.length > OCPI_EVSE_ID_MAX_LENGTH) {
    throw new IdentifierError(
      KIND,
      'length',
      input,
      `is ${input.length} characters; OCPI evse_id holds at most ${OCPI_EVSE_ID_MAX_LENGTH}`,
    );
  }
  if (/^\+?\d/.test(input)) {
    throw new IdentifierError(
      KIND,
      'countryCode',
      input,
      'starts with a telephone country code, the DIN SPEC 91286 form; convert it with evseIdFromDin',
    );
  }
  const { operator, rest } = readOperatorPrefix(input, KIND);
  const idType = rest[0];
  if (idType === undefined) {
    throw new IdentifierError(KIND, 'idType', input, 'ends after the operator id; expected "E" and the power outlet id');
  }
  if (idType !== 'E' && idType !== 'e') {
    const hint = idType === 'P' || idType === 'p' ? ' ("P" marks a charging pool ID, not an EVSE)' : '';
    throw new IdentifierError(
      KIND,
      'idType',
      input,
      `expected "E" after the operator id, got ${JSON.stringify(idType)}${hint}`,
    );
  }
  const powerOutletId = checkPowerOutletId(rest.slice(1), input);
  const lastStar = powerOutletId.lastIndexOf('*');
  return {
    evseId: `${operator.operatorId}*E${powerOutletId}` as EvseId,
    countryCode: operator.countryCode,
    operatorId: operator.operatorId,
    operatorCode: operator.operatorCode,
    powerOutletId,
    station: lastStar === -1 ? powerOutletId : powerOutletId.slice(0, lastStar),
    outlet: lastStar === -1 ? null : powerOutletId.slice(lastStar + 1),
  };
}

/** True when `input` parses as an EVSE ID. */
export function isEvseId(input: string): boolean {
  try {
    parseEvseId(input);
    return true;
  } catch (error) {
    if (error instanceof IdentifierError) return false;
    throw error;
  }
}

/** Upper case with separators: `nlabce12345*1` → `NL*ABC*E12345*1`. Display form; for matching use {@link evseIdMatchKey}. */
export function normalizeEvseId(input: string): EvseId {
  return parseEvseId(input).evseId;
}

/**
 * The form to index and compare EVSE IDs by: upper case, every `*` removed. Partners differ in where they
 * put the optional separators, and matching on the stripped form is the hub practice
 * (roaming-domain notes §3.5, e-clearing.net).
 */
export function evseIdMatchKey(input: string): string {
  return parseEvseId(input).evseId.replaceAll('*', '');
}

/** Same EVSE, ignoring case and separators. Throws {@link IdentifierError} if either is not an EVSE ID. */
export function sameEvseId(a: string, b: string): boolean {
  return evseIdMatchKey(a) === evseIdMatchKey(b);
}

/**
 * Converts a DIN SPEC 91286 EVSE ID (`+49*810*000*438`) to ISO (`DE*810*E000*438`) as OCHP 1.4 describes:
 * the telephone country code becomes the alpha-2 code and the digits carry over. Only `+49` → `DE` is
 * given by the sources, so other calling codes need `countryCode` from the caller.
 */
export function evseIdFromDin(din: string, countryCode?: string): ParsedEvseId {
  // OICP 2.3 `EvseIDType`, DIN branch: `\+?[0-9]{1,3}\*[0-9]{3}\*[0-9\*]{1,32}`.
  const [, callingCode, operatorCode, outlet] = /^\+?([^*]*)\*([^*]*)\*(.*)$/.exec(din) ?? [];
  if (callingCode === undefined || operatorCode === undefined || outlet === undefined) {
    throw new IdentifierError('DIN EVSE ID', 'separator', din, 'expected "+<country calling code>*<operator>*<outlet>" with "*" separators');
  }
  if (!/^\d{1,3}$/.test(callingCode)) {
    throw new IdentifierError('DIN EVSE ID', 'countryCode', din, `country calling code must be 1 to 3 digits, got ${JSON.stringify(callingCode)}`);
  }
  if (!/^\d{3}$/.test(operatorCode)) {
    throw new IdentifierError('DIN EVSE ID', 'operatorId', din, `operator id must be 3 digits, got ${JSON.stringify(operatorCode)}`);
  }
  if (!/^\d[\d*]{0,31}$/.test(outlet)) {
    throw new IdentifierError('DIN EVSE ID', 'powerOutletId', din, `power outlet id must be digits and "*", got ${JSON.stringify(outlet)}`);
  }
  let alpha2 = countryCode;
  if (alpha2 === undefined) {
    if (callingCode !== '49') {
      throw new IdentifierError(
        'DIN EVSE ID',
        'countryCode',
        din,
        `no known ISO country for calling code +${callingCode}; pass the country code explicitly`,
      );
    }
    alpha2 = 'DE';
  }
  return parseEvseId(`${toCountryCode(alpha2, 'DIN EVSE ID', din)}*${operatorCode}*E${outlet}`);
}

function checkPowerOutletId(outletId: string, input: string): string {
  const fail = (detail: string): never => {
    throw new IdentifierError(KIND, 'powerOutletId', input, detail);
  };
  if (outletId === '') fail('the power outlet id after "E" is missing');
  const bad = /[^A-Za-z0-9*]/.exec(outletId);
  if (bad) fail(`power outlet id may hold only letters, digits and "*", got ${JSON.stringify(bad[0])}`);
  if (outletId.startsWith('*')) fail('power outlet id must start with a letter or digit');
  // The ABNF would allow "**" and a trailing "*", but in practice they mean a missing number
  // (a template such as `DE*ABC*E123*` with the connector left out), so they are refused.
  if (outletId.includes('**') || outletId.endsWith('*')) fail('power outlet id has an empty part between "*" separators');
  if (outletId.length > POWER_OUTLET_ID_MAX_LENGTH) {
    fail(`power outlet id is ${outletId.length} characters; ISO 15118-2 allows at most ${POWER_OUTLET_ID_MAX_LENGTH}`);
  }
  return asciiUpper(outletId);
}
