import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evseIdFromDin,
  evseIdMatchKey,
  isEvseId,
  normalizeEvseId,
  parseEvseId,
  sameEvseId,
} from '../../src/ids/evse-id.js';
import { identifierErrorOf } from './identifier-error-helper.js';

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const alnum = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const word = (max: number) => fc.string({ unit: alnum, minLength: 1, maxLength: max });

/** Valid EVSE IDs in every spelling: each optional "*" present or not, any case. */
const evseIdText = fc
  .record({
    cc: fc.string({ unit: letter, minLength: 2, maxLength: 2 }),
    op: fc.string({ unit: alnum, minLength: 3, maxLength: 3 }),
    outlet: fc.array(word(6), { minLength: 1, maxLength: 4 }),
    sep1: fc.boolean(),
    sep2: fc.boolean(),
    e: fc.constantFrom('E', 'e'),
  })
  .map(({ cc, op, outlet, sep1, sep2, e }) => `${cc}${sep1 ? '*' : ''}${op}${sep2 ? '*' : ''}${e}${outlet.join('*')}`);

describe('parseEvseId', () => {
  it('splits an EVSE ID into country, operator, station and outlet', () => {
    expect(parseEvseId('NL*ABC*E12345*1')).toEqual({
      evseId: 'NL*ABC*E12345*1',
      countryCode: 'NL',
      operatorId: 'NL*ABC',
      operatorCode: 'ABC',
      powerOutletId: '12345*1',
      station: '12345',
      outlet: '1',
    });
  });

  it('reads the OICP examples DE*AB7*E840*6487 and DEAB7E8406487', () => {
    expect(parseEvseId('DE*AB7*E840*6487')).toMatchObject({ operatorId: 'DE*AB7', station: '840', outlet: '6487' });
    expect(parseEvseId('DEAB7E8406487')).toMatchObject({
      evseId: 'DE*AB7*E8406487',
      powerOutletId: '8406487',
      station: '8406487',
      outlet: null,
    });
  });

  it('takes the last "*" as the station/outlet boundary (OCHP example FR*A23*E45B*78C)', () => {
    expect(parseEvseId('FR*A23*E45B*78C')).toMatchObject({ station: '45B', outlet: '78C' });
    expect(parseEvseId('DE*ABC*E1*2*3')).toMatchObject({ station: '1*2', outlet: '3' });
  });

  it('names the country code', () => {
    const error = identifierErrorOf(() => parseEvseId('N1*ABC*E1'));
    expect(error.part).toBe('countryCode');
    expect(error.message).toBe('Invalid EVSE ID "N1*ABC*E1": country code must be 2 letters (ISO 3166-1 alpha-2), got "N1"');
  });

  it('names the operator id', () => {
    const error = identifierErrorOf(() => parseEvseId('NL*AB*E12345'));
    expect(error.part).toBe('operatorId');
    expect(error.message).toContain('operator id must be 3 letters or digits, got "AB*"');
  });

  it('insists on the "E" that marks an EVSE, and says what a "P" is', () => {
    const missing = identifierErrorOf(() => parseEvseId('NL*ABC*12345'));
    expect(missing.part).toBe('idType');
    expect(missing.message).toContain('expected "E" after the operator id, got "1"');
    const pool = identifierErrorOf(() => parseEvseId('IT*123*P456*AB789'));
    expect(pool.part).toBe('idType');
    expect(pool.message).toContain('charging pool ID');
    expect(identifierErrorOf(() => parseEvseId('NL*ABC')).part).toBe('idType');
  });

  it('names the power outlet id when it is missing, has bad characters or empty parts', () => {
    for (const [input, words] of [
      ['NL*ABC*E', 'missing'],
      ['NL*ABC*E12-3', 'got "-"'],
      ['NL*ABC*E12 3', 'got " "'],
      ['NL*ABC*E*12', 'must start with a letter or digit'],
      ['NL*ABC*E12**3', 'empty part'],
      ['NL*ABC*E123*', 'empty part'],
    ] as const) {
      const error = identifierErrorOf(() => parseEvseId(input));
      expect(error.part, input).toBe('powerOutletId');
      expect(error.message, input).toContain(words);
    }
  });

  it('allows a power outlet id of 31 characters and no more (ISO 15118-2 Annex H)', () => {
    expect(parseEvseId(`DE*ABC*E${'1'.repeat(31)}`).powerOutletId).toHaveLength(31);
    const error = identifierErrorOf(() => parseEvseId(`DE*ABC*E${'1'.repeat(32)}`));
    expect(error.part).toBe('powerOutletId');
    expect(error.message).toContain('is 32 characters; ISO 15118-2 allows at most 31');
  });

  it('refuses more than the 48 characters of OCPI evse_id, and the empty string', () => {
    const error = identifierErrorOf(() => parseEvseId(`DE*ABC*E${'1*'.repeat(20)}1`));
    expect(error.part).toBe('length');
    expect(error.message).toContain('is 49 characters; OCPI evse_id holds at most 48');
    expect(identifierErrorOf(() => parseEvseId('')).part).toBe('length');
  });

  it('points DIN SPEC 91286 IDs to evseIdFromDin', () => {
    const error = identifierErrorOf(() => parseEvseId('+49*810*000*438'));
    expect(error.part).toBe('countryCode');
    expect(error.message).toContain('evseIdFromDin');
  });
});

