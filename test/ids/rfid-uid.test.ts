import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isRfidUid,
  matchCardUid,
  normalizeRfidUid,
  parseRfidUid,
  reverseBytes,
  rfidUidFromDecimal,
  rfidUidToDecimal,
  sameCardUid,
  type RfidUidByteLength,
} from '../../src/ids/rfid-uid.js';
import { identifierErrorOf } from './identifier-error-helper.js';

const byteLength = fc.constantFrom<RfidUidByteLength>(4, 7, 8, 10);
const uidBytes = byteLength.chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
/** A UID as some reader might print it: any case, with ":", " ", "-" or nothing between bytes. */
const uidText = fc
  .tuple(uidBytes, fc.constantFrom(':', ' ', '-', ''), fc.boolean())
  .map(([bytes, sep, lower]) => {
    const text = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(sep);
    return lower ? text : text.toUpperCase();
  });

describe('parseRfidUid', () => {
  it('normalises separators and case, and says which size the UID is', () => {
    expect(parseRfidUid('04:a2:3b:1c')).toEqual({ uid: '04A23B1C', byteLength: 4, size: 'ISO 14443 single size' });
    expect(parseRfidUid('04 A2 3B 1C 5D 6E 7F')).toMatchObject({ uid: '04A23B1C5D6E7F', size: 'ISO 14443 double size' });
    expect(parseRfidUid('04-a2-3b-1c-5d-6e-7f-80-91-a2').size).toBe('ISO 14443 triple size');
    expect(parseRfidUid('E004010012345678').size).toBe('ISO 15693');
  });

  it('names a non-hex character', () => {
    const error = identifierErrorOf(() => parseRfidUid('04:G2:3B:1C'));
    expect(error.part).toBe('uid');
    expect(error.message).toContain('got "G"');
  });

  it('refuses half bytes, such as a byte printed without its leading zero', () => {
    const error = identifierErrorOf(() => parseRfidUid('4:a2:3b:1c'));
    expect(error.part).toBe('uid');
    expect(error.message).toContain('has 7 hex digits');
  });

  it('lists the valid sizes when the length is wrong', () => {
    const error = identifierErrorOf(() => parseRfidUid('04A23B1C5D'));
    expect(error.part).toBe('length');
    expect(error.message).toBe(
      'Invalid RFID UID "04A23B1C5D": is 5 bytes; valid are 4, 7 or 10 bytes (ISO 14443 single, double, triple size) and 8 bytes (ISO 15693)',
    );
  });

  it('refuses an empty or separator-only value', () => {
    expect(identifierErrorOf(() => parseRfidUid(' : ')).message).toContain('has no hex digits');
    expect(isRfidUid('')).toBe(false);
    expect(isRfidUid('04A23B1C')).toBe(true);
  });

  it('normalise is idempotent', () => {
    fc.assert(
      fc.property(uidText, (text) => {
        const once = normalizeRfidUid(text);
        expect(normalizeRfidUid(once)).toBe(once);
        expect(once).toMatch(/^[0-9A-F]+$/);
      }),
    );
  });
});

describe('reverseBytes', () => {
  it('reverses byte order, not hex digits', () => {
    expect(reverseBytes('04:a2:3b:1c')).toBe('1C3BA204');
  });

  it('undoes itself', () => {
    fc.assert(
      fc.property(uidText, (text) => {
        expect(reverseBytes(reverseBytes(text))).toBe(normalizeRfidUid(text));
      }),
    );
  });
});

describe('sameCardUid / matchCardUid', () => {
  it('matches the same card read in either byte order, in any spelling', () => {
    expect(sameCardUid('04:a2:3b:1c', '04A23B1C')).toBe(true);
    expect(sameCardUid('04A23B1C', '1c 3b a2 04')).toBe(true);
    expect(sameCardUid('04A23B1C', '04A23B1D')).toBe(false);
    expect(matchCardUid('04A23B1C', '1C3BA204')).toBe('reversed');
    expect(matchCardUid('04A23B1C', '04a23b1c')).toBe('identical');
  });

  it('holds for every UID and its reversal', () => {
    fc.assert(
      fc.property(uidText, (text) => {
        expect(sameCardUid(text, reverseBytes(text))).toBe(true);
      }),
    );
  });

  it('recognises a 4-byte UID a reader padded to 7 bytes with zeros, but only through matchCardUid', () => {
    expect(matchCardUid('04A23B1C', '04A23B1C000000')).toBe('zero-padded');
    expect(matchCardUid('04A23B1C000000', '04A23B1C')).toBe('zero-padded');
    expect(sameCardUid('04A23B1C', '04A23B1C000000')).toBe(false);
    expect(matchCardUid('04A23B1C', '04A23B1C000001')).toBeNull();
  });

  it('throws rather than answering false for something that is not a UID', () => {
    expect(identifierErrorOf(() => sameCardUid('04A23B1C', 'not a uid')).kind).toBe('RFID UID');
  });
});

describe('decimal UIDs', () => {
  it('reads the little-endian decimal printed on many cards', () => {
    // 0x04030201 = 67305985: read little-endian, the first byte on the wire is 01.
    expect(rfidUidFromDecimal('67305985', { byteLength: 4, byteOrder: 'little-endian' })).toBe('01020304');
    expect(rfidUidFromDecimal('67305985', { byteLength: 4, byteOrder: 'big-endian' })).toBe('04030201');
  });

  it('keeps leading zero bytes that the number lost', () => {
    expect(rfidUidFromDecimal('255', { byteLength: 4, byteOrder: 'big-endian' })).toBe('000000FF');
    expect(rfidUidFromDecimal('255', { byteLength: 7, byteOrder: 'little-endian' })).toBe('FF000000000000');
  });

  it('writes a UID as the decimal of either byte order', () => {
    expect(rfidUidToDecimal('01:02:03:04', 'little-endian')).toBe('67305985');
    expect(rfidUidToDecimal('01:02:03:04', 'big-endian')).toBe('16909060');
  });

  it('refuses a number too big for the UID size, or not a number', () => {
    const big = identifierErrorOf(() => rfidUidFromDecimal('4294967296', { byteLength: 4, byteOrder: 'big-endian' }));
    expect(big.part).toBe('decimal');
    expect(big.message).toContain('larger than a 4-byte UID can hold (at most 4294967295)');
    expect(identifierErrorOf(() => rfidUidFromDecimal('12a', { byteLength: 4, byteOrder: 'big-endian' })).part).toBe('decimal');
    expect(identifierErrorOf(() => rfidUidFromDecimal('-1', { byteLength: 4, byteOrder: 'big-endian' })).part).toBe('decimal');
  });

  it('round-trips every UID through its decimal in both byte orders', () => {
    fc.assert(
      fc.property(uidText, fc.constantFrom('big-endian' as const, 'little-endian' as const), (text, byteOrder) => {
        const { uid, byteLength: n } = parseRfidUid(text);
        expect(rfidUidFromDecimal(rfidUidToDecimal(uid, byteOrder), { byteLength: n, byteOrder })).toBe(uid);
      }),
    );
  });
});
