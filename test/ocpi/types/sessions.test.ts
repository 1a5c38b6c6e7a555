import { describe, it } from 'vitest';
import { dropNullFields } from '../../../src/ocpi/types/common.js';
import { ChargingPreferences, ChargingPreferencesResponse, Session, SessionPatch } from '../../../src/ocpi/types/sessions.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const session = fixture('session');

describe('Session', () => {
  it('accepts our completed session', () => {
    expectValid(Session, session);
  });

  it('accepts a pending reservation without EVSE (#NA) and without cost', () => {
    let pending = withField(session, 'status', 'RESERVATION');
    pending = withField(pending, 'evse_uid', '#NA');
    pending = withField(pending, 'connector_id', '#NA');
    pending = withField(pending, 'charging_periods', REMOVE);
    pending = withField(pending, 'total_cost', REMOVE);
    pending = withField(pending, 'end_date_time', REMOVE);
    expectValid(Session, pending);
  });

  it('tolerates unknown fields and accepts an unknown token type', () => {
    expectValid(Session, withField(withField(session, 'cdr_token.type', 'EMAID'), 'vendor_session_ref', 'x'));
  });

  it.each([
    ['status', 'RESERVED'],
    ['auth_method', 'APP'],
    ['charging_periods[0].dimensions[0].type', 'KWH'],
  ])('rejects an unknown value of the closed enum in %s', (path, value) => {
    expectRejected(Session, withField(session, path, value), path);
  });

  it.each([
    'country_code',
    'party_id',
    'id',
    'start_date_time',
    'kwh',
    'cdr_token',
    'cdr_token.contract_id',
    'auth_method',
    'location_id',
    'evse_uid',
    'connector_id',
    'currency',
    'status',
    'last_updated',
    'charging_periods[0].dimensions',
    'charging_periods[1].dimensions[0].volume',
  ])('rejects a missing %s', (path) => {
    expectRejected(Session, withField(session, path, REMOVE), path);
  });

  it.each([
    ['id', ofLength(37)],
    ['cdr_token.uid', ofLength(37)],
    ['authorization_reference', ofLength(37)],
    ['meter_id', ofLength(256)],
    ['charging_periods[0].tariff_id', ofLength(37)],
  ])('rejects an over-long %s', (path, value) => {
    expectRejected(Session, withField(session, path, value), path);
  });

  it.each([
    ['kwh', '38.214'],
    ['total_cost', 18.98],
    ['charging_periods[1].start_date_time', '2024-04-02T12:20:00+02:00'],
    ['end_date_time', 'now'],
    ['charging_periods[0].dimensions', []],
  ])('rejects a wrong %s', (path, value) => {
    expectRejected(Session, withField(session, path, value), path);
  });
});

describe('SessionPatch', () => {
  it('accepts appended charging periods with last_updated', () => {
    expectValid(SessionPatch, fixture('session_patch'));
    expectValid(SessionPatch, { status: 'COMPLETED', end_date_time: '2024-04-02T10:41:27Z', last_updated: '2024-04-02T10:41:28Z' });
  });

  it('requires last_updated', () => {
    expectRejected(SessionPatch, withField(fixture('session_patch'), 'last_updated', REMOVE), 'last_updated');
  });

  it('a null optional field in a PATCH is dropped, a null last_updated still fails', () => {
    expectValid(SessionPatch, dropNullFields({ total_cost: null, last_updated: '2024-04-02T10:20:00Z' }));
    expectRejected(SessionPatch, dropNullFields({ kwh: 3, last_updated: null }), 'last_updated');
  });

  it('checks the periods it carries', () => {
    expectRejected(SessionPatch, withField(fixture('session_patch'), 'charging_periods[0].dimensions[1].volume', 'high'), 'charging_periods[0].dimensions[1].volume');
  });
});

describe('charging preferences', () => {
  it('accepts ChargingPreferences', () => {
    expectValid(ChargingPreferences, fixture('charging_preferences'));
    expectValid(ChargingPreferences, { profile_type: 'FAST' });
  });

  it('rejects an unknown profile type and a missing one', () => {
    expectRejected(ChargingPreferences, { profile_type: 'ECO' }, 'profile_type');
    expectRejected(ChargingPreferences, { energy_need: 20 }, 'profile_type');
  });

  it('ChargingPreferencesResponse is closed', () => {
    expectValid(ChargingPreferencesResponse, 'DEPARTURE_REQUIRED');
    expectRejected(ChargingPreferencesResponse, 'MAYBE', '(body)');
  });
});