describe('isEvseId', () => {
  it('answers without throwing', () => {
    expect(isEvseId('DE*AB7*E840*6487')).toBe(true);
    expect(isEvseId('DE*AB7*840*6487')).toBe(false);
  });
});

describe('normalizeEvseId', () => {
  it('upper-cases and puts in the two separators around the operator', () => {
    expect(normalizeEvseId('nlabce12345*1')).toBe('NL*ABC*E12345*1');
    expect(normalizeEvseId('NL*ABCe12345')).toBe('NL*ABC*E12345');
  });

  it('is idempotent and agrees on every spelling of one ID', () => {
    fc.assert(
      fc.property(evseIdText, (text) => {
        const once = normalizeEvseId(text);
        expect(normalizeEvseId(once)).toBe(once);
        expect(normalizeEvseId(text.toLowerCase())).toBe(once);
        expect(normalizeEvseId(once.replace('*', ''))).toBe(once);
      }),
    );
  });
});

describe('sameEvseId / evseIdMatchKey', () => {
  it('matches regardless of case and of where the "*" separators are', () => {
    expect(evseIdMatchKey('de*ab7*e840*6487')).toBe('DEAB7E8406487');
    expect(sameEvseId('DE*AB7*E840*6487', 'deab7e8406487')).toBe(true);
    expect(sameEvseId('DE*AB7*E840*6487', 'DE*AB7*E840*6488')).toBe(false);
  });

  it('holds for every spelling the parser accepts', () => {
    fc.assert(
      fc.property(evseIdText, (text) => {
        expect(sameEvseId(text, normalizeEvseId(text).replaceAll('*', '').toLowerCase())).toBe(true);
      }),
    );
  });

  it('throws on something that is not an EVSE ID rather than answering false', () => {
    expect(identifierErrorOf(() => sameEvseId('DE*AB7*E840', 'hello')).kind).toBe('EVSE ID');
  });
});

describe('evseIdFromDin', () => {
  it('maps +49 to DE and inserts the E (OCHP 1.4 example)', () => {
    expect(evseIdFromDin('+49*823*1234*5678').evseId).toBe('DE*823*E1234*5678');
    expect(evseIdFromDin('+49*810*000*438').evseId).toBe('DE*810*E000*438');
    expect(evseIdFromDin('49*810*000*438').evseId).toBe('DE*810*E000*438');
  });

  it('asks for the country code of any other calling code, and uses it when given', () => {
    const error = identifierErrorOf(() => evseIdFromDin('+45*045*010*0796296'));
    expect(error.part).toBe('countryCode');
    expect(error.message).toContain('no known ISO country for calling code +45');
    expect(evseIdFromDin('+45*045*010*0796296', 'dk').evseId).toBe('DK*045*E010*0796296');
  });

  it('names the part that is not DIN-shaped', () => {
    expect(identifierErrorOf(() => evseIdFromDin('+49-810-000')).part).toBe('separator');
    expect(identifierErrorOf(() => evseIdFromDin('+4900*810*000')).part).toBe('countryCode');
    expect(identifierErrorOf(() => evseIdFromDin('+49*8A0*000')).part).toBe('operatorId');
    const outlet = identifierErrorOf(() => evseIdFromDin('+49*810*0A96296'));
    expect(outlet.part).toBe('powerOutletId');
    expect(outlet.kind).toBe('DIN EVSE ID');
  });
});
