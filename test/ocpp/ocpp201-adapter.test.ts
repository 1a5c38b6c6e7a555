import type { OCPP20 } from 'typed-ocpp';
import { describe, expect, it } from 'vitest';
import { bootFrom201, readingsFrom201, request201, statusFrom201, transactionEventFrom201 } from '../../src/ocpp/ocpp201-adapter.js';

const energy = (value: number, context: NonNullable<OCPP20.MeterValuesRequest['meterValue'][number]['sampledValue'][number]['context']>, unit = 'Wh', multiplier?: number): OCPP20.MeterValuesRequest['meterValue'][number]['sampledValue'][number] => ({
  value,
  context,
  measurand: 'Energy.Active.Import.Register',
  unitOfMeasure: { unit, ...(multiplier !== undefined && { multiplier }) },
});

describe('OCPP 2.0.1 messages as charger events', () => {
  it('BootNotification and StatusNotification', () => {
    expect(bootFrom201({ reason: 'PowerUp', chargingStation: { vendorName: 'ABB', model: 'Terra', serialNumber: 'X9', firmwareVersion: '1.2' } })).toEqual({ vendor: 'ABB', model: 'Terra', serialNumber: 'X9', firmwareVersion: '1.2' });
    expect(statusFrom201({ timestamp: '2026-03-02T09:00:00Z', connectorStatus: 'Occupied', evseId: 1, connectorId: 1 })).toEqual({ place: { evse: 1, connector: 1 }, state: 'Occupied', at: '2026-03-02T09:00:00.000Z' });
    expect(statusFrom201({ timestamp: '2026-03-02T09:00:00Z', connectorStatus: 'Unavailable', evseId: 0, connectorId: 0 }).place).toEqual({});
  });

  it('sampled values are numbers scaled by 10^multiplier in the unit of measure', () => {
    const readings = readingsFrom201([
      {
        timestamp: '2026-03-02T09:20:00Z',
        sampledValue: [energy(104, 'Sample.Periodic', 'Wh', 3), { value: 11, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } }, { value: 16, measurand: 'Current.Import', phase: 'L1' }],
      },
    ]);
    expect(readings).toEqual([{ at: '2026-03-02T09:20:00.000Z', energyKwh: 104, powerKw: 11, currentA: 16, context: 'Sample.Periodic' }]);
  });

  it('TransactionEvent Started: the charger\'s transaction id, the EVSE, the token and the Transaction.Begin register', () => {
    const event = transactionEventFrom201({
      eventType: 'Started',
      timestamp: '2026-03-02T09:00:00Z',
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { transactionId: 'TX-1', remoteStartId: 12 },
      evse: { id: 1, connectorId: 1 },
      idToken: { idToken: '04A23B5C6D7E80', type: 'ISO14443' },
      meterValue: [{ timestamp: '2026-03-02T09:00:00Z', sampledValue: [energy(100.5, 'Transaction.Begin', 'kWh')] }],
    });
    expect(event).toEqual({
      kind: 'started',
      start: { transactionId: 'TX-1', place: { evse: 1, connector: 1 }, idToken: { id: '04A23B5C6D7E80', type: 'ISO14443' }, meterStartKwh: 100.5, at: '2026-03-02T09:00:00.000Z', remoteStartId: 12 },
      remainder: [],
    });
  });

  it('TransactionEvent Started before the driver is known carries no token', () => {
    const event = transactionEventFrom201({ eventType: 'Started', timestamp: '2026-03-02T09:00:00Z', triggerReason: 'CablePluggedIn', seqNo: 0, transactionInfo: { transactionId: 'TX-2' }, evse: { id: 2 } });
    expect(event).toMatchObject({ kind: 'started', start: { transactionId: 'TX-2', place: { evse: 2 } } });
    expect(event.kind === 'started' && event.start.idToken).toBeUndefined();
  });

  it('TransactionEvent Updated carries readings (and a late token)', () => {
    const event = transactionEventFrom201({
      eventType: 'Updated',
      timestamp: '2026-03-02T09:20:00Z',
      triggerReason: 'MeterValuePeriodic',
      seqNo: 1,
      transactionInfo: { transactionId: 'TX-1', chargingState: 'Charging' },
      meterValue: [{ timestamp: '2026-03-02T09:20:00Z', sampledValue: [energy(104000, 'Sample.Periodic')] }],
    });
    expect(event).toEqual({ kind: 'updated', update: { transactionId: 'TX-1', readings: [{ at: '2026-03-02T09:20:00.000Z', energyKwh: 104, context: 'Sample.Periodic' }] } });
  });

  it('TransactionEvent Ended: the Transaction.End register is the stop, the rest are readings', () => {
    const event = transactionEventFrom201({
      eventType: 'Ended',
      timestamp: '2026-03-02T10:00:00Z',
      triggerReason: 'EVDeparted',
      seqNo: 3,
      transactionInfo: { transactionId: 'TX-1', stoppedReason: 'EVDisconnected' },
      meterValue: [
        { timestamp: '2026-03-02T09:50:00Z', sampledValue: [energy(109000, 'Sample.Periodic')] },
        { timestamp: '2026-03-02T10:00:00Z', sampledValue: [energy(110000, 'Transaction.End')] },
      ],
    });
    expect(event).toEqual({
      kind: 'ended',
      end: { transactionId: 'TX-1', at: '2026-03-02T10:00:00.000Z', meterStopKwh: 110, reason: 'EVDisconnected', readings: [{ at: '2026-03-02T09:50:00.000Z', energyKwh: 109, context: 'Sample.Periodic' }] },
    });
  });

  it('builds the 2.0.1 requests for commands', () => {
    expect(request201({ kind: 'start', place: { evse: 1 }, idToken: { id: 'ABC', type: 'ISO14443' }, remoteStartId: 9 })).toEqual({
      method: 'RequestStartTransaction',
      params: { idToken: { idToken: 'ABC', type: 'ISO14443' }, remoteStartId: 9, evseId: 1 },
    });
    expect(request201({ kind: 'stop', transactionId: 'TX-1' })).toEqual({ method: 'RequestStopTransaction', params: { transactionId: 'TX-1' } });
    expect(request201({ kind: 'unlock', place: { evse: 2 } })).toEqual({ method: 'UnlockConnector', params: { evseId: 2, connectorId: 1 } });
    expect(request201({ kind: 'reserve', place: { evse: 1 }, reservationId: 5, expiresAt: '2026-03-02T10:00:00.000Z', idToken: { id: 'ABC' } })).toEqual({
      method: 'ReserveNow',
      params: { id: 5, expiryDateTime: '2026-03-02T10:00:00.000Z', idToken: { idToken: 'ABC', type: 'Central' }, evseId: 1 },
    });
  });
});
