import { asciiUpper } from './ci-string.js';
import { IdentifierError } from './identifier-error.js';

/**
 * A normalised RFID UID: upper-case hex, no separators, in the byte order it was read. Roaming
 * protocols expect big-endian, left to right, without zero-fill (OICP 2.3 `UIDType`, OCHP 1.4 `rfid` token).
 */
export type RfidUid = string & { readonly __brand: 'RfidUid' };

export type RfidUidByteLength = 4 | 7 | 8 | 10;

/**
 * ISO/IEC 14443 UIDs are single (4 bytes), double (7) or triple (10) size; OCPP 2.0.1 also carries
 * 8-byte ISO/IEC 15693 UIDs (`IdTokenEnumType`), so that length is valid too.
 */
export type RfidUidSize = 'ISO 14443 single size' | 'ISO 14443 double size' | 'ISO 14443 triple size' | 'ISO 15693';

export interface ParsedRfidUid {
  readonly uid: RfidUid;
  readonly byteLength: RfidUidByteLength;
  readonly size: RfidUidSize;
}

const SIZES: Readonly<Record<number, RfidUidSize>> = {
  4: 'ISO 14443 single size',
  7: 'ISO 14443 double size',
  8: 'ISO 15693',
  10: 'ISO 14443 triple size',
};

const KIND = 'RFID UID';

/**
 * Reads a UID as readers and people write it: `04:a2:3b:1c`, `04 A2 3B 1C`, `04-a2-3b-1c`, `04A23B1C`.
 * Separators are dropped wherever they are; what remains must be whole bytes of hex of a valid length.
 */
export function parseRfidUid(input: string): ParsedRfidUid {
  const hex = input.replace(/[:\s-]/g, '');
  if (hex === '') throw new IdentifierError(KIND, 'uid', input, 'has no hex digits');
  const bad = /[^0-9A-Fa-f]/.exec(hex);
  if (bad) {
    throw new IdentifierError(
      KIND,
      'uid',
      input,
      `may hold only hex digits 0-9, A-F and the separators ":", "-", space; got ${JSON.stringify(bad[0])}`,
    );
  }
  if (hex.length % 2 !== 0) {
    throw new IdentifierError(KIND, 'uid', input, `has ${hex.length} hex digits; a UID is whole bytes, 2 hex digits each`);
  }
  const byteLength = hex.length / 2;
  const size = SIZES[byteLength];
  if (size === undefined) {
    throw new IdentifierError(
      KIND,
      'length',
      input,
      `is ${byteLength} bytes; valid are 4, 7 or 10 bytes (ISO 14443 single, double, triple size) and 8 bytes (ISO 15693)`,
    );
  }
  return { uid: asciiUpper(hex) as RfidUid, byteLength: byteLength as RfidUidByteLength, size };
}

/** True when `input` parses as an RFID UID. */
export function isRfidUid(input: string): boolean {
  try {
    parseRfidUid(input);
    return true;
  } catch (error) {
    if (error instanceof IdentifierError) return false;
    throw error;
  }
}

/** `04:a2:3b:1c` → `04A23B1C`. */
export function normalizeRfidUid(input: string): RfidUid {
  return parseRfidUid(input).uid;
}

/**
 * The UID with its bytes in the opposite order (`04A23B1C` → `1C3BA204`). Some readers and Android
 * (for ISO 15693) report UIDs least significant byte first (roaming-domain notes §3.4).
 */
export function reverseBytes(input: string): RfidUid {
  const { uid } = parseRfidUid(input);
  return (uid.match(/../g) ?? []).reverse().join('') as RfidUid;
}

/**
 * How two reads of a card relate, for matching a charger's idTag against a token list and recording
 * which heuristic was needed: `zero-padded` is a 4-byte UID that a reader filled up to 7 bytes with
 * trailing `00` (seen with SmartEVSE one-wire readers, roaming-domain notes §3.4).
 */
export type CardUidMatch = 'identical' | 'reversed' | 'zero-padded';

/** Which {@link CardUidMatch} relates `a` and `b`, or null when they are different cards. */
export function matchCardUid(a: string, b: string): CardUidMatch | null {
  const x = normalizeRfidUid(a);
  const y = normalizeRfidUid(b);
  if (x === y) return 'identical';
  if (reverseBytes(x) === y) return 'reversed';
  if (isZeroPaddingOf(x, y) || isZeroPaddingOf(y, x)) return 'zero-padded';
  return null;
}

/** True when `a` and `b` are the same UID, possibly read in reversed byte order. */
export function sameCardUid(a: string, b: string): boolean {
  const match = matchCardUid(a, b);
  return match === 'identical' || match === 'reversed';
}

function isZeroPaddingOf(short: RfidUid, long: RfidUid): boolean {
  return short.length === 8 && long === `${short}000000`;
}

export type ByteOrder = 'big-endian' | 'little-endian';

/**
 * Reads a UID from the decimal number some readers emit and many cards have printed. NXP defines no
 * byte order for that number and cards often print the little-endian one (notes §3.4), and leading
 * zero bytes vanish from a number, so both the byte order and the UID length must be stated.
 */
export function rfidUidFromDecimal(
  decimal: string,
  options: { readonly byteLength: RfidUidByteLength; readonly byteOrder: ByteOrder },
): RfidUid {
  if (!/^\d+$/.test(decimal)) {
    throw new IdentifierError(KIND, 'decimal', decimal, 'decimal UID may hold only the digits 0-9');
  }
  const value = BigInt(decimal);
  const hexDigits = options.byteLength * 2;
  const hex = value.toString(16).toUpperCase();
  if (hex.length > hexDigits) {
    const max = (1n << BigInt(options.byteLength * 8)) - 1n;
    throw new IdentifierError(KIND, 'decimal', decimal, `is larger than a ${options.byteLength}-byte UID can hold (at most ${max})`);
  }
  const bigEndian = hex.padStart(hexDigits, '0');
  return options.byteOrder === 'big-endian' ? (bigEndian as RfidUid) : reverseBytes(bigEndian);
}

/** The decimal number of a UID read in `byteOrder` (what a card printed with that convention shows). */
export function rfidUidToDecimal(input: string, byteOrder: ByteOrder): string {
  const uid = byteOrder === 'big-endian' ? normalizeRfidUid(input) : reverseBytes(input);
  return BigInt(`0x${uid}`).toString(10);
}
