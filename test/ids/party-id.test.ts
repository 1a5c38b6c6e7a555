import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentifierError } from '../../src/ids/identifier-error.js';
import { formatPartyIdentity, parsePartyIdentity, partyIdentity, samePartyIdentity } from '../../src/ids/party-id.js';
import { identifierErrorOf } from './identifier-error-helper.js';

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const alnum = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const party = fc.tuple(
  fc.string({ unit: letter, minLength: 2, maxLength: 2 }),
  fc.string({ unit: alnum, minLength: 3, maxLength: 3 }),
);

describe('parsePartyIdentity', () => {
  it('reads the dashed and the compact form into the same upper-case identity', () => {
    expect(parsePartyIdentity('NL-CPO')).toEqual({ countryCode: 'NL', partyId: 'CPO' });
    expect(parsePartyIdentity('nlcpo')).toEqual({ countryCode: 'NL', partyId: 'CPO' });
    expect(parsePartyIdentity('De-8aA')).toEqual({ countryCode: 'DE', partyId: '8AA' });
  });

  it('names the country code when it is not two letters', () => {
    const error = identifierErrorOf(() => parsePartyIdentity('N1-CPO'));
    expect(error).toBeInstanceOf(IdentifierError);
    expect(error.part).toBe('countryCode');
    expect(error.message).toBe('Invalid party identity "N1-CPO": country code must be 2 letters (ISO 3166-1 alpha-2), got "N1"');
  });

  it('names the party id when it is not three letters or digits', () => {
    expect(identifierErrorOf(() => parsePartyIdentity('NL-CP')).part).toBe('partyId');
    const error = identifierErrorOf(() => parsePartyIdentity('NLCP_'));
    expect(error.part).toBe('partyId');
    expect(error.message).toBe('Invalid party identity "NLCP_": party id must be 3 letters or digits, got "CP_"');
  });

  it('does not re-split a misplaced dash', () => {
    expect(identifierErrorOf(() => parsePartyIdentity('N-LCPO')).part).toBe('countryCode');
  });

  it('refuses an empty string and extra characters', () => {
    expect(identifierErrorOf(() => parsePartyIdentity('')).part).toBe('countryCode');
    expect(identifierErrorOf(() => parsePartyIdentity('NL-CPO1')).part).toBe('partyId');
  });

  it('round-trips through format for any valid identity', () => {
    fc.assert(
      fc.property(party, ([cc, pid]) => {
        const parsed = parsePartyIdentity(`${cc}${pid}`);
        expect(parsePartyIdentity(formatPartyIdentity(parsed))).toEqual(parsed);
        expect(parsePartyIdentity(formatPartyIdentity(parsed, ''))).toEqual(parsed);
      }),
    );
  });
});

describe('partyIdentity', () => {
  it('validates the two OCPI fields separately', () => {
    expect(partyIdentity('be', 'abc')).toEqual({ countryCode: 'BE', partyId: 'ABC' });
    const error = identifierErrorOf(() => partyIdentity('BEL', 'ABC'));
    expect(error.part).toBe('countryCode');
    expect(error.message).toContain('got "BEL"');
  });
});

describe('formatPartyIdentity', () => {
  it('writes NL-CPO by default and NLCPO (hub_party_id form) on request', () => {
    const p = parsePartyIdentity('nl-cpo');
    expect(formatPartyIdentity(p)).toBe('NL-CPO');
    expect(formatPartyIdentity(p, '')).toBe('NLCPO');
  });
});

describe('samePartyIdentity', () => {
  it('compares like an OCPI CiString: case does not matter', () => {
    expect(samePartyIdentity({ countryCode: 'nl', partyId: 'cpo' }, parsePartyIdentity('NL-CPO'))).toBe(true);
    expect(samePartyIdentity({ countryCode: 'NL', partyId: 'CPO' }, { countryCode: 'NL', partyId: 'CP0' })).toBe(false);
    expect(samePartyIdentity({ countryCode: 'BE', partyId: 'CPO' }, { countryCode: 'NL', partyId: 'CPO' })).toBe(false);
  });

  it('only folds ASCII letters, as CiString is ASCII', () => {
    expect(samePartyIdentity({ countryCode: 'DE', partyId: 'ß1' }, { countryCode: 'DE', partyId: 'SS1' })).toBe(false);
  });
});

describe('IdentifierError', () => {
  it('quotes at most 64 characters of a huge input', () => {
    const error = identifierErrorOf(() => parsePartyIdentity(`1${'x'.repeat(5000)}`));
    expect(error.message.length).toBeLessThan(200);
    expect(error.input).toHaveLength(5001);
    expect(error.name).toBe('IdentifierError');
  });
});
