import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { ciEquals } from '../../ids/ci-string.js';
import { fitsOcpp16IdTag } from '../../ids/ocpp-id-tag.js';
import type { OcppVersion } from '../../ocpp/charger-events.js';
import { ChargerNoAnswerError, type ChargerAnswer, type ChargerRequest } from '../../ocpp/charger-requests.js';
import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { CancelReservation, CommandResultType, ReserveNow, StartSession, StopSession, UnlockConnector } from '../../ocpi/types/commands.js';
import type { Token } from '../../ocpi/types/tokens.js';
import type { StoredConnectorMapping } from '../../store/tables/charger-tables.js';
import type { ChargerAnswers, ChargerCommand, ChargerPort, DispatchOutcome } from '../commands/charger-port.js';
import { idTokenTypeOf } from './charger-authorizer.js';
import type { ChargerRegistry } from './charger-registry.js';
import type { ChargerRepository, ChargerRow } from './charger-repository.js';
import { placeOf } from './connector-mapping.js';
import type { RemoteStarts } from './remote-starts.js';

/** What the port needs of the OCPP gateway. */
export interface ChargerLink {
  versionOf(identity: string): OcppVersion | undefined;
  send(identity: string, request: ChargerRequest): Promise<ChargerAnswer>;
}

export interface OcppChargerPortDeps {
  link: ChargerLink;
  registry: ChargerRegistry;
  repository: ChargerRepository;
  remoteStarts: RemoteStarts;
  /** For EVSEs no registered charger serves: their commands are answered from outside (the admin API). */
  fallback: ChargerPort;
  timeoutSeconds: number;
  log: FastifyBaseLogger;
}

/** The charger's word → OCPI CommandResultType (OCPP 1.6 §7 / 2.0.1 status enumerations). */
const RESULTS: Record<string, CommandResultType> = {
  Accepted: 'ACCEPTED',
  Unlocked: 'ACCEPTED',
  Rejected: 'REJECTED',
  UnlockFailed: 'FAILED',
  UnknownConnector: 'FAILED',
  NotSupported: 'NOT_SUPPORTED',
  OngoingAuthorizedTransaction: 'EVSE_OCCUPIED',
  Occupied: 'EVSE_OCCUPIED',
  Faulted: 'EVSE_INOPERATIVE',
  Unavailable: 'EVSE_INOPERATIVE',
};

type Target = { charger: ChargerRow; mapping: StoredConnectorMapping; version: OcppVersion };

/**
 * OCPI commands → OCPP requests to our connected chargers. The CommandResponse says whether the
 * request could be sent; the charger's answer becomes the CommandResult. For START_SESSION,
 * "Accepted" already gives ACCEPTED: the charger will try, and the session that follows reaches
 * the eMSP as a Session (OCPI 2.2.1 "Commands", START_SESSION). Commands for EVSEs no registered
 * charger serves go to the fallback port.
 */
export class OcppChargerPort implements ChargerPort {
  #answers: ChargerAnswers | null = null;

  constructor(private readonly deps: OcppChargerPortDeps) {}

  /** Where charger answers are reported: the commands receiver, built after this port. */
  answerTo(answers: ChargerAnswers): void {
    this.#answers = answers;
  }

  async dispatch(command: ChargerCommand): Promise<DispatchOutcome> {
    switch (command.type) {
      case 'START_SESSION':
        return this.startSession(command, command.request as unknown as StartSession);
      case 'STOP_SESSION':
        return this.stopSession(command, command.request as unknown as StopSession);
      case 'UNLOCK_CONNECTOR':
        return this.unlock(command, command.request as unknown as UnlockConnector);
      case 'RESERVE_NOW':
        return this.reserve(command, command.request as unknown as ReserveNow);
      case 'CANCEL_RESERVATION':
        return this.cancelReservation(command, command.request as unknown as CancelReservation);
    }
  }

