import type { OCPP16 } from 'typed-ocpp';
import type { BootInfo, BootVerdict, ChargerIdToken, MeterReading, StatusChange, TokenVerdict, TransactionEnd, TransactionStart } from './charger-events.js';
import type { ChargerRequest } from './charger-requests.js';
import { chargerTime } from './charger-clock.js';
import { readingFrom, type RawSample } from './meter-values.js';
import { answerAlways, type VersionAdapter } from './version-adapter.js';

type IdTagStatus = OCPP16.AuthorizeResponse['idTagInfo']['status'];

/** 1.6 has no NoCredit, NotAtThisLocation or Unknown (OCPP 1.6 §7.4 AuthorizationStatus). */
const ID_TAG_STATUS: Record<TokenVerdict, IdTagStatus> = {
  Accepted: 'Accepted',
  Blocked: 'Blocked',
  Expired: 'Expired',
  Invalid: 'Invalid',
  ConcurrentTx: 'ConcurrentTx',
  NoCredit: 'Blocked',
  NotAtThisLocation: 'Invalid',
  Unknown: 'Invalid',
};

export function idTagInfo16(verdict: TokenVerdict): { status: IdTagStatus } {
  return { status: ID_TAG_STATUS[verdict] };
}

export function bootFrom16(payload: OCPP16.BootNotificationRequest): BootInfo {
  const boot: BootInfo = { vendor: payload.chargePointVendor, model: payload.chargePointModel };
  const serial = payload.chargePointSerialNumber ?? payload.chargeBoxSerialNumber;
  if (serial !== undefined) boot.serialNumber = serial;
  if (payload.firmwareVersion !== undefined) boot.firmwareVersion = payload.firmwareVersion;
  return boot;
}

/** connectorId 0 is the charge point as a whole (OCPP 1.6 §4.9). */
export function statusFrom16(payload: OCPP16.StatusNotificationRequest): StatusChange {
  return { place: payload.connectorId === 0 ? {} : { connector: payload.connectorId }, state: payload.status, ...chargerTime(payload.timestamp), errorCode: payload.errorCode };
}

/** meterStart is an integer in Wh (OCPP 1.6 §6.45). */
export function startFrom16(payload: OCPP16.StartTransactionRequest): TransactionStart {
  const start: TransactionStart = { place: { connector: payload.connectorId }, idToken: { id: payload.idTag }, meterStartKwh: payload.meterStart / 1000, ...chargerTime(payload.timestamp) };
  if (payload.reservationId !== undefined) start.reservationId = payload.reservationId;
  return start;
}

/**
 * Sampled values are text in 1.6 (§7.43); signed values (format SignedData) hold no number and
 * are left out, as is anything that does not read as a number.
 */
export function readingsFrom16(meterValues: readonly OCPP16.MeterValue[]): MeterReading[] {
  return meterValues.map((meterValue) => {
    const samples: RawSample[] = meterValue.sampledValue
      .filter((s) => s.format !== 'SignedData' && s.value.trim() !== '')
      .map((s) => ({ value: Number(s.value), measurand: s.measurand, phase: s.phase, location: s.location, unit: s.unit, context: s.context }));
    const { at, clock } = chargerTime(meterValue.timestamp);
    const reading = readingFrom(at, samples);
    if (clock) reading.clock = clock;
    return reading;
  });
}

export function stopFrom16(payload: OCPP16.StopTransactionRequest): TransactionEnd {
  // The Transaction.End sample repeats meterStop; the other transactionData samples are readings.
  const readings = readingsFrom16(payload.transactionData ?? []).filter((r) => r.context !== 'Transaction.End');
  const end: TransactionEnd = { transactionId: String(payload.transactionId), meterStopKwh: payload.meterStop / 1000, ...chargerTime(payload.timestamp), readings };
  if (payload.reason !== undefined) end.reason = payload.reason;
  if (payload.idTag !== undefined) end.idToken = { id: payload.idTag };
  return end;
}

