import { CancelReservation, ReserveNow, StartSession, StopSession, UnlockConnector } from './types/commands.js';

/** The request object of each command (OCPI 2.2.1 "Commands", `POST {commands_url}/{command}`). */
export const COMMAND_REQUESTS = {
  START_SESSION: StartSession,
  STOP_SESSION: StopSession,
  RESERVE_NOW: ReserveNow,
  CANCEL_RESERVATION: CancelReservation,
  UNLOCK_CONNECTOR: UnlockConnector,
} as const;

export type CommandName = keyof typeof COMMAND_REQUESTS;

export const COMMAND_NAMES = Object.keys(COMMAND_REQUESTS) as CommandName[];

export function isCommandName(value: string): value is CommandName {
  return value in COMMAND_REQUESTS;
}