  private async startSession(command: ChargerCommand, request: StartSession): Promise<DispatchOutcome> {
    const target = await this.target(command.party, request.location_id, request.evse_uid, request.connector_id);
    if (!target) return this.deps.fallback.dispatch(command);
    if ('refusal' in target) return target.refusal;
    const { charger, mapping, version } = target;
    const remoteStartId = await this.deps.repository.nextNumber();
    const idTag = idTagFor(request.token, version);
    await this.deps.remoteStarts.add({
      identity: charger.charge_box_id,
      idTag,
      remoteStartId,
      token: request.token,
      commandId: command.id,
      ...(request.authorization_reference && { authorizationReference: request.authorization_reference }),
    });
    // A 2.0.1 start names the EVSE only; the driver picks the plug.
    const place = version === '1.6' ? placeOf(mapping, version) : { evse: placeOf(mapping, version).evse! };
    return this.send(command, charger, { kind: 'start', place, idToken: { id: idTag, type: idTokenTypeOf(request.token.type) }, remoteStartId }, async (result) => {
      if (result !== 'ACCEPTED') await this.deps.remoteStarts.drop(remoteStartId);
    });
  }

  private async stopSession(command: ChargerCommand, request: StopSession): Promise<DispatchOutcome> {
    const transaction = await this.deps.repository.transactionOfSession(command.party, request.session_id);
    if (!transaction) return this.deps.fallback.dispatch(command);
    if (transaction.status === 'ENDED') return { accepted: false, response: 'REJECTED', message: `Session ${request.session_id} has already ended` };
    const charger = await this.deps.repository.getCharger(transaction.charger_key);
    if (!charger) return { accepted: false, response: 'REJECTED', message: `The charger of session ${request.session_id} is no longer registered` };
    return this.send(command, charger, { kind: 'stop', transactionId: transaction.transaction_id });
  }

  private async unlock(command: ChargerCommand, request: UnlockConnector): Promise<DispatchOutcome> {
    const target = await this.target(command.party, request.location_id, request.evse_uid, request.connector_id);
    if (!target) return this.deps.fallback.dispatch(command);
    if ('refusal' in target) return target.refusal;
    return this.send(command, target.charger, { kind: 'unlock', place: placeOf(target.mapping, target.version) });
  }

  private async reserve(command: ChargerCommand, request: ReserveNow): Promise<DispatchOutcome> {
    const target = await this.target(command.party, request.location_id, request.evse_uid);
    if (!target) return this.deps.fallback.dispatch(command);
    if ('refusal' in target) return target.refusal;
    const { charger, mapping, version } = target;
    // Our own id: OCPI reservation ids are the eMSP's and need not be integers or unique across eMSPs.
    // A reservation_id the eMSP reserved with before keeps its id, so the charger replaces that
    // reservation (OCPI 2.2.1 ReserveNow; OCPP 1.6 §5.13, 2.0.1 H01) instead of holding two.
    const known = await this.deps.repository.getReservation(command.party, command.emsp, request.reservation_id);
    const reservationId = known && known.charger_key === charger.charger_key ? known.ocpp_reservation_id : await this.deps.repository.nextNumber();
    const expiresAt = parseOcpiDateTime(request.expiry_date)!;
    await this.deps.repository.saveReservation(command.party, command.emsp, request.reservation_id, charger.charge_box_id, reservationId, expiresAt);
    const place = version === '1.6' ? placeOf(mapping, version) : { evse: placeOf(mapping, version).evse! };
    return this.send(command, charger, { kind: 'reserve', place, reservationId, expiresAt: expiresAt.toISOString(), idToken: { id: idTagFor(request.token, version), type: idTokenTypeOf(request.token.type) } });
  }

  private async cancelReservation(command: ChargerCommand, request: CancelReservation): Promise<DispatchOutcome> {
    const reservation = await this.deps.repository.getReservation(command.party, command.emsp, request.reservation_id);
    if (!reservation) return this.deps.fallback.dispatch(command);
    const charger = await this.deps.repository.getCharger(reservation.charger_key);
    if (!charger) return { accepted: false, response: 'REJECTED', message: `The charger of reservation ${request.reservation_id} is no longer registered` };
    // OCPP's Rejected here means "no such reservation" (1.6 §5.4, 2.0.1 H02).
    return this.send(command, charger, { kind: 'cancelReservation', reservationId: reservation.ocpp_reservation_id }, undefined, { Rejected: 'UNKNOWN_RESERVATION' });
  }

