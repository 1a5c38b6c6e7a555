import { describe, expect, it } from 'vitest';
import {
  fitsOcpp16IdTag,
  idTagFromTokenUid,
  parentIdTagFromGroupId,
  sameIdTag,
} from '../../src/ids/ocpp-id-tag.js';
import { identifierErrorOf } from './identifier-error-helper.js';

describe('idTagFromTokenUid', () => {
  it('passes an RFID uid through unchanged', () => {
    expect(idTagFromTokenUid('04A23B1C5D6E7F')).toBe('04A23B1C5D6E7F');
    expect(idTagFromTokenUid('X'.repeat(20))).toHaveLength(20);
  });

  it('refuses a 36-character APP_USER uuid, saying the 1.6 limit and what to do', () => {
    const error = identifierErrorOf(() => idTagFromTokenUid('3f0c1a9e-7b2d-4c61-9a8e-2f4b6d8c0e1a'));
    expect(error.part).toBe('idTag');
    expect(error.message).toContain('OCPI token uid is 36 characters but an OCPP 1.6 idTag holds at most 20; map it to a shorter surrogate');
  });

  it('refuses empty and non-ASCII values, which a CiString cannot carry', () => {
    expect(identifierErrorOf(() => idTagFromTokenUid('')).message).toContain('is empty');
    expect(identifierErrorOf(() => idTagFromTokenUid('TAG-ü')).message).toContain('printable ASCII');
    expect(identifierErrorOf(() => idTagFromTokenUid('TAG\n1')).message).toContain('printable ASCII');
  });
});

describe('parentIdTagFromGroupId', () => {
  it('names parentIdTag when an OCPI group_id is too long', () => {
    expect(parentIdTagFromGroupId('FLEET-42')).toBe('FLEET-42');
    const error = identifierErrorOf(() => parentIdTagFromGroupId('NL-TNM-C00122045-K-GROUP'));
    expect(error.part).toBe('parentIdTag');
    expect(error.message).toContain('OCPI group_id is 24 characters but an OCPP 1.6 parentIdTag holds at most 20');
  });
});

describe('fitsOcpp16IdTag', () => {
  it('is true for 1 to 20 printable ASCII characters', () => {
    expect(fitsOcpp16IdTag('04A23B1C')).toBe(true);
    expect(fitsOcpp16IdTag('a'.repeat(21))).toBe(false);
    expect(fitsOcpp16IdTag('')).toBe(false);
  });
});

describe('sameIdTag', () => {
  it('compares case-insensitively, as the charger may send lower-case hex', () => {
    expect(sameIdTag('04a23b1c', '04A23B1C')).toBe(true);
    expect(sameIdTag('04A23B1C', '04A23B1D')).toBe(false);
  });
});
