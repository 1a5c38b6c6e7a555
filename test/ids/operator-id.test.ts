import { describe, expect, it } from 'vitest';
import { parseOperatorId } from '../../src/ids/operator-id.js';
import { identifierErrorOf } from './identifier-error-helper.js';

describe('parseOperatorId', () => {
  it('reads the OICP examples with and without "*"', () => {
    expect(parseOperatorId('DE*A36')).toEqual({ operatorId: 'DE*A36', countryCode: 'DE', operatorCode: 'A36' });
    expect(parseOperatorId('DEA36').operatorId).toBe('DE*A36');
    expect(parseOperatorId('nl*abc').operatorId).toBe('NL*ABC');
  });

  it('names the operator id when it is too short', () => {
    const error = identifierErrorOf(() => parseOperatorId('NL*AB'));
    expect(error.part).toBe('operatorId');
    expect(error.message).toBe('Invalid operator ID "NL*AB": operator id must be 3 letters or digits, got "AB"');
  });

  it('names the country code of a DIN-style +49*536', () => {
    expect(identifierErrorOf(() => parseOperatorId('+49*536')).part).toBe('countryCode');
  });

  it('refuses anything after the operator code, including a dangling "*"', () => {
    const error = identifierErrorOf(() => parseOperatorId('NL*ABC*E1'));
    expect(error.part).toBe('length');
    expect(error.message).toContain('"E1" follows them');
    expect(identifierErrorOf(() => parseOperatorId('NL*ABC*')).message).toContain('"*" follows them');
  });
});
