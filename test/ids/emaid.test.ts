import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeEmaidCheckDigit,
  formatEmaid,
  isEmaid,
  normalizeEmaid,
  parseEmaid,
  sameEmaid,
  verifyEmaidCheckDigit,
  withCheckDigit,
} from '../../src/ids/emaid.js';
import { identifierErrorOf } from './identifier-error-helper.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `0123456789${LETTERS}`;
const letter = fc.constantFrom(...LETTERS);
const alnum = fc.constantFrom(...ALNUM);
/** 14-character eMAID bases, upper case, no hyphens. */
const base = fc
  .tuple(
    fc.string({ unit: letter, minLength: 2, maxLength: 2 }),
    fc.string({ unit: alnum, minLength: 12, maxLength: 12 }),
  )
  .map(([cc, rest]) => `${cc}${rest}`);

// Published worked examples, as collected in the roaming-domain notes §3.3: eMI3 paper (DE83DUIEN83QGZ),
// eMI3 part 2 (DE8AACA2B3C4D5), mobilityid (NLTNM000122045), GIREVE via citrineos (FRXYZ123456789),
// citrineos regression (NL123C10028948).
const NOTES_VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['DE83DUIEN83QGZ', 'D'],
  ['DE8AACA2B3C4D5', 'L'],
  ['NLTNM000122045', 'U'],
  ['FRXYZ123456789', '2'],
  ['NL123C10028948', 'M'],
];
// The further vectors of ShellRechargeSolutionsEU/mobilityid CheckDigitSpec and ContractIdSpec.
const MOBILITYID_VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['NN123ABCDEFGHI', 'T'],
  ['ITA1B2C3E4F5G6', '4'],
  ['ESZU8WOX834H1D', 'R'],
  ['PT73902837ABCZ', 'Z'],
  ['DE83DUIEN83ZGQ', 'M'],
  ['DE8AA001234567', '0'],
  ['NLTNM000722345', 'X'],
  ['NLTNMC00122045', 'K'],
];

describe('computeEmaidCheckDigit', () => {
  it.each([...NOTES_VECTORS, ...MOBILITYID_VECTORS])('gives %s the check digit %s', (emaid, check) => {
    expect(computeEmaidCheckDigit(emaid)).toBe(check);
    expect(computeEmaidCheckDigit(emaid.toLowerCase())).toBe(check);
    expect(verifyEmaidCheckDigit(`${emaid}${check}`)).toBe(true);
  });

  it('accepts the hyphenated form', () => {
    expect(computeEmaidCheckDigit('DE-8AA-CA2B3C4D5')).toBe('L');
  });

  it('refuses an eMAID that already carries a check digit', () => {
    const error = identifierErrorOf(() => computeEmaidCheckDigit('DE8AACA2B3C4D5L'));
    expect(error.part).toBe('checkDigit');
    expect(error.message).toContain('already has a check digit');
  });

  it('produces a check digit that always verifies', () => {
    fc.assert(
      fc.property(base, (b) => {
        expect(verifyEmaidCheckDigit(`${b}${computeEmaidCheckDigit(b)}`)).toBe(true);
      }),
    );
  });

  it('detects every change of a single character, check digit included', () => {
    fc.assert(
      fc.property(base, fc.nat(14), alnum, (b, at, replacement) => {
        const full = `${b}${computeEmaidCheckDigit(b)}`;
        // The country code must stay letters, or the parser rejects the structure before the check digit.
        const char = at < 2 ? replacement.replace(/\d/, 'Q') : replacement;
        fc.pre(char !== full[at]);
        expect(verifyEmaidCheckDigit(`${full.slice(0, at)}${char}${full.slice(at + 1)}`)).toBe(false);
      }),
    );
  });

  it('detects every swap of two different neighbouring characters', () => {
    // Follows from the algorithm: neighbours are weighted Pⁱ and Pⁱ⁺¹, and I − P is invertible over GF(2) and GF(3).
    fc.assert(
      fc.property(base, fc.integer({ min: 2, max: 13 }), (b, at) => {
        const full = `${b}${computeEmaidCheckDigit(b)}`;
        fc.pre(full[at] !== full[at + 1]);
        const swapped = `${full.slice(0, at)}${full[at + 1]}${full[at]}${full.slice(at + 2)}`;
        expect(verifyEmaidCheckDigit(swapped)).toBe(false);
      }),
    );
  });
});

describe('verifyEmaidCheckDigit', () => {
  it('is false for a wrong or a missing check digit', () => {
    expect(verifyEmaidCheckDigit('DE-8AA-CA2B3C4D5-L')).toBe(true);
    expect(verifyEmaidCheckDigit('DE-8AA-CA2B3C4D5-N')).toBe(false);
    expect(verifyEmaidCheckDigit('DE-8AA-CA2B3C4D5')).toBe(false);
  });
});

