import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { SimulatedCharger } from './simulated-charger.js';
import { at, meterValues16, startChargerPair, TOKEN, type ChargerPair, type StartAnswer, type Transaction } from './support.js';

/** The driver's card as chargers read it: lower case and in reversed byte order. */
const CARD_AS_READ = '80e6d5c4b3a204';

describe.each(backends)('chargers of a CPO on $name', (backend) => {
  let pair: ChargerPair;
  const connected: SimulatedCharger[] = [];

  beforeAll(async () => {
    pair = await startChargerPair(backend);
  });
  afterAll(async () => {
    for (const charger of connected) expect(charger.problems).toEqual([]);
    // Chargers still connected: closing the service closes their sockets instead of waiting for them.
    const started = Date.now();
    await pair?.close();
    expect(Date.now() - started).toBeLessThan(5000);
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await dropTestSchemas();
  });

  const connect = async (identity: string, version: '1.6' | '2.0.1' = '1.6', password?: string) => {
    const charger = await pair.connect({ identity, version, ...(password && { password }) });
    connected.push(charger);
    return charger;
  };
  const location = async () => (await pair.cpo.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/NL-CPO/locations/LOC-1')).body;
  const transactions = async (id: string) => (await pair.cpo.api<Transaction[]>('GET', `/parties/NL-CPO/chargers/${id}/transactions`)).body;
  const cdrOf = async (sessionId: string) => (await pair.cpo.api<Array<{ cdr: CDR }>>('GET', '/parties/NL-CPO/cdrs?limit=1000')).body.map((c) => c.cdr).filter((c) => c.session_id === sessionId);

  it('registers a charger on an EVSE, checks the mapping, and keeps only a hash of its password', async () => {
    const unknownEvse = await pair.cpo.api<{ error: { field: string } }>('POST', '/parties/NL-CPO/chargers', { id: 'CB-X', location_id: 'LOC-1', evse_uid: 'EVSE-9' });
    expect(unknownEvse.status).toBe(400);
    expect(unknownEvse.body.error.field).toBe('evse_uid');
    const badConnector = await pair.cpo.api<{ error: { field: string } }>('POST', '/parties/NL-CPO/chargers', { id: 'CB-X', location_id: 'LOC-1', evse_uid: 'EVSE-1', connectors: { '1': '7' } });
    expect(badConnector.body.error.field).toBe('connectors');

    const created = await pair.cpo.api<Record<string, unknown>>('POST', '/parties/NL-CPO/chargers', { id: 'CB-16', location_id: 'LOC-1', evse_uid: 'EVSE-1', connectors: { '1': '1' }, password: 'correct horse battery' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'CB-16', location_id: 'LOC-1', connectors: [{ ocpp: '1', evse_uid: 'EVSE-1', connector_id: '1' }], password_protected: true, connected: false });
    expect(JSON.stringify(created.body)).not.toContain('horse');
    // One charger per EVSE.
    expect((await pair.cpo.api('POST', '/parties/NL-CPO/chargers', { id: 'CB-OTHER', location_id: 'LOC-1', evse_uid: 'EVSE-1' })).status).toBe(409);
    await expect(connect('CB-16', '1.6', 'wrong password!')).rejects.toThrow();
    await expect(connect('CB-UNKNOWN')).rejects.toThrow();
  });

  it('a 1.6 charger: tap in other case and byte order, start, throttled readings, stop → a priced CDR at the eMSP, and the EVSE status follows', async () => {
    const charger = await connect('CB-16', '1.6', 'correct horse battery');
    await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' });
    expect((await pair.cpo.api<{ connected: boolean; ocpp_version: string; boot: { vendor: string } }>('GET', '/parties/NL-CPO/chargers/CB-16')).body).toMatchObject({ connected: true, ocpp_version: '1.6', boot: { vendor: 'Alfen' } });

    await charger.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    expect((await location()).evses.find((e) => e.uid === 'EVSE-1')?.status).toBe('CHARGING');

    expect(await charger.call('Authorize', { idTag: CARD_AS_READ })).toEqual({ idTagInfo: { status: 'Accepted' } });
    const start = '2026-03-02T09:00:00.000Z';
    const started = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: CARD_AS_READ, meterStart: 1_000_000, timestamp: start });
    expect(started.idTagInfo.status).toBe('Accepted');
    expect(Number.isInteger(started.transactionId)).toBe(true);
    const [session] = await pair.sessionsAt('EVSE-1');
    expect(session).toMatchObject({ status: 'ACTIVE', start_date_time: start, cdr_token: { uid: TOKEN.uid, contract_id: TOKEN.contract_id }, auth_method: 'AUTH_REQUEST', connector_id: '1' });
    expect(session!.authorization_reference).toBeTruthy();

    // Ten seconds after the start: not yet a minute since the last update, so the session does not change.
    await charger.call('MeterValues', meterValues16(started.transactionId, at(start, 1 / 6), 1_000_100));
    expect((await pair.cpo.api<Session>('GET', `/parties/NL-CPO/sessions/${session!.id}`)).body.kwh).toBe(0);
    await charger.call('MeterValues', meterValues16(started.transactionId, at(start, 20), 1_003_000, [{ value: '11000', measurand: 'Power.Active.Import', unit: 'W' }]));
    expect((await pair.cpo.api<Session>('GET', `/parties/NL-CPO/sessions/${session!.id}`)).body.kwh).toBe(3);

    expect(await charger.call('StopTransaction', { transactionId: started.transactionId, meterStop: 1_006_000, timestamp: at(start, 60), idTag: CARD_AS_READ })).toEqual({ idTagInfo: { status: 'Accepted' } });
    await charger.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    expect((await location()).evses.find((e) => e.uid === 'EVSE-1')?.status).toBe('AVAILABLE');

    await pair.cpo.deliver();
    const received = (await pair.emsp.api<Array<{ cdr: CDR }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr).find((c) => c.session_id === session!.id);
    // FLAT 0.50 + 6 kWh × 0.30 = 2.30 excl. VAT, 2.783 incl. 21 %.
    expect(received).toMatchObject({ total_energy: 6, total_cost: { excl_vat: 2.3, incl_vat: 2.783 }, start_date_time: start, end_date_time: at(start, 60) });
    const atEmsp = (await pair.emsp.api<Array<{ session: Session }>>('GET', '/parties/DE-MSP/received/sessions')).body.find((r) => r.session.id === session!.id);
    expect(atEmsp?.session.status).toBe('COMPLETED');
  });

  it('a StartTransaction sent again after a reconnect is one session, a StopTransaction sent twice is one CDR', async () => {
    await pair.register('CB-DUP', 'EVSE-2');
    const start = '2026-03-03T09:00:00.000Z';
    const payload = { connectorId: 1, idTag: TOKEN.uid, meterStart: 500_000, timestamp: start };
    const first = await connect('CB-DUP');
    const answer = await first.call<StartAnswer>('StartTransaction', payload);
    await first.close();
    // The answer was lost on the way: the charger reconnects and sends the queued message again.
    const again = await connect('CB-DUP');
    expect(await again.call<StartAnswer>('StartTransaction', payload)).toEqual(answer);
    expect(await pair.sessionsAt('EVSE-2')).toHaveLength(1);

    const stop = { transactionId: answer.transactionId, meterStop: 510_000, timestamp: at(start, 30) };
    expect(await again.call('StopTransaction', stop)).toEqual({});
    expect(await again.call('StopTransaction', stop)).toEqual({});
    const [session] = await pair.sessionsAt('EVSE-2');
    expect(session!.status).toBe('COMPLETED');
    const cdrs = await cdrOf(session!.id);
    expect(cdrs).toHaveLength(1);
    expect(cdrs[0]!.total_energy).toBe(10);
  });

  it('a meterStop below meterStart bills no negative energy and flags the transaction', async () => {
    await pair.register('CB-METER', 'EVSE-3');
    const charger = await connect('CB-METER');
    const start = '2026-03-04T09:00:00.000Z';
    const answer = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 800_000, timestamp: start });
    expect(await charger.call('StopTransaction', { transactionId: answer.transactionId, meterStop: 2_000, timestamp: at(start, 45) })).toEqual({});
    const [session] = await pair.sessionsAt('EVSE-3');
    expect(session).toMatchObject({ status: 'COMPLETED', kwh: 0 });
    expect((await cdrOf(session!.id))[0]!.total_energy).toBe(0);
    expect((await transactions('CB-METER'))[0]).toMatchObject({ status: 'ENDED', flags: ['meter_went_back'] });
  });

  it('a charger offline mid-session replays its queued messages later; their past timestamps are kept', async () => {
    await pair.register('CB-OFFLINE', 'EVSE-4');
    const start = '2026-02-01T22:00:00.000Z';
    const before = await connect('CB-OFFLINE');
    const answer = await before.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 0, timestamp: start });
    await before.close();
    // Back online days later, the queue arrives in order.
    const after = await connect('CB-OFFLINE');
    await after.call('MeterValues', meterValues16(answer.transactionId, at(start, 30), 5_000));
    await after.call('MeterValues', meterValues16(answer.transactionId, at(start, 30), 5_000));
    await after.call('MeterValues', meterValues16(answer.transactionId, at(start, 90), 12_000));
    await after.call('StopTransaction', { transactionId: answer.transactionId, meterStop: 14_000, timestamp: at(start, 120), reason: 'EVDisconnected' });
    const [session] = await pair.sessionsAt('EVSE-4');
    expect(session).toMatchObject({ status: 'COMPLETED', start_date_time: start, end_date_time: at(start, 120), kwh: 14 });
    // The CDR keeps the charger's times, not the time the messages arrived.
    const cdr = (await cdrOf(session!.id))[0]!;
    expect(cdr).toMatchObject({ start_date_time: start, end_date_time: at(start, 120), total_energy: 14, total_time: 2 });
  });

  it('a token nobody knows is answered Invalid with a transaction id, and starts no session', async () => {
    await pair.register('CB-UNKNOWN-TAG', 'EVSE-5');
    const charger = await connect('CB-UNKNOWN-TAG');
    expect(await charger.call('Authorize', { idTag: 'DEADBEEF' })).toEqual({ idTagInfo: { status: 'Invalid' } });
    const answer = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: 'DEADBEEF', meterStart: 0, timestamp: '2026-03-05T09:00:00Z' });
    expect(answer.idTagInfo.status).toBe('Invalid');
    expect(await charger.call('StopTransaction', { transactionId: answer.transactionId, meterStop: 100, timestamp: '2026-03-05T09:01:00Z' })).toEqual({});
    expect(await pair.sessionsAt('EVSE-5')).toEqual([]);
    expect((await transactions('CB-UNKNOWN-TAG'))[0]).toMatchObject({ status: 'ENDED', session_id: null });
  });

  it('a 2.0.1 charger: a transaction that starts before the driver taps, gets its token later, and ends with the Transaction.End register', async () => {
    await pair.register('CB-201', 'EVSE-6');
    const charger = await connect('CB-201', '2.0.1');
    await charger.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'ABB', model: 'Terra' } });
    await charger.call('StatusNotification', { timestamp: '2026-03-06T08:59:00Z', connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
    expect((await location()).evses.find((e) => e.uid === 'EVSE-6')?.status).toBe('CHARGING');

    const start = '2026-03-06T09:00:00.000Z';
    const energy = (wh: number, context: string) => ({ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } });
    const event = (eventType: string, seqNo: number, minutes: number, extra: Record<string, unknown>) =>
      charger.call('TransactionEvent', { eventType, seqNo, timestamp: at(start, minutes), transactionInfo: { transactionId: 'b1c0-tx' }, ...extra });
    expect(await event('Started', 0, 0, { triggerReason: 'CablePluggedIn', evse: { id: 1, connectorId: 1 }, meterValue: [{ timestamp: start, sampledValue: [energy(2_000, 'Transaction.Begin')] }] })).toEqual({});
    expect(await pair.sessionsAt('EVSE-6')).toEqual([]);
    expect(await event('Updated', 1, 1, { triggerReason: 'Authorized', idToken: { idToken: TOKEN.uid.toLowerCase(), type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect((await pair.sessionsAt('EVSE-6'))[0]).toMatchObject({ status: 'ACTIVE', start_date_time: start, cdr_token: { uid: TOKEN.uid } });
    await event('Updated', 2, 30, { triggerReason: 'MeterValuePeriodic', meterValue: [{ timestamp: at(start, 30), sampledValue: [energy(5_500, 'Sample.Periodic')] }] });
    await event('Ended', 3, 60, { triggerReason: 'EVDeparted', transactionInfo: { transactionId: 'b1c0-tx', stoppedReason: 'EVDisconnected' }, meterValue: [{ timestamp: at(start, 60), sampledValue: [energy(9_000, 'Transaction.End')] }] });
    const [session] = await pair.sessionsAt('EVSE-6');
    expect(session).toMatchObject({ status: 'COMPLETED', kwh: 7, end_date_time: at(start, 60) });
    expect((await cdrOf(session!.id))[0]).toMatchObject({ total_energy: 7, total_cost: { excl_vat: 2.6 } });
  });

  it('commands: an offline charger is REJECTED at once; STOP_SESSION reaches the charger with its OCPP transaction id and its answer comes back', async () => {
    const token = { ...TOKEN, issuer: 'Test eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-01-01T00:00:00Z' };
    await pair.register('CB-NEVER-ON', 'EVSE-7');
    const offline = await pair.emsp.api<{ status: string; response: { message?: Array<{ text: string }> } }>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'START_SESSION', token, location_id: 'LOC-1', evse_uid: 'EVSE-7' });
    expect(offline.body.status).toBe('REJECTED');
    expect(offline.body.response.message?.[0]?.text).toContain('offline');

    await pair.register('CB-STOP', 'EVSE-8');
    const charger = await pair.connect({ identity: 'CB-STOP', version: '1.6', handlers: { RemoteStopTransaction: () => ({ status: 'Accepted' }) } });
    connected.push(charger);
    const answer = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 0, timestamp: '2026-03-07T09:00:00Z' });
    const [session] = await pair.sessionsAt('EVSE-8');
    const stop = await pair.emsp.api<{ id: string; status: string }>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'STOP_SESSION', session_id: session!.id });
    expect(stop.body.status).toBe('ACCEPTED');
    await expect.poll(() => charger.requests).toEqual([['RemoteStopTransaction', { transactionId: answer.transactionId }]]);
    await expect
      .poll(async () => {
        await pair.cpo.deliver();
        return (await pair.emsp.api<{ result: { result: string } | null }>('GET', `/parties/DE-MSP/commands/${stop.body.id}`)).body.result?.result;
      })
      .toBe('ACCEPTED');
  });
});
