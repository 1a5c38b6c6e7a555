import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import { priceSession, type MeterSample } from '../../src/tariff/index.js';
import { SimulatedCharger } from '../chargers/simulated-charger.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, databaseFor, EMSP_PARTY, eventually, importRoamingFixtures, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
const DRIVER = { uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W' };

interface Location {
  evses: Array<{ uid: string; status: string }>;
}
interface Session {
  id: string;
  status: string;
  kwh: number;
  evse_uid: string;
  auth_method: string;
}
interface Cdr {
  session_id: string;
  cdr_location: { evse_uid: string };
  total_energy: number;
  total_time: number;
  total_cost: { excl_vat: number; incl_vat: number };
  total_energy_cost: { excl_vat: number; incl_vat: number };
  total_fixed_cost: { excl_vat: number; incl_vat: number };
}

/**
 * Chargers at a CPO process, a driver of an eMSP process: a 1.6 and a 2.0.1 charger connect over
 * real WebSockets to the CPO's OCPP endpoint and each run a session for the eMSP's token; the
 * eMSP receives both sessions and CDRs priced as the tariff engine prices the same readings, the
 * CPO's location shows what the chargers reported, and a remote start reaches a charger.
 */
describe('chargers at a CPO process, driving sessions for an eMSP process', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let emspPeerId: string;
  let tariff: Tariff;
  const chargers: SimulatedCharger[] = [];

  beforeAll(async () => {
    const extra = { syncIntervalMinutes: 0, commandTimeoutSeconds: 10 };
    [cpo, emsp] = await Promise.all([startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY], extra }), startEvroam({ database: databaseFor(postgres), parties: [EMSP_PARTY], extra })]);
    await importRoamingFixtures(cpo);
    emspPeerId = (await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY)).atRegistrant;
    const pulled = await emsp.cli(['peer', 'pull', '--id', emspPeerId, '--module', 'locations']);
    if (pulled.code !== 0) throw new Error(pulled.stderr);
    const issued = await emsp.api('POST', '/parties/DE-MSP/tokens', DRIVER);
    if (issued.status !== 201) throw new Error(JSON.stringify(issued.body));
    tariff = (await cpo.api<Tariff>('GET', '/parties/NL-CPO/tariffs/AC-STANDARD')).body;
    // The token reaches the CPO by push.
    await eventually(async () => ((await cpo.api<{ allowed: boolean }>('POST', '/parties/NL-CPO/authorize', { uid: DRIVER.uid, type: 'RFID' })).body.allowed ? true : undefined), 15_000, 'the token at the CPO');
  });

  afterAll(async () => {
    await Promise.all(chargers.map((c) => c.close().catch(() => undefined)));
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  const plug = async (identity: string, version: '1.6' | '2.0.1', password: string, handlers = {}) => {
    const charger = await SimulatedCharger.connect({ endpoint: `${cpo.url.replace('http', 'ws')}/ocpp`, identity, version, password, handlers });
    chargers.push(charger);
    return charger;
  };
  const cpoEvse = async (uid: string) => (await cpo.api<Location>('GET', '/parties/NL-CPO/locations/LOC-HARBOUR')).body.evses.find((e) => e.uid === uid)?.status;
  const emspEvse = async (uid: string) => (await emsp.api<Location>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-HARBOUR')).body.evses.find((e) => e.uid === uid)?.status;
  const receivedCdr = (evse: string) =>
    eventually(async () => (await emsp.api<Array<{ cdr: Cdr }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr).find((c) => c.cdr_location.evse_uid === evse), 15_000, `the CDR of ${evse} at the eMSP`);
  /** What the engine makes of the same readings: the CDR must carry exactly these totals. */
  const engine = (timeline: MeterSample[]) => priceSession({ tariff: tariff as never, timeZone: 'Europe/Amsterdam', timeline });

  it('registers both chargers with `evroam charger add` and refuses an unregistered one', async () => {
    const added16 = await cpo.cli(['charger', 'add', '--party', 'NL-CPO', '--id', 'CB-16', '--location', 'LOC-HARBOUR', '--evse', 'EVSE-H1', '--connector', '1=1', '--password', 'sixteen-secret']);
    expect(added16.code, added16.stderr).toBe(0);
    expect(JSON.parse(added16.stdout)).toMatchObject({ id: 'CB-16', connectors: [{ ocpp: '1', evse_uid: 'EVSE-H1', connector_id: '1' }], password_protected: true });
    const added201 = await cpo.cli(['charger', 'add', '--party', 'NL-CPO', '--id', 'CB-201', '--location', 'LOC-HARBOUR', '--evse', 'EVSE-H2', '--password', 'two-oh-one-secret']);
    expect(added201.code, added201.stderr).toBe(0);
    const wrong = await cpo.cli(['charger', 'add', '--party', 'NL-CPO', '--id', 'CB-X', '--location', 'LOC-HARBOUR', '--evse', 'EVSE-H9']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('evse_uid');
    await expect(plug('CB-X', '1.6', 'whatever-secret')).rejects.toThrow();
  });

  it('a 1.6 charger runs a session for the eMSP token: the eMSP gets the session and a CDR priced as the engine prices it', async () => {
    const charger = await plug('CB-16', '1.6', 'sixteen-secret');
    await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve Single' });
    await charger.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
    expect(await cpoEvse('EVSE-H1')).toBe('CHARGING');
    await eventually(async () => ((await emspEvse('EVSE-H1')) === 'CHARGING' ? true : undefined), 15_000, 'the EVSE status at the eMSP');

    expect(await charger.call('Authorize', { idTag: DRIVER.uid.toLowerCase() })).toEqual({ idTagInfo: { status: 'Accepted' } });
    const start = '2026-03-02T09:00:00.000Z';
    const at = (m: number) => new Date(Date.parse(start) + m * 60_000).toISOString();
    const { transactionId } = await charger.call<{ transactionId: number }>('StartTransaction', { connectorId: 1, idTag: DRIVER.uid.toLowerCase(), meterStart: 100_000, timestamp: start });
    for (const [m, wh] of [[20, 104_000], [40, 108_000]] as const) {
      await charger.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: at(m), sampledValue: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] });
    }
    await charger.call('StopTransaction', { transactionId, meterStop: 110_000, timestamp: at(60), reason: 'EVDisconnected' });

    const cdr = await receivedCdr('EVSE-H1');
    const expected = engine([100, 104, 108, 110].map((kwh, i) => ({ at: at([0, 20, 40, 60][i]!), energyKwh: kwh, state: 'CHARGING' as const })));
    expect(cdr.total_energy).toBe(10);
    expect({ total_cost: cdr.total_cost, total_energy: cdr.total_energy, total_time: cdr.total_time, total_energy_cost: cdr.total_energy_cost }).toEqual({
      total_cost: expected.total_cost,
      total_energy: expected.total_energy,
      total_time: expected.total_time,
      total_energy_cost: expected.total_energy_cost,
    });
    const session = (await emsp.api<Array<{ session: Session }>>('GET', '/parties/DE-MSP/received/sessions')).body.map((r) => r.session).find((s) => s.id === cdr.session_id);
    expect(session).toMatchObject({ status: 'COMPLETED', kwh: 10, evse_uid: 'EVSE-H1', auth_method: 'AUTH_REQUEST' });
    expect(charger.problems).toEqual([]);
  });

  it('a 2.0.1 charger runs a session for the same token: TransactionEvent Started, Updated, Ended', async () => {
    const charger = await plug('CB-201', '2.0.1', 'two-oh-one-secret');
    await charger.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'ABB', model: 'Terra AC' } });
    await charger.call('StatusNotification', { timestamp: new Date().toISOString(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
    expect(await cpoEvse('EVSE-H2')).toBe('CHARGING');

    expect(await charger.call('Authorize', { idToken: { idToken: DRIVER.uid, type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Accepted' } });
    const start = '2026-03-03T17:30:00.000Z';
    const at = (m: number) => new Date(Date.parse(start) + m * 60_000).toISOString();
    const energy = (kwh: number, context: string) => ({ value: kwh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } });
    const base = { transactionInfo: { transactionId: '5f0e2c1a-tx-1', chargingState: 'Charging' }, evse: { id: 1, connectorId: 1 } };
    const started = await charger.call('TransactionEvent', {
      ...base,
      eventType: 'Started',
      timestamp: start,
      triggerReason: 'Authorized',
      seqNo: 0,
      idToken: { idToken: DRIVER.uid, type: 'ISO14443' },
      meterValue: [{ timestamp: start, sampledValue: [energy(20, 'Transaction.Begin')] }],
    });
    expect(started).toEqual({ idTokenInfo: { status: 'Accepted' } });
    await charger.call('TransactionEvent', { ...base, eventType: 'Updated', timestamp: at(30), triggerReason: 'MeterValuePeriodic', seqNo: 1, meterValue: [{ timestamp: at(30), sampledValue: [energy(25.5, 'Sample.Periodic')] }] });
    await charger.call('TransactionEvent', {
      ...base,
      eventType: 'Ended',
      timestamp: at(90),
      triggerReason: 'EVDeparted',
      seqNo: 2,
      transactionInfo: { transactionId: '5f0e2c1a-tx-1', stoppedReason: 'EVDisconnected' },
      meterValue: [{ timestamp: at(90), sampledValue: [energy(33.25, 'Transaction.End')] }],
    });
    await charger.call('StatusNotification', { timestamp: new Date().toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 });
    expect(await cpoEvse('EVSE-H2')).toBe('AVAILABLE');

    const cdr = await receivedCdr('EVSE-H2');
    const expected = engine([20, 25.5, 33.25].map((kwh, i) => ({ at: at([0, 30, 90][i]!), energyKwh: kwh, state: 'CHARGING' as const })));
    expect(cdr.total_energy).toBe(13.25);
    expect({ total_cost: cdr.total_cost, total_energy: cdr.total_energy, total_time: cdr.total_time, total_fixed_cost: cdr.total_fixed_cost }).toEqual({
      total_cost: expected.total_cost,
      total_energy: expected.total_energy,
      total_time: expected.total_time,
      total_fixed_cost: expected.total_fixed_cost,
    });
    expect(charger.problems).toEqual([]);
  });

  it('a remote START_SESSION from the eMSP reaches the connected charger, and its CommandResult and session come back', async () => {
    const charger = chargers.find((c) => c.options.identity === 'CB-16')!;
    await charger.close();
    const remote = await plug('CB-16', '1.6', 'sixteen-secret', { RemoteStartTransaction: () => ({ status: 'Accepted' }) });
    const sent = await emsp.api<{ id: string; status: string }>('POST', '/parties/DE-MSP/commands', {
      to: 'NL-CPO',
      command: 'START_SESSION',
      token: { country_code: 'DE', party_id: 'MSP', ...DRIVER, issuer: 'Test eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-03-01T00:00:00Z' },
      location_id: 'LOC-HARBOUR',
      evse_uid: 'EVSE-H1',
      authorization_reference: 'REMOTE-1',
    });
    expect(sent.body.status).toBe('ACCEPTED');
    const done = await eventually(async () => {
      const command = (await emsp.api<{ status: string; result: { result: string } | null }>('GET', `/parties/DE-MSP/commands/${sent.body.id}`)).body;
      return command.result ? command : undefined;
    }, 15_000, 'the CommandResult');
    expect(done).toMatchObject({ status: 'RESULT_RECEIVED', result: { result: 'ACCEPTED' } });
    expect(remote.requests).toEqual([['RemoteStartTransaction', { idTag: DRIVER.uid, connectorId: 1 }]]);

    // The charger starts the transaction it was asked for: the session is the eMSP's command.
    const { transactionId } = await remote.call<{ transactionId: number }>('StartTransaction', { connectorId: 1, idTag: DRIVER.uid, meterStart: 200_000, timestamp: new Date().toISOString() });
    const session = await eventually(async () => (await emsp.api<Array<{ session: Session & { authorization_reference?: string } }>>('GET', '/parties/DE-MSP/received/sessions')).body.map((r) => r.session).find((s) => s.auth_method === 'COMMAND'), 15_000, 'the remotely started session');
    expect(session).toMatchObject({ status: 'ACTIVE', evse_uid: 'EVSE-H1', authorization_reference: 'REMOTE-1' });
    expect(Number.isInteger(transactionId)).toBe(true);
    expect(remote.problems).toEqual([]);
  });
});
