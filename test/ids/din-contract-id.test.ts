import { describe, expect, it } from 'vitest';
import { dinCheckDigit } from '../../src/ids/contract-id-check-digit.js';
import { emaidFromDin, parseDinContractId } from '../../src/ids/din-contract-id.js';
import { formatEmaid } from '../../src/ids/emaid.js';
import { identifierErrorOf } from './identifier-error-helper.js';

describe('dinCheckDigit', () => {
  it('matches the worked example of the notes (NLTNM012204 → 5)', () => {
    expect(dinCheckDigit('NLTNM012204')).toBe('5');
  });

  it.each([
    ['INTNM000071', '9'],
    ['INTNM000110', 'X'],
    ['INTNM000124', '0'],
    ['INTNM000114', '6'],
    ['INTNM000191', '5'],
    ['NLTNM122045', '0'],
  ])('matches the mobilityid vector %s → %s', (base, check) => {
    expect(dinCheckDigit(base)).toBe(check);
  });
});

describe('parseDinContractId', () => {
  it('reads "*", "-" and no separators alike', () => {
    const expected = { contractId: 'NL*TNM*012204*5', countryCode: 'NL', providerCode: 'TNM', instance: '012204', checkDigit: '5' };
    expect(parseDinContractId('NL*TNM*012204*5')).toEqual(expected);
    expect(parseDinContractId('nl-tnm-012204-5')).toEqual(expected);
    expect(parseDinContractId('NLTNM0122045')).toEqual(expected);
  });

  it('accepts a lower-case "x" check digit', () => {
    expect(parseDinContractId('IN*TNM*000110*x').checkDigit).toBe('X');
  });

  it('says which check digit was expected', () => {
    const error = identifierErrorOf(() => parseDinContractId('NL*TNM*012204*6'));
    expect(error.part).toBe('checkDigit');
    expect(error.message).toBe('Invalid DIN contract ID "NL*TNM*012204*6": check digit is "6" but NLTNM012204 requires "5"');
  });

  it('names the part that is malformed', () => {
    for (const [input, part] of [
      ['N1*TNM*012204*5', 'countryCode'],
      ['NL*TN*012204*5', 'providerId'],
      ['NL*TNM*01220*5', 'instance'],
      ['NL*TNM*012204*A', 'checkDigit'],
      ['NL*TNM-012204*5', 'separator'],
      ['NL*TNM*012204', 'separator'],
      ['NLTNM012204', 'length'],
    ] as const) {
      expect(identifierErrorOf(() => parseDinContractId(input)).part, input).toBe(part);
    }
  });
});

describe('emaidFromDin', () => {
  it('migrates with "00" + instance + old check digit and a new ISO check digit (NL-TNM-012204-5 → NL-TNM-000122045-U)', () => {
    const emaid = emaidFromDin('NL-TNM-012204-5');
    expect(formatEmaid(emaid)).toBe('NL-TNM-000122045-U');
    expect(emaid.emaid).toBe('NLTNM000122045U');
  });

  it('refuses to migrate a DIN ID with a wrong check digit', () => {
    expect(identifierErrorOf(() => emaidFromDin('NL-TNM-012204-4')).part).toBe('checkDigit');
  });
});
