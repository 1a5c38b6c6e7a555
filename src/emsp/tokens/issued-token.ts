import { asciiUpper, isPrintableAscii } from '../../ids/ci-string.js';
import { isRfidUid, normalizeRfidUid } from '../../ids/rfid-uid.js';
import type { Token } from '../../ocpi/types/tokens.js';
import type { TokenBlockReason } from '../../store/tables/token-tables.js';

export const BLOCK_REASONS: readonly TokenBlockReason[] = ['BLOCKED', 'EXPIRED', 'NO_CREDIT'];

/** One of our tokens: the OCPI object partners see, and what only the eMSP knows about it. */
export interface IssuedToken {
  token: Token;
  /** Set exactly when `token.valid` is false; it is the `allowed` answer of a real-time authorization. */
  blockReason: TokenBlockReason | null;
  blockNote: string | null;
  /** `CC-PID` or `CC-PID/LOCATION_ID` entries; null means the token charges anywhere. */
  chargeAt: string[] | null;
}

/** What operators see: the OCPI Token, with the eMSP-only fields beside it. */
export function adminView(issued: IssuedToken): Record<string, unknown> {
  return { ...issued.token, block_reason: issued.blockReason, block_note: issued.blockNote, charge_at: issued.chargeAt };
}

/**
 * The stored form of a uid: RFID uids normalised (upper-case hex without separators, so `04:a2:…`
 * finds `04A2…`), other uids upper case (OCPI uids are CiString). Null when an RFID uid is not hex
 * of a valid length: no such token can exist.
 */
export function storedUid(type: string, raw: string): string | null {
  if (type === 'RFID') return isRfidUid(raw) ? normalizeRfidUid(raw) : null;
  const uid = raw.trim();
  return uid.length > 0 && uid.length <= 36 && isPrintableAscii(uid) ? asciiUpper(uid) : null;
}