describe('parseEmaid', () => {
  it('reads all four spellings of one contract the same way', () => {
    const expected = { emaid: 'NLTNMC00122045K', countryCode: 'NL', providerCode: 'TNM', instance: 'C00122045', checkDigit: 'K' };
    expect(parseEmaid('NL-TNM-C00122045-K')).toEqual(expected);
    expect(parseEmaid('nl-tnm-c00122045-k')).toEqual(expected);
    expect(parseEmaid('NLTNMC00122045K')).toEqual(expected);
    expect(parseEmaid('nLtNmC00122045k')).toEqual(expected);
    expect(parseEmaid('NL-TNM-C00122045')).toEqual({ ...expected, emaid: 'NLTNMC00122045', checkDigit: null });
  });

  it('accepts an instance not starting with C: eMI3 only recommends it', () => {
    expect(parseEmaid('NL-TNM-000122045-U').instance).toBe('000122045');
  });

  it('says which check digit was expected (OCHP prints DE8AACA2B3C4D5N as an example; the algorithm gives L)', () => {
    const error = identifierErrorOf(() => parseEmaid('DE8AACA2B3C4D5N'));
    expect(error.part).toBe('checkDigit');
    expect(error.message).toBe('Invalid contract ID "DE8AACA2B3C4D5N": check digit is "N" but DE8AACA2B3C4D5 requires "L"');
  });

  it('can require the check digit', () => {
    const error = identifierErrorOf(() => parseEmaid('DE-8AA-CA2B3C4D5', { requireCheckDigit: true }));
    expect(error.part).toBe('checkDigit');
    expect(error.message).toContain('check digit is missing (for DE8AACA2B3C4D5 it is "L")');
    expect(parseEmaid('DE-8AA-CA2B3C4D5-L', { requireCheckDigit: true }).checkDigit).toBe('L');
  });

  it('names the part that is malformed', () => {
    for (const [input, part, words] of [
      ['N1-TNM-C00122045-K', 'countryCode', 'country code must be 2 letters'],
      ['NL-TN-C00122045-K', 'providerId', 'provider id must be 3 letters or digits, got "TN"'],
      ['NL-T_M-C00122045-K', 'providerId', 'got "T_M"'],
      ['NL-TNM-C0012204-K', 'instance', 'instance must be 9 letters or digits, got "C0012204"'],
      ['NL-TNM-C00122045-', 'checkDigit', 'check digit must be 1 letter or digit, got ""'],
      ['NL-TNM-C00122045-KK', 'checkDigit', 'got "KK"'],
      ['NL-TNMC00122045K', 'separator', 'put "-" between every part or nowhere'],
      ['NL-TNM-C00-122045-K', 'separator', 'put "-"'],
      ['NLTNMC001220', 'length', 'must be 14 characters without hyphens, or 15 with the check digit, got 12'],
      ['NLTNMC0012204500', 'length', 'got 16'],
    ] as const) {
      const error = identifierErrorOf(() => parseEmaid(input));
      expect(error.part, input).toBe(part);
      expect(error.message, input).toContain(words);
    }
  });

  it('refuses the OCHP example DE-8AC-C12E456L89-Y: its instance has 10 characters', () => {
    expect(identifierErrorOf(() => parseEmaid('DE-8AC-C12E456L89-Y')).part).toBe('instance');
    expect(identifierErrorOf(() => parseEmaid('DE8ACC12E456L89Y')).part).toBe('length');
  });

  it('points DIN SPEC 91286 contract IDs to emaidFromDin', () => {
    expect(identifierErrorOf(() => parseEmaid('NL-TNM-012204-5')).message).toContain('emaidFromDin');
    expect(identifierErrorOf(() => parseEmaid('NLTNM0122045')).message).toContain('emaidFromDin');
  });
});

describe('isEmaid', () => {
  it('answers without throwing', () => {
    expect(isEmaid('NL-TNM-000122045-U')).toBe(true);
    expect(isEmaid('NL-TNM-000122045-X')).toBe(false);
    expect(isEmaid('NL-TNM-000122045', { requireCheckDigit: true })).toBe(false);
  });
});

describe('normalizeEmaid and formatEmaid', () => {
  it('normalises to upper case without hyphens, keeping the check digit only if given', () => {
    expect(normalizeEmaid('nl-tnm-000722345-x')).toBe('NLTNM000722345X');
    expect(normalizeEmaid('nl-tnm-000722345')).toBe('NLTNM000722345');
  });

  it('formats hyphenated or compact', () => {
    expect(formatEmaid(parseEmaid('nltnm000722345x'))).toBe('NL-TNM-000722345-X');
    expect(formatEmaid(parseEmaid('nltnm000722345'))).toBe('NL-TNM-000722345');
    expect(formatEmaid(parseEmaid('NL-TNM-000722345-X'), 'compact')).toBe('NLTNM000722345X');
  });

  it('normalise is idempotent and formatting round-trips', () => {
    fc.assert(
      fc.property(base, fc.boolean(), (b, withCheck) => {
        const text = withCheck ? `${b}${computeEmaidCheckDigit(b)}` : b;
        const once = normalizeEmaid(text.toLowerCase());
        expect(normalizeEmaid(once)).toBe(once);
        expect(normalizeEmaid(formatEmaid(parseEmaid(once)))).toBe(once);
      }),
    );
  });
});

describe('withCheckDigit', () => {
  it('adds the missing check digit and keeps a correct one', () => {
    expect(withCheckDigit('NL-TNM-000722345').emaid).toBe('NLTNM000722345X');
    expect(withCheckDigit('NL-TNM-000722345').checkDigit).toBe('X');
    expect(withCheckDigit('NLTNM000722345X').emaid).toBe('NLTNM000722345X');
    expect(identifierErrorOf(() => withCheckDigit('NLTNM000722345Y')).part).toBe('checkDigit');
  });
});

describe('sameEmaid', () => {
  it('ignores case, hyphens and whether the check digit is written', () => {
    expect(sameEmaid('NL-TNM-000122045-U', 'nltnm000122045')).toBe(true);
    expect(sameEmaid('NLTNM012345678', 'NLTNM876543210')).toBe(false);
  });

  it('throws on a wrong check digit instead of matching it', () => {
    expect(identifierErrorOf(() => sameEmaid('NL-TNM-000122045-X', 'NLTNM000122045')).part).toBe('checkDigit');
  });
});
