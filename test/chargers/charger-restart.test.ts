import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas, pgliteDirectoryUrl, type TestBackend } from '../support/test-database.js';
import type { SimulatedCharger, SimulatedVersion } from './simulated-charger.js';
import { startChargerPair, TOKEN, type ChargerPair } from './support.js';

interface SentCommand {
  id: string;
  status: string;
  result: { result: string } | null;
}

const TOKEN_OBJECT = { ...TOKEN, issuer: 'Test eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-01-01T00:00:00Z' };

/** A restart needs a database that outlives the service: PostgreSQL, and PGlite in a folder (memory: would start empty). */
const restartable: TestBackend[] = [
  backends.find((b) => b.name === 'postgres')!,
  { name: 'pglite', freshUrl: () => pgliteDirectoryUrl(mkdtempSync(join(tmpdir(), 'evroam-restart-'))) },
];

/**
 * What the gateway learns between a charger's messages outlives a restart of evroam: a remote
 * start the charger accepted still becomes the eMSP's session when the transaction comes after
 * the restart, and a charger that only reconnects gets its EVSE back at the status it reported last.
 */
describe.each(restartable)('charger state across a restart of the CPO, on $name', (backend) => {
  let pair: ChargerPair;
  const connected: SimulatedCharger[] = [];

  beforeAll(async () => {
    pair = await startChargerPair(backend);
  });
  afterAll(async () => {
    await pair?.close();
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await dropTestSchemas();
  });

  const connect = async (identity: string, version: SimulatedVersion, handlers = {}) => {
    const charger = await pair.connect({ identity, version, handlers });
    connected.push(charger);
    return charger;
  };
  const evseAtCpo = async (uid: string) => (await pair.cpo.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/NL-CPO/locations/LOC-1')).body.evses.find((e) => e.uid === uid)?.status;
  const evseAtEmsp = async (uid: string) => {
    await pair.cpo.deliver();
    return (await pair.emsp.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-1')).body.evses.find((e) => e.uid === uid)?.status;
  };
  const commandResult = async (id: string) => {
    await pair.cpo.deliver();
    return (await pair.emsp.api<SentCommand>('GET', `/parties/DE-MSP/commands/${id}`)).body.result?.result;
  };

  it.each([
    { version: '1.6' as const, identity: 'CB-REMOTE-16', evse: 'EVSE-1', request: 'RemoteStartTransaction' },
    { version: '2.0.1' as const, identity: 'CB-REMOTE-201', evse: 'EVSE-2', request: 'RequestStartTransaction' },
  ])('OCPP $version: a START_SESSION the charger accepted before the restart becomes the eMSP’s session when the driver plugs in after it', async ({ version, identity, evse, request }) => {
    await pair.register(identity, evse);
    const before = await connect(identity, version, { [request]: () => ({ status: 'Accepted' }) });
    const sent = await pair.emsp.api<SentCommand>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command: 'START_SESSION', token: TOKEN_OBJECT, location_id: 'LOC-1', evse_uid: evse, authorization_reference: `REMOTE-${identity}` });
    expect(sent.body.status).toBe('ACCEPTED');
    await expect.poll(() => commandResult(sent.body.id)).toBe('ACCEPTED');
    const [[method, params]] = before.requests as [[string, Record<string, unknown>]];
    expect(method).toBe(request);

    await pair.restartCpo();
    const after = await connect(identity, version);
    const start = '2026-03-02T10:00:00.000Z';
    if (version === '1.6') {
      expect(await after.call('Authorize', { idTag: params.idTag })).toEqual({ idTagInfo: { status: 'Accepted' } });
      const started = await after.call<{ idTagInfo: { status: string } }>('StartTransaction', { connectorId: 1, idTag: params.idTag, meterStart: 0, timestamp: start });
      expect(started.idTagInfo.status).toBe('Accepted');
    } else {
      const started = await after.call('TransactionEvent', {
        eventType: 'Started',
        seqNo: 0,
        timestamp: start,
        triggerReason: 'RemoteStart',
        transactionInfo: { transactionId: 'remote-tx', remoteStartId: params.remoteStartId },
        evse: { id: 1, connectorId: 1 },
        idToken: params.idToken,
        meterValue: [{ timestamp: start, sampledValue: [{ value: 0, context: 'Transaction.Begin', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }] }],
      });
      expect(started).toEqual({ idTokenInfo: { status: 'Accepted' } });
    }
    // The eMSP's session: started by its command, with its authorization_reference, not a tap checked anew.
    const [session] = await pair.sessionsAt(evse);
    expect(session).toMatchObject({ status: 'ACTIVE', auth_method: 'COMMAND', authorization_reference: `REMOTE-${identity}`, cdr_token: { uid: TOKEN.uid } });
    expect([...before.problems, ...after.problems]).toEqual([]);
  });

  it('a charger that reconnects after the restart, without a new report, gets its EVSE back at the status it reported before', async () => {
    await pair.register('CB-STATE', 'EVSE-3');
    const before = await connect('CB-STATE', '1.6');
    await before.call('StatusNotification', { connectorId: 1, status: 'SuspendedEV', errorCode: 'NoError' });
    expect(await evseAtCpo('EVSE-3')).toBe('CHARGING');
    await before.close();
    await expect.poll(() => evseAtCpo('EVSE-3')).toBe('UNKNOWN');

    await pair.restartCpo();
    expect(await evseAtCpo('EVSE-3')).toBe('UNKNOWN');
    const after = await connect('CB-STATE', '1.6');
    await expect.poll(() => evseAtCpo('EVSE-3')).toBe('CHARGING');
    expect(await evseAtEmsp('EVSE-3')).toBe('CHARGING');
    expect([...before.problems, ...after.problems]).toEqual([]);
  });
});
