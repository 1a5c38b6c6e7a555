import type { OCPP20 } from 'typed-ocpp';
import type { BootInfo, BootVerdict, ChargerIdToken, ChargerPlace, MeterReading, StatusChange, TokenVerdict, TransactionEnd, TransactionStart, TransactionUpdate } from './charger-events.js';
import type { ChargerRequest } from './charger-requests.js';
import { chargerTime } from './charger-clock.js';
import { readingFrom, type RawSample } from './meter-values.js';
import { answerAlways, type VersionAdapter } from './version-adapter.js';

/** 2.0.1's typed-ocpp namespace is OCPP20: it holds the 2.0.1 FINAL schemas. */
type IdTokenType = OCPP20.AuthorizeRequest['idToken'];

export function idTokenInfo201(verdict: TokenVerdict): { status: TokenVerdict } {
  return { status: verdict };
}

export function bootFrom201(payload: OCPP20.BootNotificationRequest): BootInfo {
  const station = payload.chargingStation;
  const boot: BootInfo = { vendor: station.vendorName, model: station.model };
  if (station.serialNumber !== undefined) boot.serialNumber = station.serialNumber;
  if (station.firmwareVersion !== undefined) boot.firmwareVersion = station.firmwareVersion;
  return boot;
}

export function statusFrom201(payload: OCPP20.StatusNotificationRequest): StatusChange {
  return { place: placeOf(payload.evseId, payload.connectorId), state: payload.connectorStatus, ...chargerTime(payload.timestamp) };
}

/** Values are numbers scaled by 10^multiplier in the unitOfMeasure's unit (2.0.1 SampledValueType). */
export function readingsFrom201(meterValues: readonly OCPP20.MeterValuesRequest['meterValue'][number][]): MeterReading[] {
  return meterValues.map((meterValue) => {
    const samples: RawSample[] = meterValue.sampledValue.map((s) => ({
      value: s.value * 10 ** (s.unitOfMeasure?.multiplier ?? 0),
      measurand: s.measurand,
      phase: s.phase,
      location: s.location,
      unit: s.unitOfMeasure?.unit,
      context: s.context,
    }));
    const { at, clock } = chargerTime(meterValue.timestamp);
    const reading = readingFrom(at, samples);
    if (clock) reading.clock = clock;
    return reading;
  });
}

export type TransactionEvent201 =
  | { kind: 'started'; start: TransactionStart; remainder: MeterReading[] }
  | { kind: 'updated'; update: TransactionUpdate }
  | { kind: 'ended'; end: TransactionEnd };

/**
 * A TransactionEvent as one of our three events. The start register is the Transaction.Begin
 * reading (TxStartedMeasurands), the stop register the Transaction.End one (TxEndedMeasurands);
 * when a charger sends neither, the first or last energy reading of the event stands in.
 */
export function transactionEventFrom201(payload: OCPP20.TransactionEventRequest): TransactionEvent201 {
  const transactionId = payload.transactionInfo.transactionId;
  const readings = readingsFrom201(payload.meterValue ?? []);
  const idToken = payload.idToken ? tokenFrom201(payload.idToken) : undefined;
  const time = chargerTime(payload.timestamp);
  switch (payload.eventType) {
    case 'Started': {
      const withEnergy = readings.filter((r) => r.energyKwh !== undefined);
      const begin = withEnergy.find((r) => r.context === 'Transaction.Begin') ?? withEnergy[0];
      const start: TransactionStart = { transactionId, place: payload.evse ? placeOf(payload.evse.id, payload.evse.connectorId) : {}, ...time };
      if (idToken) start.idToken = idToken;
      if (begin) start.meterStartKwh = begin.energyKwh!;
      if (payload.reservationId !== undefined) start.reservationId = payload.reservationId;
      if (payload.transactionInfo.remoteStartId !== undefined) start.remoteStartId = payload.transactionInfo.remoteStartId;
      return { kind: 'started', start, remainder: readings.filter((r) => r !== begin) };
    }
    case 'Updated': {
      const update: TransactionUpdate = { transactionId, readings };
      if (idToken) update.idToken = idToken;
      return { kind: 'updated', update };
    }
    case 'Ended': {
      const withEnergy = readings.filter((r) => r.energyKwh !== undefined);
      const stop = withEnergy.find((r) => r.context === 'Transaction.End') ?? withEnergy.at(-1);
      const end: TransactionEnd = { transactionId, ...time, readings: readings.filter((r) => r !== stop) };
      if (stop) end.meterStopKwh = stop.energyKwh!;
      if (payload.transactionInfo.stoppedReason !== undefined) end.reason = payload.transactionInfo.stoppedReason;
      if (idToken) end.idToken = idToken;
      return { kind: 'ended', end };
    }
  }
}

