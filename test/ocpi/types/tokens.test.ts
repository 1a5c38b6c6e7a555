import { describe, it } from 'vitest';
import { AuthorizationInfo, LocationReferences, Token, TokenPatch } from '../../../src/ocpi/types/tokens.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const token = fixture('token');

describe('Token', () => {
  it('accepts our full RFID token and a minimal app token', () => {
    expectValid(Token, token);
    expectValid(Token, {
      country_code: 'NL',
      party_id: 'EVM',
      uid: 'APP-8c1d2e3f-4a5b-6c7d',
      type: 'APP_USER',
      contract_id: 'NL-EVM-C00098765-2',
      issuer: 'EV Roam Mobility',
      valid: true,
      whitelist: 'NEVER',
      last_updated: '2024-01-10T09:00:00.5',
    });
  });

  it('tolerates unknown fields', () => {
    expectValid(Token, withField(token, 'vehicle_plate', 'AB-123-C'));
  });

  it('accepts an unknown token type such as 2.3.0 EMAID', () => {
    expectValid(Token, withField(token, 'type', 'EMAID'));
  });

  it.each([
    ['whitelist', 'SOMETIMES'],
    ['default_profile_type', 'ECO'],
  ])('rejects an unknown value of the closed enum %s', (path, value) => {
    expectRejected(Token, withField(token, path, value), path);
  });

  it.each(['country_code', 'party_id', 'uid', 'type', 'contract_id', 'issuer', 'valid', 'whitelist', 'last_updated', 'energy_contract.supplier_name'])(
    'rejects a missing %s',
    (path) => {
      expectRejected(Token, withField(token, path, REMOVE), path);
    },
  );

  it.each([
    ['uid', ofLength(37)],
    ['contract_id', ofLength(37)],
    ['group_id', ofLength(37)],
    ['visual_number', ofLength(65)],
    ['issuer', ofLength(65)],
    ['energy_contract.contract_id', ofLength(65)],
  ])('rejects an over-long %s', (path, value) => {
    expectRejected(Token, withField(token, path, value), path);
  });

  it.each([
    ['valid', 'true'],
    ['party_id', 'MS'],
    ['country_code', 'DEU'],
    ['language', 'deu'],
    ['last_updated', '2024-03-01T13:00:00+01:00'],
  ])('rejects a wrong %s', (path, value) => {
    expectRejected(Token, withField(token, path, value), path);
  });
});

describe('TokenPatch', () => {
  it('accepts a partial token with last_updated', () => {
    expectValid(TokenPatch, fixture('token_patch'));
  });

  it('requires last_updated', () => {
    expectRejected(TokenPatch, withField(fixture('token_patch'), 'last_updated', REMOVE), 'last_updated');
    expectRejected(TokenPatch, { valid: false }, 'last_updated');
  });

  it('checks the fields it carries', () => {
    expectRejected(TokenPatch, withField(fixture('token_patch'), 'whitelist', 'MAYBE'), 'whitelist');
  });
});

describe('real-time authorization', () => {
  it('accepts LocationReferences and AuthorizationInfo', () => {
    expectValid(LocationReferences, { location_id: 'LOC-UTR-0042' });
    expectValid(AuthorizationInfo, fixture('authorization_info'));
  });

  it('names fields inside the embedded token', () => {
    expectRejected(AuthorizationInfo, withField(fixture('authorization_info'), 'token.uid', ofLength(37)), 'token.uid');
    expectRejected(AuthorizationInfo, withField(fixture('authorization_info'), 'location.evse_uids[0]', ofLength(37)), 'location.evse_uids[0]');
  });

  it('rejects an unknown AllowedType', () => {
    expectRejected(AuthorizationInfo, withField(fixture('authorization_info'), 'allowed', 'MAYBE'), 'allowed');
  });
});
