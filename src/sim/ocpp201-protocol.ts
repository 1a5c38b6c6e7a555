import { randomUUID } from 'node:crypto';
import type { OCPP20 } from 'typed-ocpp';
import type { ChargerProtocol, OcppCall, SimTransaction } from './charger-protocol.js';

type SampledValue = OCPP20.MeterValueType['sampledValue'][number];
type TriggerReason = OCPP20.TransactionEventRequest['triggerReason'];
type IdToken = OCPP20.AuthorizeRequest['idToken'];

const ENERGY = 'Energy.Active.Import.Register';

/** 1.6 states that mean "in use" are one 2.0.1 state (ConnectorStatusEnumType); the detail moved to chargingState. */
const IN_USE = new Set(['Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing']);

function call<T extends object>(method: string, params: T): OcppCall {
  return { method, params: params as Record<string, unknown> };
}

/** Values are numbers in 2.0.1, the unit in unitOfMeasure. */
function energy(wh: number, context: SampledValue['context']): SampledValue {
  return { value: Math.round(wh), context, measurand: ENERGY, unitOfMeasure: { unit: 'Wh' } };
}

/**
 * A TransactionEvent of the transaction; each takes the next seqNo (2.0.1 E: the CSMS detects
 * gaps and duplicates with it). The simulated EVSE has one connector, so EVSE n is connector n
 * of the scenario.
 */
function event(transaction: SimTransaction, fields: Omit<OCPP20.TransactionEventRequest, 'seqNo' | 'transactionInfo'> & { transactionInfo?: Partial<OCPP20.TransactionEventRequest['transactionInfo']> }): OcppCall {
  return call<OCPP20.TransactionEventRequest>('TransactionEvent', {
    ...fields,
    seqNo: transaction.seqNo++,
    transactionInfo: { transactionId: transaction.id, ...fields.transactionInfo },
  });
}

function idToken(transaction: SimTransaction): IdToken {
  return { idToken: transaction.uid, type: transaction.tokenType as IdToken['type'] };
}

export const OCPP201_PROTOCOL: ChargerProtocol = {
  subprotocol: 'ocpp2.0.1',
  boot: (plan) => call<OCPP20.BootNotificationRequest>('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: plan.vendor, model: plan.model, serialNumber: plan.identity.slice(0, 25) } }),
  heartbeat: () => call<OCPP20.HeartbeatRequest>('Heartbeat', {}),
  state: (state) => (IN_USE.has(state) ? 'Occupied' : state),
  status: (connector, state, at) =>
    call<OCPP20.StatusNotificationRequest>('StatusNotification', { timestamp: at, connectorStatus: state as OCPP20.StatusNotificationRequest['connectorStatus'], evseId: connector, connectorId: 1 }),
  authorize: (uid) => call<OCPP20.AuthorizeRequest>('Authorize', { idToken: { idToken: uid, type: 'ISO14443' } }),
  verdict: (answer) => (answer as unknown as OCPP20.AuthorizeResponse).idTokenInfo.status,
  newTransactionId: () => randomUUID(),
  start: (transaction, at) =>
    event(transaction, {
      eventType: 'Started',
      timestamp: at,
      triggerReason: transaction.remoteStartId === undefined ? 'Authorized' : 'RemoteStart',
      transactionInfo: { chargingState: 'Charging', ...(transaction.remoteStartId !== undefined && { remoteStartId: transaction.remoteStartId }) },
      idToken: idToken(transaction),
      evse: { id: transaction.connector, connectorId: 1 },
      meterValue: [{ timestamp: at, sampledValue: [energy(transaction.startWh, 'Transaction.Begin')] }],
    }),
  started: (answer, transaction) => ({ id: transaction.id, verdict: (answer as unknown as OCPP20.TransactionEventResponse).idTokenInfo?.status ?? 'Accepted' }),
  meter: (transaction, at, wh, watts, offline) =>
    event(transaction, {
      eventType: 'Updated',
      timestamp: at,
      triggerReason: 'MeterValuePeriodic',
      ...(offline && { offline: true }),
      transactionInfo: { chargingState: watts > 0 ? 'Charging' : 'SuspendedEV' },
      meterValue: [{ timestamp: at, sampledValue: [energy(wh, 'Sample.Periodic'), { value: Math.round(watts), context: 'Sample.Periodic', measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } }] }],
    }),
  stop: (transaction, at, wh, reason) => {
    const trigger: TriggerReason = reason === 'Remote' ? 'RemoteStop' : reason === 'EVDisconnected' ? 'EVDeparted' : reason === 'DeAuthorized' ? 'Deauthorized' : 'StopAuthorized';
    return event(transaction, {
      eventType: 'Ended',
      timestamp: at,
      triggerReason: trigger,
      transactionInfo: { chargingState: 'EVConnected', stoppedReason: reason as OCPP20.TransactionEventRequest['transactionInfo']['stoppedReason'] },
      ...(trigger === 'StopAuthorized' && { idToken: idToken(transaction) }),
      meterValue: [{ timestamp: at, sampledValue: [energy(wh, 'Transaction.End')] }],
    });
  },
  remoteStart: {
    method: 'RequestStartTransaction',
    read: (params) => {
      const { evseId, idToken: token, remoteStartId } = params as unknown as OCPP20.RequestStartTransactionRequest;
      return { uid: token.idToken, tokenType: token.type, remoteStartId, ...(evseId !== undefined && { connector: evseId }) };
    },
  },
  remoteStop: { method: 'RequestStopTransaction', read: (params) => (params as unknown as OCPP20.RequestStopTransactionRequest).transactionId },
};
