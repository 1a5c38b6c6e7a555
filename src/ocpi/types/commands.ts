/**
 * Commands module objects (OCPI 2.2.1 "Commands"). The eMSP POSTs a request to the CPO, gets a
 * CommandResponse at once, and later a CommandResult on the request's response_url.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CiString, closedEnum, DateTime, DisplayText, openEnum, optional, Url } from './common.js';
import { Token } from './tokens.js';

/** Open in 2.3.0; the value is the last path segment of the command URL. */
export const CommandType = openEnum(['CANCEL_RESERVATION', 'RESERVE_NOW', 'START_SESSION', 'STOP_SESSION', 'UNLOCK_CONNECTOR']);
export type CommandType = Static<typeof CommandType>;

/** Whether the CPO could forward the command, not whether the charger executed it. */
export const CommandResponseType = closedEnum(['NOT_SUPPORTED', 'REJECTED', 'ACCEPTED', 'UNKNOWN_SESSION']);
export type CommandResponseType = Static<typeof CommandResponseType>;

export const CommandResultType = closedEnum([
  'ACCEPTED',
  'CANCELED_RESERVATION',
  'EVSE_OCCUPIED',
  'EVSE_INOPERATIVE',
  'FAILED',
  'NOT_SUPPORTED',
  'REJECTED',
  'TIMEOUT',
  'UNKNOWN_RESERVATION',
]);
export type CommandResultType = Static<typeof CommandResultType>;

export const CancelReservation = Type.Object({
  response_url: Url,
  reservation_id: CiString(36),
});
export type CancelReservation = Static<typeof CancelReservation>;

/** Same reservation_id at the same Location replaces the earlier reservation. */
export const ReserveNow = Type.Object({
  response_url: Url,
  token: Token,
  expiry_date: DateTime,
  reservation_id: CiString(36),
  location_id: CiString(36),
  evse_uid: optional(CiString(36)),
  authorization_reference: optional(CiString(36)),
});
export type ReserveNow = Static<typeof ReserveNow>;

/**
 * connector_id needs evse_uid, and is mandatory when the EVSE has capability
 * START_SESSION_CONNECTOR_REQUIRED; both checks need the Location, so the domain makes them.
 */
export const StartSession = Type.Object({
  response_url: Url,
  token: Token,
  location_id: CiString(36),
  evse_uid: optional(CiString(36)),
  connector_id: optional(CiString(36)),
  authorization_reference: optional(CiString(36)),
});
export type StartSession = Static<typeof StartSession>;

export const StopSession = Type.Object({
  response_url: Url,
  session_id: CiString(36),
});
export type StopSession = Static<typeof StopSession>;

export const UnlockConnector = Type.Object({
  response_url: Url,
  location_id: CiString(36),
  evse_uid: CiString(36),
  connector_id: CiString(36),
});
export type UnlockConnector = Static<typeof UnlockConnector>;

export const CommandResponse = Type.Object({
  result: CommandResponseType,
  /** Seconds the eMSP should wait for the CommandResult before giving up. */
  timeout: Type.Integer({ minimum: 0 }),
  message: optional(Type.Array(DisplayText)),
});
export type CommandResponse = Static<typeof CommandResponse>;

export const CommandResult = Type.Object({
  result: CommandResultType,
  message: optional(Type.Array(DisplayText)),
});
export type CommandResult = Static<typeof CommandResult>;
