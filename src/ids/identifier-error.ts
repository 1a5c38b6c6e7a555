/** Which kind of identifier was being read; used as the first words of every message. */
export type IdentifierKind =
  | 'party identity'
  | 'operator ID'
  | 'EVSE ID'
  | 'DIN EVSE ID'
  | 'contract ID'
  | 'DIN contract ID'
  | 'RFID UID'
  | 'OCPP 1.6 idTag';

/** The part of the identifier at fault, so callers can map the error to a form field or an OCPI 2001 detail. */
export type IdentifierPart =
  | 'countryCode'
  | 'partyId'
  | 'operatorId'
  | 'idType'
  | 'powerOutletId'
  | 'providerId'
  | 'instance'
  | 'checkDigit'
  | 'separator'
  | 'length'
  | 'uid'
  | 'decimal'
  | 'idTag'
  | 'parentIdTag';

// Long garbage (a whole JSON body pasted into a field) must not produce a multi-kilobyte message.
const MAX_QUOTED_INPUT = 64;

/** The one error type of `src/ids`: a malformed identifier, naming the part that is wrong. */
export class IdentifierError extends Error {
  override readonly name = 'IdentifierError';

  constructor(
    readonly kind: IdentifierKind,
    readonly part: IdentifierPart,
    /** The text as received, for logs; the message quotes at most 64 characters of it. */
    readonly input: string,
    detail: string,
  ) {
    super(`Invalid ${kind} ${quote(input)}: ${detail}`);
  }
}

function quote(input: string): string {
  const shown = input.length > MAX_QUOTED_INPUT ? `${input.slice(0, MAX_QUOTED_INPUT)}…` : input;
  return JSON.stringify(shown);
}
