import type { OCPP16 } from 'typed-ocpp';
import type { ChargerProtocol, OcppCall, SimTransaction } from './charger-protocol.js';

const ENERGY = 'Energy.Active.Import.Register';
const POWER = 'Power.Active.Import';

function call<T extends object>(method: string, params: T): OcppCall {
  return { method, params: params as Record<string, unknown> };
}

/** Sampled values are text in 1.6 (SampledValue.value is a string), energy in Wh and power in W. */
function energy(wh: number, context: OCPP16.Context): OCPP16.SampledValue {
  return { value: String(Math.round(wh)), context, measurand: ENERGY, unit: 'Wh' };
}

export const OCPP16_PROTOCOL: ChargerProtocol = {
  subprotocol: 'ocpp1.6',
  boot: (plan) => call<OCPP16.BootNotificationRequest>('BootNotification', { chargePointVendor: plan.vendor, chargePointModel: plan.model, chargePointSerialNumber: plan.identity.slice(0, 25) }),
  heartbeat: () => call<OCPP16.HeartbeatRequest>('Heartbeat', {}),
  state: (state) => state,
  status: (connector, state, at) =>
    call<OCPP16.StatusNotificationRequest>('StatusNotification', { connectorId: connector, status: state as OCPP16.StatusNotificationRequest['status'], errorCode: state === 'Faulted' ? 'OtherError' : 'NoError', timestamp: at }),
  authorize: (uid) => call<OCPP16.AuthorizeRequest>('Authorize', { idTag: uid }),
  verdict: (answer) => (answer as unknown as OCPP16.AuthorizeResponse).idTagInfo.status,
  newTransactionId: () => undefined,
  start: (transaction, at) => call<OCPP16.StartTransactionRequest>('StartTransaction', { connectorId: transaction.connector, idTag: transaction.uid, meterStart: Math.round(transaction.startWh), timestamp: at }),
  started: (answer) => {
    const { transactionId, idTagInfo } = answer as unknown as OCPP16.StartTransactionResponse;
    return { id: String(transactionId), verdict: idTagInfo.status };
  },
  meter: (transaction: SimTransaction, at, wh, watts) =>
    call<OCPP16.MeterValuesRequest>('MeterValues', {
      connectorId: transaction.connector,
      transactionId: Number(transaction.id),
      meterValue: [{ timestamp: at, sampledValue: [energy(wh, 'Sample.Periodic'), { value: String(Math.round(watts)), context: 'Sample.Periodic', measurand: POWER, unit: 'W' }] }],
    }),
  stop: (transaction, at, wh, reason) =>
    call<OCPP16.StopTransactionRequest>('StopTransaction', {
      transactionId: Number(transaction.id),
      idTag: transaction.uid,
      meterStop: Math.round(wh),
      timestamp: at,
      reason: reason as OCPP16.StopTransactionRequest['reason'],
      transactionData: [{ timestamp: at, sampledValue: [energy(wh, 'Transaction.End')] }],
    }),
  remoteStart: {
    method: 'RemoteStartTransaction',
    read: (params) => {
      const { connectorId, idTag } = params as unknown as OCPP16.RemoteStartTransactionRequest;
      return { uid: idTag, tokenType: 'ISO14443', ...(connectorId !== undefined && { connector: connectorId }) };
    },
  },
  remoteStop: { method: 'RemoteStopTransaction', read: (params) => String((params as unknown as OCPP16.RemoteStopTransactionRequest).transactionId) },
};
