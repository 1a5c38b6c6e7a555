import { describe, it } from 'vitest';
import {
  ActiveChargingProfileResult,
  ChargingProfileResponse,
  ChargingProfileResult,
  ClearProfileResult,
  SetChargingProfile,
} from '../../../src/ocpi/types/chargingprofiles.js';
import { expectRejected, expectValid, fixture, REMOVE, withField } from './helpers.js';

describe('charging profiles', () => {
  it('accepts our examples', () => {
    expectValid(SetChargingProfile, fixture('set_charging_profile'));
    expectValid(ActiveChargingProfileResult, fixture('active_charging_profile_result'));
    expectValid(ActiveChargingProfileResult, { result: 'UNKNOWN' });
    expectValid(ChargingProfileResponse, fixture('charging_profile_response'));
    expectValid(ChargingProfileResult, { result: 'REJECTED' });
    expectValid(ClearProfileResult, { result: 'ACCEPTED' });
  });

  it('tolerates unknown fields', () => {
    expectValid(SetChargingProfile, withField(fixture('set_charging_profile'), 'charging_profile.purpose', 'TX_PROFILE'));
  });

  it.each([
    ['charging_profile.charging_rate_unit', REMOVE],
    ['charging_profile.charging_rate_unit', 'kW'],
    ['charging_profile.charging_profile_period[1].start_period', 3600.5],
    ['charging_profile.charging_profile_period[2].limit', REMOVE],
    ['charging_profile.start_date_time', '2024-04-02 17:00'],
    ['response_url', REMOVE],
  ])('rejects a wrong or missing %s', (path, value) => {
    expectRejected(SetChargingProfile, withField(fixture('set_charging_profile'), path, value), path);
  });

  it('keeps the response and result enums closed', () => {
    expectRejected(ChargingProfileResponse, { result: 'LATER', timeout: 10 }, 'result');
    expectRejected(ChargingProfileResponse, { result: 'ACCEPTED' }, 'timeout');
    expectRejected(ActiveChargingProfileResult, withField(fixture('active_charging_profile_result'), 'result', 'OK'), 'result');
    expectRejected(
      ActiveChargingProfileResult,
      withField(fixture('active_charging_profile_result'), 'profile.start_date_time', REMOVE),
      'profile.start_date_time',
    );
  });
});
