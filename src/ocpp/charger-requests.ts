import type { ChargerIdToken, ChargerPlace } from './charger-events.js';

/**
 * What a CSMS asks a charger, in one vocabulary for both versions: 1.6 RemoteStartTransaction /
 * 2.0.1 RequestStartTransaction, RemoteStop / RequestStop, UnlockConnector, ReserveNow and
 * CancelReservation.
 */
export type ChargerRequest =
  | { kind: 'start'; place: ChargerPlace; idToken: ChargerIdToken; remoteStartId: number }
  | { kind: 'stop'; transactionId: string }
  | { kind: 'unlock'; place: ChargerPlace }
  | { kind: 'reserve'; place: ChargerPlace; reservationId: number; expiresAt: string; idToken: ChargerIdToken }
  | { kind: 'cancelReservation'; reservationId: number };

/**
 * The charger's answer as its OCPP status word: `Accepted`, `Rejected`, `Unlocked`,
 * `UnlockFailed`, `NotSupported`, `OngoingAuthorizedTransaction`, `UnknownConnector`, `Occupied`,
 * `Faulted`, `Unavailable`. What it means for the requester is the requester's business.
 */
export interface ChargerAnswer {
  status: string;
}

/** The charger is not connected, so nothing can be asked of it now. */
export class ChargerOfflineError extends Error {
  constructor(readonly identity: string) {
    super(`Charger ${identity} is not connected`);
    this.name = 'ChargerOfflineError';
  }
}

/** The charger did not answer in time (or the connection dropped before it did). */
export class ChargerNoAnswerError extends Error {
  constructor(
    readonly identity: string,
    reason: string,
  ) {
    super(`Charger ${identity} did not answer: ${reason}`);
    this.name = 'ChargerNoAnswerError';
  }
}
