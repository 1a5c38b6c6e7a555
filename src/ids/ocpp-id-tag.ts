import { ciEquals, isPrintableAscii } from './ci-string.js';
import { IdentifierError } from './identifier-error.js';

/**
 * OCPP 1.6 `idTag` and `parentIdTag` are CiString20Type, while OCPI 2.2.1 `Token.uid`, `contract_id` and
 * `group_id` (and an OCPP 2.0.1 `idToken`) hold up to 36 characters: not every OCPI token fits a 1.6 charger.
 */
export const OCPP16_ID_TAG_MAX_LENGTH = 20;

/** True when `value` can be sent to an OCPP 1.6 charger as an idTag unchanged. */
export function fitsOcpp16IdTag(value: string): boolean {
  return value.length > 0 && value.length <= OCPP16_ID_TAG_MAX_LENGTH && isPrintableAscii(value);
}

/**
 * The idTag to send to an OCPP 1.6 charger (RemoteStartTransaction, ReserveNow, SendLocalList) for an OCPI
 * token: its `uid`, which is what the reader sees. Never the `contract_id`: that is the billing identity
 * and is often too long (gh ocpi/ocpi#350). A uid over 20 characters (APP_USER UUIDs) cannot be sent and
 * needs a surrogate idTag kept by the caller, which this refuses to invent.
 */
export function idTagFromTokenUid(tokenUid: string): string {
  return checkIdTag(tokenUid, 'idTag', 'OCPI token uid');
}

/** OCPI `group_id` → OCPP 1.6 `parentIdTag`; OCPI mod_tokens warns a group_id over 20 characters will not fit. */
export function parentIdTagFromGroupId(groupId: string): string {
  return checkIdTag(groupId, 'parentIdTag', 'OCPI group_id');
}

/** CiString comparison of an idTag from a charger with a stored token uid (OCPP 1.6 §4 idTag is case-insensitive). */
export function sameIdTag(a: string, b: string): boolean {
  return ciEquals(a, b);
}

function checkIdTag(value: string, part: 'idTag' | 'parentIdTag', source: string): string {
  if (value === '') throw new IdentifierError('OCPP 1.6 idTag', part, value, `${source} is empty`);
  if (!isPrintableAscii(value)) {
    throw new IdentifierError('OCPP 1.6 idTag', part, value, `${source} has characters outside printable ASCII, which a CiString cannot carry`);
  }
  if (value.length > OCPP16_ID_TAG_MAX_LENGTH) {
    throw new IdentifierError(
      'OCPP 1.6 idTag',
      part,
      value,
      `${source} is ${value.length} characters but an OCPP 1.6 ${part} holds at most ${OCPP16_ID_TAG_MAX_LENGTH}; map it to a shorter surrogate`,
    );
  }
  return value;
}