/** The 2.0.1 call for a request (use cases F01 RequestStart, F03 RequestStop, F05 Unlock, H01 ReserveNow, H02 CancelReservation). */
export function request201(request: ChargerRequest): { method: string; params: Record<string, unknown> } {
  switch (request.kind) {
    case 'start':
      return { method: 'RequestStartTransaction', params: { idToken: idTokenOf(request.idToken), remoteStartId: request.remoteStartId, ...(request.place.evse !== undefined && { evseId: request.place.evse }) } };
    case 'stop':
      return { method: 'RequestStopTransaction', params: { transactionId: request.transactionId } };
    case 'unlock':
      return { method: 'UnlockConnector', params: { evseId: request.place.evse ?? 1, connectorId: request.place.connector ?? 1 } };
    case 'reserve':
      return { method: 'ReserveNow', params: { id: request.reservationId, expiryDateTime: request.expiresAt, idToken: idTokenOf(request.idToken), ...(request.place.evse !== undefined && { evseId: request.place.evse }) } };
    case 'cancelReservation':
      return { method: 'CancelReservation', params: { reservationId: request.reservationId } };
  }
}

/** Notifications evroam takes note of only by answering them. */
const ACKNOWLEDGED = ['FirmwareStatusNotification', 'LogStatusNotification', 'SecurityEventNotification', 'NotifyEvent', 'NotifyReport', 'NotifyMonitoringReport'];

export const OCPP201_ADAPTER: VersionAdapter = {
  version: '2.0.1',
  subprotocol: 'ocpp2.0.1',
  request: request201,
  bind(rpc, charger, events, { log, heartbeatIntervalSeconds, bootRetryIntervalSeconds }) {
    const now = () => new Date().toISOString();

    rpc.handle('BootNotification', async ({ params }) => {
      const boot = bootFrom201(params as unknown as OCPP20.BootNotificationRequest);
      const status = await answerAlways<BootVerdict>(log, charger, 'BootNotification', 'Accepted', () => events.booted(charger, boot));
      return { status, currentTime: now(), interval: status === 'Accepted' ? heartbeatIntervalSeconds : bootRetryIntervalSeconds };
    });
    rpc.handle('Heartbeat', async () => ({ currentTime: now() }));
    rpc.handle('StatusNotification', async ({ params }) => {
      await answerAlways(log, charger, 'StatusNotification', undefined, () => events.statusChanged(charger, statusFrom201(params as unknown as OCPP20.StatusNotificationRequest)));
      return {};
    });
    rpc.handle('Authorize', async ({ params }) => {
      const { idToken } = params as unknown as OCPP20.AuthorizeRequest;
      const verdict = await answerAlways<TokenVerdict>(log, charger, 'Authorize', 'Invalid', () => events.authorize(charger, tokenFrom201(idToken)));
      return { idTokenInfo: idTokenInfo201(verdict) };
    });
    rpc.handle('TransactionEvent', async ({ params }) => {
      const payload = params as unknown as OCPP20.TransactionEventRequest;
      const event = transactionEventFrom201(payload);
      const verdict = await answerAlways<TokenVerdict | null>(log, charger, `TransactionEvent ${payload.eventType}`, payload.idToken ? 'Invalid' : null, async () => {
        switch (event.kind) {
          case 'started': {
            const answer = await events.transactionStarted(charger, event.start);
            if (event.remainder.length > 0) await events.transactionUpdated(charger, { transactionId: answer.transactionId, readings: event.remainder });
            return answer.verdict;
          }
          case 'updated':
            return events.transactionUpdated(charger, event.update);
          case 'ended':
            return events.transactionEnded(charger, event.end);
        }
      });
      // idTokenInfo answers an idToken the event carried (2.0.1 TransactionEventResponse).
      return payload.idToken ? { idTokenInfo: idTokenInfo201(verdict ?? 'Accepted') } : {};
    });
    rpc.handle('MeterValues', async ({ params }) => {
      // Transaction readings come in TransactionEvent; these are the EVSE's own (2.0.1 use case J01).
      log.debug({ charger: charger.identity, evseId: (params as unknown as OCPP20.MeterValuesRequest).evseId }, 'meter values outside a transaction');
      return {};
    });
    rpc.handle('DataTransfer', async ({ params }) => {
      const { vendorId, messageId } = params as unknown as OCPP20.DataTransferRequest;
      log.info({ charger: charger.identity, vendorId, messageId }, 'DataTransfer from a charger; no vendor extension is implemented');
      return { status: 'UnknownVendorId' };
    });
    for (const action of ACKNOWLEDGED) rpc.handle(action, async () => ({}));
  },
};

function placeOf(evseId: number, connectorId: number | undefined): ChargerPlace {
  if (evseId === 0) return {};
  return connectorId === undefined ? { evse: evseId } : { evse: evseId, connector: connectorId };
}

function tokenFrom201(idToken: IdTokenType): ChargerIdToken {
  return { id: idToken.idToken, type: idToken.type };
}

/** A token without a 2.0.1 type is one the CSMS made up for the charger: Central (IdTokenEnumType). */
function idTokenOf(token: ChargerIdToken): IdTokenType {
  return { idToken: token.id, type: (token.type ?? 'Central') as IdTokenType['type'] };
}
