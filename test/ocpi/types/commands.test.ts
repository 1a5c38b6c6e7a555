import { describe, it } from 'vitest';
import {
  CancelReservation,
  CommandResponse,
  CommandResult,
  CommandType,
  ReserveNow,
  StartSession,
  StopSession,
  UnlockConnector,
} from '../../../src/ocpi/types/commands.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

describe('command requests', () => {
  it('accepts our example of every command', () => {
    expectValid(StartSession, fixture('command_start_session'));
    expectValid(StopSession, fixture('command_stop_session'));
    expectValid(ReserveNow, fixture('command_reserve_now'));
    expectValid(CancelReservation, fixture('command_cancel_reservation'));
    expectValid(UnlockConnector, fixture('command_unlock_connector'));
  });

  it('accepts an unknown command type, e.g. a custom or later-version command', () => {
    expectValid(CommandType, 'SET_CHARGING_LIMIT');
  });

  it('tolerates unknown fields', () => {
    expectValid(StartSession, withField(fixture('command_start_session'), 'charging_preferences', { profile_type: 'FAST' }));
  });

  it.each([
    [StartSession, 'command_start_session', 'response_url'],
    [StartSession, 'command_start_session', 'token'],
    [StartSession, 'command_start_session', 'location_id'],
    [StartSession, 'command_start_session', 'token.whitelist'],
    [StopSession, 'command_stop_session', 'session_id'],
    [ReserveNow, 'command_reserve_now', 'expiry_date'],
    [ReserveNow, 'command_reserve_now', 'reservation_id'],
    [CancelReservation, 'command_cancel_reservation', 'reservation_id'],
    [UnlockConnector, 'command_unlock_connector', 'evse_uid'],
    [UnlockConnector, 'command_unlock_connector', 'connector_id'],
  ] as const)('rejects a missing field (%#: %s)', (schema, name, path) => {
    expectRejected(schema, withField(fixture(name), path, REMOVE), path);
  });

  it.each([
    [StartSession, 'command_start_session', 'location_id', ofLength(37)],
    [StartSession, 'command_start_session', 'token.uid', ofLength(37)],
    [StartSession, 'command_start_session', 'response_url', `https://example.com/${ofLength(236)}`],
    [ReserveNow, 'command_reserve_now', 'reservation_id', ofLength(37)],
    [ReserveNow, 'command_reserve_now', 'expiry_date', '2024-04-05T10:45:00+02:00'],
    [StopSession, 'command_stop_session', 'session_id', 42],
  ] as const)('rejects a wrong field (%#: %s)', (schema, name, path, value) => {
    expectRejected(schema, withField(fixture(name), path, value), path);
  });
});

describe('command answers', () => {
  it('accepts CommandResponse and CommandResult', () => {
    expectValid(CommandResponse, fixture('command_response'));
    expectValid(CommandResponse, { result: 'NOT_SUPPORTED', timeout: 0 });
    expectValid(CommandResult, fixture('command_result'));
    expectValid(CommandResult, { result: 'CANCELED_RESERVATION' });
  });

  it('keeps the result enums closed', () => {
    expectRejected(CommandResponse, withField(fixture('command_response'), 'result', 'QUEUED'), 'result');
    expectRejected(CommandResult, withField(fixture('command_result'), 'result', 'CANCELLED_RESERVATION'), 'result');
  });

  it('requires an integer timeout', () => {
    expectRejected(CommandResponse, withField(fixture('command_response'), 'timeout', REMOVE), 'timeout');
    expectRejected(CommandResponse, withField(fixture('command_response'), 'timeout', 30.5), 'timeout');
  });

  it('names the message that is wrong', () => {
    expectRejected(CommandResult, withField(fixture('command_result'), 'message[1].text', ofLength(513)), 'message[1].text');
  });
});