/** The 1.6 call for a request (§5.11 RemoteStart, §5.12 RemoteStop, §5.13 ReserveNow, §5.4 CancelReservation, §5.18 UnlockConnector). */
export function request16(request: ChargerRequest): { method: string; params: Record<string, unknown> } {
  switch (request.kind) {
    case 'start':
      return { method: 'RemoteStartTransaction', params: { idTag: request.idToken.id, ...(request.place.connector !== undefined && { connectorId: request.place.connector }) } };
    case 'stop':
      return { method: 'RemoteStopTransaction', params: { transactionId: Number(request.transactionId) } };
    case 'unlock':
      return { method: 'UnlockConnector', params: { connectorId: request.place.connector ?? 1 } };
    case 'reserve':
      return { method: 'ReserveNow', params: { connectorId: request.place.connector ?? 0, expiryDate: request.expiresAt, idTag: request.idToken.id, reservationId: request.reservationId } };
    case 'cancelReservation':
      return { method: 'CancelReservation', params: { reservationId: request.reservationId } };
  }
}

/** Notifications evroam takes note of only by answering them. */
const ACKNOWLEDGED = ['FirmwareStatusNotification', 'DiagnosticsStatusNotification', 'SecurityEventNotification', 'LogStatusNotification', 'SignedFirmwareStatusNotification'];

export const OCPP16_ADAPTER: VersionAdapter = {
  version: '1.6',
  subprotocol: 'ocpp1.6',
  request: request16,
  bind(rpc, charger, events, { log, heartbeatIntervalSeconds, bootRetryIntervalSeconds }) {
    const now = () => new Date().toISOString();
    const idToken = (idTag: string): ChargerIdToken => ({ id: idTag });

    rpc.handle('BootNotification', async ({ params }) => {
      const boot = bootFrom16(params as unknown as OCPP16.BootNotificationRequest);
      const status = await answerAlways<BootVerdict>(log, charger, 'BootNotification', 'Accepted', () => events.booted(charger, boot));
      return { status, currentTime: now(), interval: status === 'Accepted' ? heartbeatIntervalSeconds : bootRetryIntervalSeconds };
    });
    rpc.handle('Heartbeat', async () => ({ currentTime: now() }));
    rpc.handle('StatusNotification', async ({ params }) => {
      await answerAlways(log, charger, 'StatusNotification', undefined, () => events.statusChanged(charger, statusFrom16(params as unknown as OCPP16.StatusNotificationRequest)));
      return {};
    });
    rpc.handle('Authorize', async ({ params }) => {
      const { idTag } = params as unknown as OCPP16.AuthorizeRequest;
      const verdict = await answerAlways<TokenVerdict>(log, charger, 'Authorize', 'Invalid', () => events.authorize(charger, idToken(idTag)));
      return { idTagInfo: idTagInfo16(verdict) };
    });
    rpc.handle('StartTransaction', async ({ params }) => {
      // An id the charger can still send its stop with; -1 marks "not recorded" in the logs.
      const answer = await answerAlways(log, charger, 'StartTransaction', { transactionId: '-1', verdict: 'Invalid' as TokenVerdict }, () =>
        events.transactionStarted(charger, startFrom16(params as unknown as OCPP16.StartTransactionRequest)),
      );
      return { transactionId: Number(answer.transactionId), idTagInfo: idTagInfo16(answer.verdict) };
    });
    rpc.handle('MeterValues', async ({ params }) => {
      const payload = params as unknown as OCPP16.MeterValuesRequest;
      if (payload.transactionId === undefined) {
        log.debug({ charger: charger.identity, connectorId: payload.connectorId }, 'meter values outside a transaction');
        return {};
      }
      const update = { transactionId: String(payload.transactionId), readings: readingsFrom16(payload.meterValue) };
      await answerAlways(log, charger, 'MeterValues', null, () => events.transactionUpdated(charger, update));
      return {};
    });
    rpc.handle('StopTransaction', async ({ params }) => {
      const end = stopFrom16(params as unknown as OCPP16.StopTransactionRequest);
      const verdict = await answerAlways<TokenVerdict | null>(log, charger, 'StopTransaction', end.idToken ? 'Accepted' : null, () => events.transactionEnded(charger, end));
      // idTagInfo only answers an idTag the charger sent (§6.48).
      return end.idToken ? { idTagInfo: idTagInfo16(verdict ?? 'Accepted') } : {};
    });
    rpc.handle('DataTransfer', async ({ params }) => {
      const { vendorId, messageId } = params as unknown as OCPP16.DataTransferRequest;
      log.info({ charger: charger.identity, vendorId, messageId }, 'DataTransfer from a charger; no vendor extension is implemented');
      return { status: 'UnknownVendorId' };
    });
    for (const action of ACKNOWLEDGED) rpc.handle(action, async () => ({}));
  },
};
