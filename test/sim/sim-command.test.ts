import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ocppRpc from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimSummary } from '../../src/sim/sim-stats.js';
import { runCli, type EvroamProcess } from '../support/evroam-process.js';
import { CPO_PARTY, databaseFor, EMSP_PARTY, eventually, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/roaming');
const postgres = backends.find((b) => b.name === 'postgres')!;
const DRIVERS = [
  { uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W', whitelist: 'ALWAYS' },
  { uid: '04B1C2D3E4F501', type: 'RFID', contract_id: 'DE-MSP-C00000002-T', whitelist: 'ALWAYS' },
];

interface Cdr {
  session_id: string;
  start_date_time: string;
  end_date_time: string;
  cdr_token: { uid: string };
  cdr_location: { evse_uid: string };
  total_energy: number;
  total_time: number;
  total_cost: { excl_vat: number };
}
type Summary = SimSummary & { ocpp: string };

/**
 * `evroam sim chargers` against a real CPO process, with an eMSP process whose drivers tap their
 * cards: the chargers are registered with `evroam charger add`, run the scenario in compressed
 * time (an hour in well under a second), and the eMSP receives CDRs carrying the simulated times.
 */
describe('evroam sim chargers', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  const folder = mkdtempSync(join(tmpdir(), 'evroam-sim-'));
  const url = () => `${cpo.url.replace('http', 'ws')}/ocpp`;
  const sim = async (args: string[]) => {
    const run = await runCli(['sim', 'chargers', ...args]);
    return { ...run, summary: run.stdout ? (JSON.parse(run.stdout) as Summary) : undefined };
  };
  const scenarioFile = (name: string, scenario: unknown) => {
    const file = join(folder, name);
    writeFileSync(file, JSON.stringify(scenario));
    return file;
  };
  const cdrsAt = async () => (await emsp.api<Array<{ cdr: Cdr }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr);

  beforeAll(async () => {
    const extra = { syncIntervalMinutes: 0 };
    [cpo, emsp] = await Promise.all([startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY], extra }), startEvroam({ database: databaseFor(postgres), parties: [EMSP_PARTY], extra })]);
    for (const module of ['tariffs', 'locations']) {
      const imported = await cpo.api('POST', `/parties/NL-CPO/${module}/import`, JSON.parse(readFileSync(`${FIXTURES}/${module}.json`, 'utf8')));
      if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));
    }
    const invite = await cpo.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: 'NL-CPO' });
    const registered = await emsp.api('POST', '/peers/registrations', { party: 'DE-MSP', ...invite.body });
    if (registered.status !== 201) throw new Error(JSON.stringify(registered.body));
    for (const driver of DRIVERS) {
      const issued = await emsp.api('POST', '/parties/DE-MSP/tokens', driver);
      if (issued.status !== 201) throw new Error(JSON.stringify(issued.body));
    }
    const last = DRIVERS.at(-1)!;
    await eventually(async () => ((await cpo.api<{ allowed: boolean }>('POST', '/parties/NL-CPO/authorize', { uid: last.uid, type: 'RFID' })).body.allowed ? true : undefined), 15_000, 'the tokens at the CPO');
    for (const [n, evse] of [[1, 'EVSE-H1'], [2, 'EVSE-H2']] as const) {
      const added = await cpo.cli(['charger', 'add', '--party', 'NL-CPO', '--id', `SIM-0${n}`, '--location', 'LOC-HARBOUR', '--evse', evse, '--password', `sim-secret-0${n}`]);
      if (added.code !== 0) throw new Error(added.stderr);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  it('runs two 1.6 chargers through taps, an hour of charging with an offline spell, and stops: the eMSP gets CDRs with the simulated times', async () => {
    const file = scenarioFile('session.json', {
      charger_id: 'SIM-{n:2}',
      password: 'sim-secret-{n:2}',
      speed: 7200,
      start: '2026-03-02T08:00:00Z',
      meter_start_wh: 250_000,
      steps: [
        { tap: DRIVERS.map((d) => d.uid) },
        { charge: { minutes: 30, kw: 11, meter_every_s: 300 } },
        { offline: { seconds: 600 } },
        { charge: { minutes: 20, kw: 11, meter_every_s: 300 } },
        // The car is full; the driver comes back a minute later.
        { wait: { seconds: 60 } },
        { stop: {} },
      ],
    });
    const run = await sim(['--url', url(), '--count', '2', '--ocpp', '1.6', '--scenario', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.summary).toMatchObject({ ocpp: '1.6', chargers: 2, connected: 2, sessions_started: 2, sessions_completed: 2, taps_refused: 0, errors: 0 });
    expect(run.summary!.call_ms_by_action.MeterValues!.count).toBe(2 * 12);
    expect(run.stderr).toMatch(/sim: 0\/2 connected · sessions 0 active, 2 done, 0 refused · errors 0/);

    const cdrs = await eventually(async () => {
      const received = (await cdrsAt()).filter((c) => c.start_date_time.startsWith('2026-03-02T08:00'));
      return received.length === 2 ? received : undefined;
    }, 15_000, 'both CDRs at the eMSP');
    // An hour at 11 kW, the ten offline minutes included: 11 kWh, with the charger's (simulated) times.
    for (const cdr of cdrs) {
      expect(cdr).toMatchObject({ total_energy: 11, end_date_time: expect.stringMatching(/^2026-03-02T09:01:00/) });
      expect(cdr.total_time).toBeCloseTo(61 / 60, 6);
      expect(cdr.total_cost.excl_vat).toBe(4.35);
    }
    expect(cdrs.map((c) => `${c.cdr_location.evse_uid} ${c.cdr_token.uid}`).sort()).toEqual([`EVSE-H1 ${DRIVERS[0]!.uid}`, `EVSE-H2 ${DRIVERS[1]!.uid}`]);
  });

  it('speaks 2.0.1, and counts a charger the CPO does not know as an error (exit code 1)', async () => {
    const file = scenarioFile('short.json', {
      charger_id: 'SIM-{n:2}',
      password: 'sim-secret-{n:2}',
      speed: 3600,
      start: '2026-03-03T18:00:00Z',
      steps: [{ tap: DRIVERS[0]!.uid }, { charge: { minutes: 45, kw: 7.4 } }, { stop: { reason: 'EVDisconnected' } }],
    });
    const run = await sim(['--url', url(), '--count', '3', '--ocpp', '2.0.1', '--scenario', file]);
    expect(run.code).toBe(1);
    expect(run.summary).toMatchObject({ ocpp: '2.0.1', chargers: 3, connected: 2, sessions_started: 2, sessions_completed: 2, errors: 1, errors_by_kind: { schema: 0, call: 0, connection: 1 } });
    expect(run.summary!.error_samples).toEqual([expect.stringMatching(/^SIM-03: could not connect \(HTTP 401\)/)]);
    expect(Object.fromEntries(['Started', 'Updated', 'Ended'].map((e) => [e, run.summary!.call_ms_by_action[`TransactionEvent ${e}`]!.count]))).toEqual({ Started: 2, Updated: 2 * 45, Ended: 2 });
    const cdrs = await eventually(async () => {
      const received = (await cdrsAt()).filter((c) => c.start_date_time.startsWith('2026-03-03T18:00'));
      return received.length === 2 ? received : undefined;
    }, 15_000, 'the 2.0.1 CDRs at the eMSP');
    expect(cdrs.map((c) => c.total_energy)).toEqual([5.55, 5.55]);
  });

  it('counts a CSMS answer that breaks the official schema, which the simulator checks with typed-ocpp', async () => {
    // A CSMS with a bug: its BootNotification answer lacks `interval` and its Heartbeat a valid time.
    const server = new ocppRpc.RPCServer({ protocols: ['ocpp1.6'] });
    server.on('client', (client) => {
      client.handle('BootNotification', async () => ({ status: 'Accepted', currentTime: new Date().toISOString() }));
      client.handle('StatusNotification', async () => ({}));
      client.handle('Heartbeat', async () => ({ currentTime: 'yesterday' }));
    });
    const http = await server.listen(0, '127.0.0.1');
    const port = (http.address() as { port: number }).port;
    try {
      const file = scenarioFile('idle.json', { speed: 1000, steps: [{ wait: { seconds: 600 } }] });
      const run = await sim(['--url', `ws://127.0.0.1:${port}/ocpp`, '--count', '1', '--scenario', file]);
      expect(run.code).toBe(1);
      expect(run.summary!.errors_by_kind.schema).toBeGreaterThanOrEqual(2);
      expect(run.summary!.error_samples.join('\n')).toMatch(/BootNotification result: .*interval/);
      expect(run.summary!.error_samples.join('\n')).toMatch(/Heartbeat result: .*currentTime/);
    } finally {
      await server.close({ force: true });
    }
  });

  it('refuses a scenario it cannot use, naming the field', async () => {
    const file = scenarioFile('bad.json', { steps: [{ tap: '04A23B5C6D7E80' }, { charge: { minutes: 30, kw: 'fast' } }] });
    const run = await sim(['--url', 'ws://127.0.0.1:9/ocpp', '--count', '1', '--scenario', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('steps[1].charge.kw: must be a number from 0 to 1000');
    const long = scenarioFile('long.json', { steps: [{ tap: 'E8F1A2B3C4D5E6F7A8B9C0D1' }] });
    const tooLong = await sim(['--url', 'ws://127.0.0.1:9/ocpp', '--count', '1', '--ocpp', '1.6', '--scenario', long]);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('longer than the 20 characters an OCPP 1.6 charger can send');
  });
});
