import { describe, it } from 'vitest';
import { ClientInfo } from '../../../src/ocpi/types/hubclientinfo.js';
import { expectRejected, expectValid, fixture, REMOVE, withField } from './helpers.js';

const clientInfo = fixture('client_info');

describe('ClientInfo', () => {
  it('accepts our example and unknown fields', () => {
    expectValid(ClientInfo, clientInfo);
    expectValid(ClientInfo, withField(clientInfo, 'display_name', 'Acme Charging'));
  });

  it.each(['party_id', 'country_code', 'role', 'status', 'last_updated'])('rejects a missing %s', (path) => {
    expectRejected(ClientInfo, withField(clientInfo, path, REMOVE), path);
  });

  it.each([
    ['status', 'ONLINE'],
    ['role', 'eMSP'],
    ['party_id', 'AB'],
    ['last_updated', '2024-04-01T02:00:00+02:00'],
  ])('rejects a wrong %s', (path, value) => {
    expectRejected(ClientInfo, withField(clientInfo, path, value), path);
  });
});
