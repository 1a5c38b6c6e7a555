import { describe, expect, it } from 'vitest';
import { completeToken } from '../../src/emsp/tokens/token-input.js';
import { OcpiError } from '../../src/ocpi/ocpi-error.js';
import { CONTRACT, EMSP } from './support.js';

const NOW = new Date('2026-02-01T08:00:00Z');

function refusal(input: unknown, root = ''): string {
  try {
    completeToken(EMSP, input, NOW, root);
  } catch (error) {
    if (error instanceof OcpiError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('issuing a token from what an operator gives', () => {
  it('normalises an RFID uid written with separators and lower case to upper-case hex', () => {
    const { token } = completeToken(EMSP, { uid: '04:a2:b3:c4', contract_id: CONTRACT }, NOW);
    expect(token.uid).toBe('04A2B3C4');
    expect(token).toMatchObject({ country_code: 'DE', party_id: 'MSP', type: 'RFID', issuer: 'Test eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-02-01T08:00:00.000Z' });
  });

  it('refuses RFID uids that are not whole bytes of a valid UID length, naming the field', () => {
    expect(refusal({ uid: '04A2B3', contract_id: CONTRACT })).toMatch(/^Invalid field uid: .*3 bytes/);
    expect(refusal({ uid: '04A2B3C4G1', contract_id: CONTRACT })).toMatch(/^Invalid field uid: .*hex digits/);
  });

  it('refuses an eMAID whose check digit is wrong and says which one it should be', () => {
    expect(refusal({ uid: '04A2B3C4', contract_id: 'DE-8AA-CA2B3C4D5-N' })).toMatch(/^Invalid field contract_id: .*check digit is "N" but DE8AACA2B3C4D5 requires "L"/);
    expect(refusal({ uid: '04A2B3C4', contract_id: 'DE8AACA2B3C4D5N' }, '[1]')).toMatch(/^Invalid field \[1\]\.contract_id:/);
  });

  it('accepts an eMAID without a check digit (optional in ISO 15118-2) and keeps it as written', () => {
    expect(completeToken(EMSP, { uid: '04A2B3C4', contract_id: 'de-8aa-ca2b3c4d5' }, NOW).token.contract_id).toBe('de-8aa-ca2b3c4d5');
  });

  it('generates the uid of app and ad-hoc tokens and whitelists them NEVER, as the spec recommends', () => {
    const app = completeToken(EMSP, { type: 'APP_USER', contract_id: CONTRACT }, NOW).token;
    expect(app.uid).toMatch(/^[0-9A-F-]{36}$/);
    expect(app.whitelist).toBe('NEVER');
    expect(completeToken(EMSP, { type: 'AD_HOC_USER', uid: 'session-42', contract_id: CONTRACT }, NOW).token.uid).toBe('SESSION-42');
  });

  it('refuses a token for another party and a missing contract_id', () => {
    expect(refusal({ uid: '04A2B3C4', contract_id: CONTRACT, party_id: 'XYZ' })).toMatch(/^Invalid field party_id: the token belongs to DE-MSP/);
    expect(refusal({ uid: '04A2B3C4' })).toMatch(/^Invalid field contract_id/);
  });

  it('keeps the block reason of a token issued invalid, BLOCKED by default', () => {
    expect(completeToken(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT, valid: false }, NOW).blockReason).toBe('BLOCKED');
    expect(completeToken(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT, valid: false, block_reason: 'EXPIRED' }, NOW).blockReason).toBe('EXPIRED');
    expect(refusal({ uid: '04A2B3C4', contract_id: CONTRACT, valid: false, block_reason: 'LOST' })).toMatch(/^Invalid field block_reason/);
  });

  it('reads charge_at restrictions to CPOs and locations, upper case, and names a bad entry', () => {
    expect(completeToken(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT, charge_at: ['nl-cpo', 'BE-ABC/loc-1'] }, NOW).chargeAt).toEqual(['NL-CPO', 'BE-ABC/LOC-1']);
    expect(refusal({ uid: '04A2B3C4', contract_id: CONTRACT, charge_at: ['NL-CPO', 'NOPE'] })).toMatch(/^Invalid field charge_at\[1\]:/);
  });
});