  /**
   * The charger and connector a command is for. Null when no registered charger serves the EVSE
   * (the fallback answers); a refusal when the charger is offline or the EVSE cannot be told.
   */
  private async target(party: PartyRef, locationId: string, evseUid?: string, connectorId?: string): Promise<Target | { refusal: DispatchOutcome } | null> {
    let served: { charger: ChargerRow; mappings: StoredConnectorMapping[] } | null;
    if (evseUid !== undefined) {
      served = await this.deps.registry.chargerServing(party, locationId, evseUid);
    } else {
      const chargers = await this.deps.repository.chargersAt(party, locationId);
      const evses = new Set(chargers.flatMap((c) => c.connectors.map((m) => `${c.charger_key}|${m.evse_uid.toUpperCase()}`)));
      if (evses.size > 1) return { refusal: { accepted: false, response: 'REJECTED', message: `Location ${locationId} has several EVSEs; name one with evse_uid` } };
      served = chargers[0] ? { charger: chargers[0], mappings: chargers[0].connectors } : null;
    }
    if (!served) return null;
    const mapping = connectorId === undefined ? served.mappings[0] : served.mappings.find((m) => ciEquals(m.connector_id, connectorId));
    if (!mapping) return { refusal: { accepted: false, response: 'REJECTED', message: `EVSE ${evseUid ?? ''} has no connector ${connectorId ?? ''} on its charger` } };
    const version = this.deps.link.versionOf(served.charger.charge_box_id);
    if (!version) return { refusal: offline(served.charger) };
    return { charger: served.charger, mapping, version };
  }

  /** Sends the request in the background and reports the charger's answer; the CommandResponse is returned at once. */
  private send(command: ChargerCommand, charger: ChargerRow, request: ChargerRequest, onResult?: (result: CommandResultType) => Promise<void>, overrides: Record<string, CommandResultType> = {}): DispatchOutcome {
    if (!this.deps.link.versionOf(charger.charge_box_id)) return offline(charger);
    void this.deps.link.send(charger.charge_box_id, request).then(
      (answer) => this.report(command.id, overrides[answer.status] ?? RESULTS[answer.status] ?? 'FAILED', `Charger ${charger.charge_box_id} answered ${answer.status}`, onResult),
      (error: unknown) => {
        this.deps.log.warn({ err: error, charger: charger.charge_box_id, command: command.type }, 'a charger request failed');
        return this.report(command.id, error instanceof ChargerNoAnswerError ? 'TIMEOUT' : 'FAILED', error instanceof Error ? error.message : String(error), onResult);
      },
    );
    return { accepted: true, timeoutSeconds: this.deps.timeoutSeconds };
  }

  private async report(commandId: string, result: CommandResultType, message: string, onResult?: (result: CommandResultType) => Promise<void>): Promise<void> {
    try {
      await onResult?.(result);
    } catch (error) {
      this.deps.log.error({ err: error, commandId }, 'could not record a charger answer');
    }
    try {
      await this.#answers?.report(commandId, result, result === 'ACCEPTED' ? undefined : message);
    } catch (error) {
      this.deps.log.error({ err: error, commandId }, 'could not report a charger answer');
    }
  }
}

function offline(charger: ChargerRow): DispatchOutcome {
  return { accepted: false, response: 'REJECTED', message: `Charger ${charger.charge_box_id} is offline` };
}

/**
 * The idTag a charger gets for a token: its uid, or for a 1.6 charger and a uid longer than 20
 * characters (APP_USER UUIDs), a surrogate of 20 hex digits derived from it, which the remote
 * start then recognises (OCPP 1.6 idTag is CiString20, OCPI uid CiString36).
 */
export function idTagFor(token: Token, version: OcppVersion): string {
  if (version !== '1.6' || fitsOcpp16IdTag(token.uid)) return token.uid;
  return createHash('sha256').update(token.uid.toUpperCase()).digest('hex').slice(0, 20).toUpperCase();
}
