import { describe, expect, it } from 'vitest';
import { bootFrom16, idTagInfo16, readingsFrom16, request16, startFrom16, statusFrom16, stopFrom16 } from '../../src/ocpp/ocpp16-adapter.js';

describe('OCPP 1.6 messages as charger events', () => {
  it('BootNotification names the charger', () => {
    expect(bootFrom16({ chargePointVendor: 'Alfen', chargePointModel: 'Eve', chargePointSerialNumber: 'S1', firmwareVersion: '4.1' })).toEqual({ vendor: 'Alfen', model: 'Eve', serialNumber: 'S1', firmwareVersion: '4.1' });
  });

  it('StatusNotification of connector 0 is about the whole charge point', () => {
    expect(statusFrom16({ connectorId: 0, status: 'Unavailable', errorCode: 'NoError', timestamp: '2026-03-02T10:00:00+01:00' })).toEqual({ place: {}, state: 'Unavailable', at: '2026-03-02T09:00:00.000Z', errorCode: 'NoError' });
    expect(statusFrom16({ connectorId: 2, status: 'Charging', errorCode: 'NoError' }).place).toEqual({ connector: 2 });
  });

  it('StartTransaction: meterStart in Wh becomes kWh, the timestamp UTC, no transaction id (we assign it)', () => {
    expect(startFrom16({ connectorId: 1, idTag: '04a23b5c', meterStart: 100250, timestamp: '2026-03-02T09:00:00Z', reservationId: 7 })).toEqual({
      place: { connector: 1 },
      idToken: { id: '04a23b5c' },
      meterStartKwh: 100.25,
      at: '2026-03-02T09:00:00.000Z',
      reservationId: 7,
    });
  });

  it('MeterValues: text values are read as numbers, signed values are left out', () => {
    const readings = readingsFrom16([
      {
        timestamp: '2026-03-02T09:20:00Z',
        sampledValue: [
          { value: '104000', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
          { value: '11.04', measurand: 'Power.Active.Import', unit: 'kW' },
          { value: 'AP2Y…', format: 'SignedData', measurand: 'Energy.Active.Import.Register' },
        ],
      },
    ]);
    expect(readings).toEqual([{ at: '2026-03-02T09:20:00.000Z', energyKwh: 104, powerKw: 11.04, context: 'Sample.Periodic' }]);
  });

  it('StopTransaction: meterStop in kWh, the transaction id as text, transactionData as readings without the Transaction.End repeat', () => {
    const end = stopFrom16({
      transactionId: 42,
      meterStop: 110000,
      timestamp: '2026-03-02T10:00:00Z',
      reason: 'EVDisconnected',
      idTag: 'ABC',
      transactionData: [
        { timestamp: '2026-03-02T09:50:00Z', sampledValue: [{ value: '109000', context: 'Sample.Periodic' }] },
        { timestamp: '2026-03-02T10:00:00Z', sampledValue: [{ value: '110000', context: 'Transaction.End' }] },
      ],
    });
    expect(end).toEqual({
      transactionId: '42',
      meterStopKwh: 110,
      at: '2026-03-02T10:00:00.000Z',
      reason: 'EVDisconnected',
      idToken: { id: 'ABC' },
      readings: [{ at: '2026-03-02T09:50:00.000Z', energyKwh: 109, context: 'Sample.Periodic' }],
    });
  });

  it('folds verdicts 1.6 does not have into its own', () => {
    expect(idTagInfo16('Accepted')).toEqual({ status: 'Accepted' });
    expect(idTagInfo16('NoCredit')).toEqual({ status: 'Blocked' });
    expect(idTagInfo16('Unknown')).toEqual({ status: 'Invalid' });
    expect(idTagInfo16('NotAtThisLocation')).toEqual({ status: 'Invalid' });
  });

  it('builds the 1.6 requests for commands', () => {
    expect(request16({ kind: 'start', place: { connector: 2 }, idToken: { id: 'ABC', type: 'ISO14443' }, remoteStartId: 9 })).toEqual({ method: 'RemoteStartTransaction', params: { idTag: 'ABC', connectorId: 2 } });
    expect(request16({ kind: 'stop', transactionId: '42' })).toEqual({ method: 'RemoteStopTransaction', params: { transactionId: 42 } });
    expect(request16({ kind: 'unlock', place: { connector: 1 } })).toEqual({ method: 'UnlockConnector', params: { connectorId: 1 } });
    expect(request16({ kind: 'reserve', place: { connector: 1 }, reservationId: 5, expiresAt: '2026-03-02T10:00:00.000Z', idToken: { id: 'ABC' } })).toEqual({
      method: 'ReserveNow',
      params: { connectorId: 1, expiryDate: '2026-03-02T10:00:00.000Z', idTag: 'ABC', reservationId: 5 },
    });
    expect(request16({ kind: 'cancelReservation', reservationId: 5 })).toEqual({ method: 'CancelReservation', params: { reservationId: 5 } });
  });
});
