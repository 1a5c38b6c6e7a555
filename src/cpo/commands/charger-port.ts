import type { CommandName } from '../../ocpi/command-requests.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { CommandResultType } from '../../ocpi/types/commands.js';

/** A command on its way to a charger, as the CPO accepted it from an eMSP. */
export interface ChargerCommand {
  id: string;
  party: PartyRef;
  /** The eMSP that sent it: reservation ids, for one, are unique per eMSP only (OCPI 2.2.1 "Commands", ReserveNow). */
  emsp: PartyRef;
  type: CommandName;
  request: Record<string, unknown>;
}

export type DispatchOutcome =
  /** Handed to the charger; its answer is reported later through `ChargerAnswers.report`. */
  | { accepted: true; timeoutSeconds: number }
  | { accepted: false; response: 'REJECTED' | 'NOT_SUPPORTED' | 'UNKNOWN_SESSION'; message: string };

/**
 * Where OCPI commands meet chargers. The OCPP gateway implements it by sending RemoteStart,
 * RequestStop, UnlockConnector, ReserveNow or CancelReservation, and reports what the charger said.
 */
export interface ChargerPort {
  dispatch(command: ChargerCommand): Promise<DispatchOutcome>;
}

/** Where a charger's answer to a dispatched command goes back in. */
export interface ChargerAnswers {
  report(commandId: string, result: CommandResultType, message?: string): Promise<boolean>;
}

/**
 * The port while no charger gateway is attached: every command is accepted and waits for its answer
 * from an operator or an external charger backend (`POST /api/parties/:party/charger-commands/:id/result`),
 * or for its timeout, which is answered to the eMSP as TIMEOUT.
 */
export class AnswerFromOutside implements ChargerPort {
  constructor(private readonly timeoutSeconds: number) {}

  async dispatch(): Promise<DispatchOutcome> {
    return { accepted: true, timeoutSeconds: this.timeoutSeconds };
  }
}
