import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { cpoChargersModule } from '../../src/cpo/chargers/cpo-chargers-module.js';
import type { SessionService } from '../../src/cpo/sessions/session-service.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { SimulatedCharger } from './simulated-charger.js';
import { at, meterValues16, startChargerPair, TOKEN, type ChargerPair, type StartAnswer, type Transaction } from './support.js';

/** Not the defaults, so the test shows each setting is read: a 90-minute stop timeout, session updates at most every 5 minutes. */
const CONFIG = { chargerStopTimeoutMinutes: 90, chargerMeterIntervalSeconds: 300, chargerHeartbeatIntervalSeconds: 120 };
const MINUTE = 60_000;

/** `minutes` before now, as a charger writes it (on the second, as chargers do). */
function ago(minutes: number): string {
  return new Date(Math.floor((Date.now() - minutes * MINUTE) / 1000) * 1000).toISOString();
}

describe.each(backends)('chargers that misbehave, on $name', (backend) => {
  let pair: ChargerPair;
  const connected: SimulatedCharger[] = [];

  beforeAll(async () => {
    pair = await startChargerPair(backend, CONFIG);
  });
  afterAll(async () => {
    for (const charger of connected) expect(charger.problems).toEqual([]);
    await pair?.close();
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await dropTestSchemas();
  });

  const connect = async (identity: string, version: '1.6' | '2.0.1' = '1.6') => {
    const charger = await pair.connect({ identity, version });
    connected.push(charger);
    return charger;
  };
  const module = <T>(name: string) => pair.cpo.service.modules.find((m) => m.name === name) as unknown as T;
  const chargers = () => module<ReturnType<typeof cpoChargersModule>>('cpo-chargers');
  const sessions = () => module<{ service: SessionService }>('cpo-sessions').service;
  const transactions = async (id: string) => (await pair.cpo.api<Transaction[]>('GET', `/parties/NL-CPO/chargers/${id}/transactions`)).body;
  const session = async (id: string) => (await pair.cpo.api<Session>('GET', `/parties/NL-CPO/sessions/${id}`)).body;
  const cdrsOf = async (sessionId: string) => (await pair.cpo.api<Array<{ cdr: CDR }>>('GET', '/parties/NL-CPO/cdrs?limit=1000')).body.map((c) => c.cdr).filter((c) => c.session_id === sessionId);
  const window = () => ({ from: new Date(Date.now() - 24 * 60 * MINUTE), to: new Date(Date.now() + 24 * 60 * MINUTE) });
  const evseAtCpo = async (uid: string) => (await pair.cpo.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/NL-CPO/locations/LOC-1')).body.evses.find((e) => e.uid === uid)?.status;
  const evseAtEmsp = async (uid: string) => {
    await pair.cpo.deliver();
    return (await pair.emsp.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-1')).body.evses.find((e) => e.uid === uid)?.status;
  };

  // First in the file: the sweep closes every transaction silent for longer than the timeout.
  it('a StopTransaction that never comes: the session closes after the stop timeout from the last message, at the last reading, marked for reconciliation; a late stop makes no second CDR', async () => {
    await pair.register('CB-SILENT', 'EVSE-1');
    const charger = await connect('CB-SILENT');
    // The charger's start lies further back than the timeout; only the time of its last message counts.
    const start = ago(120);
    const answer = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 100_000, timestamp: start });
    await charger.call('MeterValues', meterValues16(answer.transactionId, at(start, 10), 101_000));
    // Two minutes later: not forwarded to the session (at most one update in five minutes), but the last reading.
    await charger.call('MeterValues', meterValues16(answer.transactionId, at(start, 12), 101_500));
    await charger.close();
    const [running] = await pair.sessionsAt('EVSE-1');
    expect(running).toMatchObject({ status: 'ACTIVE', kwh: 1 });

    expect(await chargers().transactions.closeSilent(new Date(Date.now() + 89 * MINUTE))).toBe(0);
    expect((await session(running!.id)).status).toBe('ACTIVE');
    expect(await chargers().transactions.closeSilent(new Date(Date.now() + 91 * MINUTE))).toBe(1);

    const closed = await session(running!.id);
    expect(closed).toMatchObject({ status: 'COMPLETED', kwh: 1.5, end_date_time: at(start, 12) });
    const [cdr] = await cdrsOf(running!.id);
    expect(cdr).toMatchObject({ total_energy: 1.5, end_date_time: at(start, 12) });
    expect(cdr!.remark).toContain('never reported the end');
    await pair.cpo.deliver();
    const atEmsp = (await pair.emsp.api<Array<{ cdr: CDR }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr).find((c) => c.session_id === running!.id);
    expect(atEmsp?.remark).toBe(cdr!.remark);

    // What reconciliation reads, through the sessions service.
    expect((await sessions().closedByTimeout(window())).map((s) => s.id)).toEqual([running!.id]);
    const metered = (await sessions().meteredSessions(window())).find((m) => m.session_id === running!.id);
    expect(metered).toMatchObject({ meter_kwh: 1.5, closed_by_timeout: true, flags: ['stop_timeout'] });

    // The charger comes back with its queued stop: answered, kept as evidence, no second CDR.
    const back = await connect('CB-SILENT');
    expect(await back.call('StopTransaction', { transactionId: answer.transactionId, meterStop: 103_000, timestamp: at(start, 30), reason: 'EVDisconnected' })).toEqual({});
    expect(await cdrsOf(running!.id)).toHaveLength(1);
    expect((await session(running!.id)).kwh).toBe(1.5);
    const [transaction] = await transactions('CB-SILENT');
    expect(transaction).toMatchObject({ status: 'ENDED', flags: ['stop_timeout', 'stop_after_timeout'] });
    expect(transaction!.evidence).toEqual([expect.objectContaining({ kind: 'stop_after_timeout', reported: { at: at(start, 30), meter_stop_kwh: 103, reason: 'EVDisconnected' } })]);
  });

  it('timestamps ahead of our clock or years old are replaced by the time of receipt, flagged, and kept as evidence', async () => {
    await pair.register('CB-CLOCK', 'EVSE-2');
    const charger = await connect('CB-CLOCK');
    const ahead = new Date(Date.now() + 60 * MINUTE).toISOString();
    const before = Date.now();
    const start = { connectorId: 1, idTag: TOKEN.uid, meterStart: 20_000, timestamp: ahead };
    const answer = await charger.call<StartAnswer>('StartTransaction', start);
    const after = Date.now();
    // Sent again (the answer was lost): recognised by the charger's own timestamp, though we did not use it.
    expect(await charger.call<StartAnswer>('StartTransaction', start)).toEqual(answer);
    const [started] = await pair.sessionsAt('EVSE-2');
    expect(Date.parse(started!.start_date_time)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(started!.start_date_time)).toBeLessThanOrEqual(after);

    // A clock that lost its time at boot: 1970 and 2000.
    await charger.call('MeterValues', meterValues16(answer.transactionId, '1970-01-01T00:10:00Z', 21_000));
    await charger.call('StopTransaction', { transactionId: answer.transactionId, meterStop: 22_000, timestamp: '2000-01-01T00:00:00Z' });
    const [stopped] = await pair.sessionsAt('EVSE-2');
    expect(stopped).toMatchObject({ status: 'COMPLETED', kwh: 2 });
    expect(Date.parse(stopped!.end_date_time!)).toBeGreaterThan(Date.parse(stopped!.start_date_time));
    expect(Date.parse(stopped!.end_date_time!)).toBeLessThanOrEqual(Date.now());
    expect((await cdrsOf(stopped!.id))[0]).toMatchObject({ total_energy: 2, start_date_time: stopped!.start_date_time, end_date_time: stopped!.end_date_time });

    const [transaction] = await transactions('CB-CLOCK');
    expect(transaction!.flags).toEqual(['clock_ahead', 'clock_too_old']);
    expect(transaction!.evidence.map((e) => [e.kind, e.message, e.reported])).toEqual([
      ['clock_ahead', 'start', ahead],
      ['clock_too_old', 'reading', '1970-01-01T00:10:00Z'],
      ['clock_too_old', 'stop', '2000-01-01T00:00:00Z'],
    ]);
    expect(transaction!.evidence[0]!.used).toBe(started!.start_date_time);
  });

  it('a meter that resets mid-session: no negative energy, the energy after the reset continues from the last good reading, and the session is flagged', async () => {
    await pair.register('CB-RESET', 'EVSE-3');
    const charger = await connect('CB-RESET');
    const start = ago(60);
    const answer = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 50_000, timestamp: start });
    await charger.call('MeterValues', meterValues16(answer.transactionId, at(start, 10), 52_000));
    // The register restarts near zero.
    await charger.call('MeterValues', meterValues16(answer.transactionId, at(start, 20), 500));
    const [running] = await pair.sessionsAt('EVSE-3');
    expect(running!.kwh).toBe(2);
    await charger.call('MeterValues', meterValues16(answer.transactionId, at(start, 30), 2_500));
    expect((await session(running!.id)).kwh).toBe(4);
    await charger.call('StopTransaction', { transactionId: answer.transactionId, meterStop: 3_000, timestamp: at(start, 40) });

    // 2 kWh before the reset, 2.5 kWh after it.
    expect(await session(running!.id)).toMatchObject({ status: 'COMPLETED', kwh: 4.5 });
    expect((await cdrsOf(running!.id))[0]).toMatchObject({ total_energy: 4.5, total_cost: { excl_vat: 1.85 } });
    expect((await transactions('CB-RESET'))[0]!.flags).toEqual(['meter_went_back']);
    expect((await sessions().meteredSessions(window())).find((m) => m.session_id === running!.id)).toMatchObject({ meter_kwh: 4.5, closed_by_timeout: false, flags: ['meter_went_back'] });
  });

  it('a 1.6 charger rebooting mid-session: BootNotification, the StartTransaction replayed, a PowerLoss stop sent twice → one session, one CDR', async () => {
    await pair.register('CB-REBOOT-16', 'EVSE-4');
    const charger = await connect('CB-REBOOT-16');
    expect(await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' })).toMatchObject({ status: 'Accepted', interval: 120 });
    const start = ago(60);
    const payload = { connectorId: 1, idTag: TOKEN.uid, meterStart: 10_000, timestamp: start };
    const answer = await charger.call<StartAnswer>('StartTransaction', payload);
    await charger.call('MeterValues', meterValues16(answer.transactionId, at(start, 10), 12_000));
    await charger.close();

    const rebooted = await connect('CB-REBOOT-16');
    await rebooted.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' });
    expect(await rebooted.call<StartAnswer>('StartTransaction', payload)).toEqual(answer);
    await rebooted.call('MeterValues', meterValues16(answer.transactionId, at(start, 20), 14_000));
    const stop = { transactionId: answer.transactionId, meterStop: 15_000, timestamp: at(start, 25), reason: 'PowerLoss' };
    expect(await rebooted.call('StopTransaction', stop)).toEqual({});
    expect(await rebooted.call('StopTransaction', { ...stop, reason: 'Reboot' })).toEqual({});

    const all = await pair.sessionsAt('EVSE-4');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'COMPLETED', kwh: 5, start_date_time: start, end_date_time: at(start, 25) });
    expect(await cdrsOf(all[0]!.id)).toHaveLength(1);
    expect((await transactions('CB-REBOOT-16'))[0]!.flags).toEqual(['charger_rebooted']);
  });

  it('a 2.0.1 charger rebooting mid-session: the Started event replayed, an offline Ended with PowerLoss sent twice → one session, one CDR', async () => {
    await pair.register('CB-REBOOT-201', 'EVSE-5');
    const start = ago(60);
    const energy = (wh: number, context: string) => ({ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } });
    const started = {
      eventType: 'Started',
      seqNo: 0,
      timestamp: start,
      triggerReason: 'Authorized',
      transactionInfo: { transactionId: 'reboot-tx' },
      evse: { id: 1, connectorId: 1 },
      idToken: { idToken: TOKEN.uid, type: 'ISO14443' },
      meterValue: [{ timestamp: start, sampledValue: [energy(3_000, 'Transaction.Begin')] }],
    };
    const charger = await connect('CB-REBOOT-201', '2.0.1');
    expect(await charger.call('TransactionEvent', started)).toEqual({ idTokenInfo: { status: 'Accepted' } });
    await charger.call('TransactionEvent', { eventType: 'Updated', seqNo: 1, timestamp: at(start, 10), triggerReason: 'MeterValuePeriodic', transactionInfo: { transactionId: 'reboot-tx' }, meterValue: [{ timestamp: at(start, 10), sampledValue: [energy(6_000, 'Sample.Periodic')] }] });
    await charger.close();

    const rebooted = await connect('CB-REBOOT-201', '2.0.1');
    await rebooted.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'ABB', model: 'Terra' } });
    expect(await rebooted.call('TransactionEvent', started)).toEqual({ idTokenInfo: { status: 'Accepted' } });
    const ended = {
      eventType: 'Ended',
      seqNo: 2,
      offline: true,
      timestamp: at(start, 15),
      triggerReason: 'AbnormalCondition',
      transactionInfo: { transactionId: 'reboot-tx', stoppedReason: 'PowerLoss' },
      meterValue: [{ timestamp: at(start, 15), sampledValue: [energy(7_000, 'Transaction.End')] }],
    };
    expect(await rebooted.call('TransactionEvent', ended)).toEqual({});
    expect(await rebooted.call('TransactionEvent', ended)).toEqual({});

    const all = await pair.sessionsAt('EVSE-5');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'COMPLETED', kwh: 4, end_date_time: at(start, 15) });
    expect(await cdrsOf(all[0]!.id)).toHaveLength(1);
  });

  it('a charger that disconnects leaves its EVSE UNKNOWN at the CPO and the eMSP; reconnected, the EVSE shows its last report, then what it reports next', async () => {
    await pair.register('CB-LINK', 'EVSE-6');
    const charger = await connect('CB-LINK');
    await charger.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
    expect(await evseAtEmsp('EVSE-6')).toBe('CHARGING');

    await charger.close();
    await expect.poll(() => evseAtCpo('EVSE-6')).toBe('UNKNOWN');
    expect(await evseAtEmsp('EVSE-6')).toBe('UNKNOWN');

    const back = await connect('CB-LINK');
    await expect.poll(() => evseAtCpo('EVSE-6')).toBe('CHARGING');
    await back.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    expect(await evseAtCpo('EVSE-6')).toBe('AVAILABLE');
    expect(await evseAtEmsp('EVSE-6')).toBe('AVAILABLE');
  });

  it('a 1.6 StartTransaction on a connector whose transaction never stopped: the old session ends at the new start with its last reading, its CDR marked for reconciliation, then the new one starts', async () => {
    await pair.register('CB-FORGOT', 'EVSE-7');
    const charger = await connect('CB-FORGOT');
    const start = ago(60);
    const first = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 10_000, timestamp: start });
    await charger.call('MeterValues', meterValues16(first.transactionId, at(start, 10), 12_000));
    // Not forwarded to the session (at most one update in five minutes), but the last register received.
    await charger.call('MeterValues', meterValues16(first.transactionId, at(start, 12), 12_500));
    // The charger reboots and forgets the transaction: no stop, and the next driver starts on the same connector.
    await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' });
    const second = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 13_000, timestamp: at(start, 30) });
    expect(second.idTagInfo.status).toBe('Accepted');
    expect(second.transactionId).not.toBe(first.transactionId);

    const [old, current] = (await pair.sessionsAt('EVSE-7')).sort((a, b) => a.start_date_time.localeCompare(b.start_date_time));
    expect(old).toMatchObject({ status: 'COMPLETED', kwh: 2.5, end_date_time: at(start, 30) });
    expect(current).toMatchObject({ status: 'ACTIVE', start_date_time: at(start, 30) });
    const [cdr] = await cdrsOf(old!.id);
    expect(cdr).toMatchObject({ total_energy: 2.5, end_date_time: at(start, 30) });
    expect(cdr!.remark).toContain('never reported the end');
    // What reconciliation reads: the session is reported as one the CPO closed itself.
    expect((await sessions().closedByTimeout(window())).map((s) => s.id)).toContain(old!.id);
    expect((await sessions().meteredSessions(window())).find((m) => m.session_id === old!.id)).toMatchObject({ closed_by_timeout: true, flags: ['charger_rebooted', 'replaced_by_new_start'] });

    // The old stop arrives after all: answered, kept as evidence, no second CDR.
    expect(await charger.call('StopTransaction', { transactionId: first.transactionId, meterStop: 12_900, timestamp: at(start, 20) })).toEqual({});
    expect(await cdrsOf(old!.id)).toHaveLength(1);
    await charger.call('StopTransaction', { transactionId: second.transactionId, meterStop: 15_000, timestamp: at(start, 50) });
    const [next] = await cdrsOf(current!.id);
    expect(next!.total_energy).toBe(2);
    expect(next!.remark).toBeUndefined();
    const byId = new Map((await transactions('CB-FORGOT')).map((t) => [t.transaction_id, t]));
    expect(byId.get(String(first.transactionId))).toMatchObject({ status: 'ENDED', flags: ['charger_rebooted', 'replaced_by_new_start', 'stop_after_replaced'] });
    expect(byId.get(String(first.transactionId))!.evidence).toEqual([expect.objectContaining({ kind: 'stop_after_replaced', reported: { at: at(start, 20), meter_stop_kwh: 12.9, reason: null } })]);
    expect(byId.get(String(second.transactionId))).toMatchObject({ status: 'ENDED', flags: [] });
  });

  it('a 2.0.1 TransactionEvent Started with a new transaction id on an EVSE whose transaction is open: the old session ends at that start, then the new one runs', async () => {
    await pair.register('CB-FORGOT-201', 'EVSE-8');
    const charger = await connect('CB-FORGOT-201', '2.0.1');
    const start = ago(60);
    const energy = (wh: number, context: string) => ({ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } });
    const started = (transactionId: string, minutes: number, wh: number) => ({
      eventType: 'Started',
      seqNo: 0,
      timestamp: at(start, minutes),
      triggerReason: 'Authorized',
      transactionInfo: { transactionId },
      evse: { id: 1, connectorId: 1 },
      idToken: { idToken: TOKEN.uid, type: 'ISO14443' },
      meterValue: [{ timestamp: at(start, minutes), sampledValue: [energy(wh, 'Transaction.Begin')] }],
    });
    await charger.call('TransactionEvent', started('forgot-a', 0, 3_000));
    await charger.call('TransactionEvent', { eventType: 'Updated', seqNo: 1, timestamp: at(start, 10), triggerReason: 'MeterValuePeriodic', transactionInfo: { transactionId: 'forgot-a' }, meterValue: [{ timestamp: at(start, 10), sampledValue: [energy(6_000, 'Sample.Periodic')] }] });
    expect(await charger.call('TransactionEvent', started('forgot-b', 20, 6_500))).toEqual({ idTokenInfo: { status: 'Accepted' } });

    const [old, current] = (await pair.sessionsAt('EVSE-8')).sort((a, b) => a.start_date_time.localeCompare(b.start_date_time));
    expect(old).toMatchObject({ status: 'COMPLETED', kwh: 3, end_date_time: at(start, 20) });
    expect((await cdrsOf(old!.id))[0]!.remark).toContain('never reported the end');
    expect(current).toMatchObject({ status: 'ACTIVE', start_date_time: at(start, 20) });
    const byId = new Map((await transactions('CB-FORGOT-201')).map((t) => [t.transaction_id, t]));
    expect(byId.get('forgot-a')).toMatchObject({ status: 'ENDED', flags: ['replaced_by_new_start'] });
    expect(byId.get('forgot-b')).toMatchObject({ status: 'ACTIVE', flags: [] });
  });
});
