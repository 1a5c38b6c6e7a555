import { describe, it } from 'vitest';
import { Credentials } from '../../../src/ocpi/types/credentials.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const credentials = fixture('credentials');

describe('Credentials', () => {
  it('accepts our two-role platform credentials', () => {
    expectValid(Credentials, credentials);
  });

  it('tolerates unknown fields such as 2.3.0 hub_party_id', () => {
    expectValid(Credentials, withField(credentials, 'hub_party_id', 'NLHUB'));
  });

  it('accepts an unknown image category in a logo', () => {
    expectValid(Credentials, withField(credentials, 'roles[0].business_details.logo.category', 'BRAND'));
  });

  it('rejects an unknown role (Role is closed)', () => {
    expectRejected(Credentials, withField(credentials, 'roles[1].role', 'PTP'), 'roles[1].role');
  });

  it.each(['token', 'url', 'roles', 'roles[0].business_details', 'roles[0].party_id', 'roles[1].country_code', 'roles[1].business_details.name'])(
    'rejects a missing %s',
    (path) => {
      expectRejected(Credentials, withField(credentials, path, REMOVE), path);
    },
  );

  it.each([
    ['token', ofLength(65)],
    ['roles[0].party_id', 'EVRX'],
    ['roles[0].country_code', 'NLD'],
    ['roles[0].business_details.name', ofLength(101)],
    ['roles', []],
    ['roles[0].business_details.logo.width', 'wide'],
  ])('rejects a wrong %s', (path, value) => {
    expectRejected(Credentials, withField(credentials, path, value), path);
  });
});
