import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, databaseFor, EMSP_PARTY, eventually, startEvroam } from '../support/roaming-pair.js';

const LOCATION = resolve(import.meta.dirname, '../fixtures/commands/location.json');
const postgres = backends.find((b) => b.name === 'postgres')!;

const DRIVER_TOKEN = {
  country_code: 'DE',
  party_id: 'MSP',
  uid: '04A23B5C6D7E80',
  type: 'RFID',
  contract_id: 'DE-MSP-C00000001-W',
  issuer: 'Test eMSP',
  valid: true,
  whitelist: 'ALLOWED',
  last_updated: '2026-01-01T00:00:00Z',
};

interface SentCommand {
  id: string;
  status: string;
  response: { result: string; timeout: number } | null;
  result: { result: string } | null;
  error: string | null;
}

interface ChargerCommand {
  id: string;
  command: string;
  status: string;
  result: string | null;
}

describe('commands from an eMSP process to a CPO process', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;

  beforeAll(async () => {
    [cpo, emsp] = await Promise.all([
      startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY], extra: { commandTimeoutSeconds: 2 } }),
      startEvroam({ database: databaseFor(postgres), parties: [EMSP_PARTY] }),
    ]);
    const imported = await cpo.cli(['import', 'locations', LOCATION, '--party', 'NL-CPO']);
    if (imported.code !== 0) throw new Error(imported.stderr);
    await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY);
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  const sent = async (id: string) => (await emsp.api<SentCommand>('GET', `/parties/DE-MSP/commands/${id}`)).body;
  const atCharger = async () => (await cpo.api<ChargerCommand[]>('GET', '/parties/NL-CPO/charger-commands')).body;

  it('START_SESSION is accepted at once and its CommandResult reaches the eMSP when the charger answers', async () => {
    const started = await emsp.api<SentCommand>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'START_SESSION', token: DRIVER_TOKEN, location_id: 'LOC-CMD-1', evse_uid: 'EVSE-CMD-1' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'ACCEPTED', response: { result: 'ACCEPTED', timeout: 2 } });

    const pending = (await atCharger()).find((c) => c.command === 'START_SESSION' && c.status === 'PENDING')!;
    expect(pending).toBeDefined();
    const answered = await cpo.api('POST', `/parties/NL-CPO/charger-commands/${pending.id}/result`, { result: 'ACCEPTED' });
    expect(answered.status).toBe(200);
    // A second answer from the charger changes nothing.
    expect((await cpo.api('POST', `/parties/NL-CPO/charger-commands/${pending.id}/result`, { result: 'FAILED' })).status).toBe(409);

    const done = await eventually(async () => {
      const command = await sent(started.body.id);
      return command.status === 'RESULT_RECEIVED' ? command : undefined;
    }, 15_000, 'the CommandResult at the eMSP');
    expect(done.result).toEqual({ result: 'ACCEPTED' });
  });

  it('a charger that stays silent is reported to the eMSP as TIMEOUT', async () => {
    const started = await emsp.api<SentCommand>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'UNLOCK_CONNECTOR', location_id: 'LOC-CMD-1', evse_uid: 'EVSE-CMD-1', connector_id: '1' });
    expect(started.body.status).toBe('ACCEPTED');
    const done = await eventually(async () => {
      const command = await sent(started.body.id);
      return command.result ? command : undefined;
    }, 20_000, 'the TIMEOUT result');
    expect(done.result?.result).toBe('TIMEOUT');
  });

  it('an unknown location is refused with OCPI 2003 and nothing waits at the charger', async () => {
    const before = (await atCharger()).length;
    const refused = await emsp.api<{ error: { message: string } }>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'START_SESSION', token: DRIVER_TOKEN, location_id: 'NO-SUCH-LOCATION' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/2003.*Unknown location NO-SUCH-LOCATION/);
    expect((await atCharger()).length).toBe(before);
    const recorded = (await emsp.api<SentCommand[]>('GET', '/parties/DE-MSP/commands')).body.find((c) => c.status === 'FAILED');
    expect(recorded?.error).toMatch(/Unknown location/);
  });

  it('a command with a missing field is refused before it leaves the eMSP, naming the field', async () => {
    const refused = await emsp.api<{ error: { message: string; field?: string } }>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'START_SESSION', location_id: 'LOC-CMD-1' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/token/);
  });

  it('STOP_SESSION for a session that is not the eMSP\'s answers UNKNOWN_SESSION', async () => {
    const stopped = await emsp.api<SentCommand>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'STOP_SESSION', session_id: 'NOT-A-SESSION' });
    expect(stopped.body).toMatchObject({ status: 'REJECTED', response: { result: 'UNKNOWN_SESSION' } });
  });
});
