import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ocppRpc from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PENDING_CHARGERS } from '../../src/cpo/chargers/charger-registry.js';
import { runCli } from '../support/evroam-process.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { SimulatedCharger, SimulatedVersion } from './simulated-charger.js';
import { startChargerPair, TOKEN, type ChargerPair, type StartAnswer } from './support.js';

interface ChargerView {
  id: string;
  status: string;
  location_id: string | null;
  connectors: unknown[];
  connected: boolean;
  ocpp_version: string | null;
  boot: { vendor: string; model: string } | null;
}
/**
 * `chargerAutoRegistration`: an unknown charger that connects is held Pending (recorded, mapped
 * to nothing, served nothing) until an operator maps it like any other charger; then it is
 * Accepted. Without the option unknown chargers are refused (test/chargers/chargers.test.ts).
 */
describe.each(backends)('auto-registration of unknown chargers, on $name', (backend) => {
  let pair: ChargerPair;
  const connected: SimulatedCharger[] = [];

  beforeAll(async () => {
    pair = await startChargerPair(backend, { chargerAutoRegistration: 'nl-cpo' });
  });
  afterAll(async () => {
    for (const charger of connected) expect(charger.problems).toEqual([]);
    await pair?.close();
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await dropTestSchemas();
  });

  const connect = async (identity: string, version: SimulatedVersion, password?: string) => {
    const charger = await pair.connect({ identity, version, ...(password && { password }) });
    connected.push(charger);
    return charger;
  };
  const chargers = async (query = '') => (await pair.cpo.api<ChargerView[]>('GET', `/parties/NL-CPO/chargers${query}`)).body;
  const evseStatus = async (uid: string) => (await pair.cpo.api<{ evses: Array<{ uid: string; status: string }> }>('GET', '/parties/NL-CPO/locations/LOC-1')).body.evses.find((e) => e.uid === uid)?.status;
  /** The HTTP status a charger's WebSocket upgrade is refused with, or 'connected'. */
  const upgrade = async (identity: string) => {
    const client = new ocppRpc.RPCClient({ endpoint: pair.ocppUrl, identity, protocols: ['ocpp1.6'], reconnect: false } as ConstructorParameters<typeof ocppRpc.RPCClient>[0]);
    try {
      await client.connect();
    } catch (error) {
      return (error as { code?: number }).code;
    }
    await client.close({ code: 1000 });
    return 'connected';
  };

  it('a 1.6 charger nobody registered connects, boots Pending with a retry interval, and can neither authorize nor charge; the operator sees it as pending', async () => {
    const charger = await connect('CB-NEW-16', '1.6');
    expect(await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve', chargePointSerialNumber: 'ALF-1' })).toMatchObject({ status: 'Pending', interval: 60 });
    expect(await charger.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' })).toEqual({});
    expect(await charger.call('Authorize', { idTag: TOKEN.uid })).toEqual({ idTagInfo: { status: 'Invalid' } });
    // A charger that starts anyway gets an id to stop with, and Invalid: it ends the transaction instead of retrying it.
    const started = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 0, timestamp: '2026-03-02T09:00:00Z' });
    expect(started.idTagInfo.status).toBe('Invalid');
    expect(Number.isInteger(started.transactionId)).toBe(true);
    expect(await charger.call('StopTransaction', { transactionId: started.transactionId, meterStop: 10, timestamp: '2026-03-02T09:01:00Z' })).toEqual({});
    expect((await pair.cpo.api<unknown[]>('GET', '/parties/NL-CPO/sessions')).body).toEqual([]);

    const pending = await chargers('?status=pending');
    expect(pending).toEqual([expect.objectContaining({ id: 'CB-NEW-16', status: 'pending', location_id: null, connectors: [], connected: true, ocpp_version: '1.6', boot: expect.objectContaining({ vendor: 'Alfen', model: 'Eve' }) })]);
    expect((await chargers('?status=accepted')).map((c) => c.id)).not.toContain('CB-NEW-16');
    expect((await chargers()).map((c) => [c.id, c.status])).toContainEqual(['CB-NEW-16', 'pending']);
    expect((await pair.cpo.api<ChargerView>('GET', '/parties/NL-CPO/chargers/cb-new-16')).body).toMatchObject({ id: 'CB-NEW-16', status: 'pending' });
    const bad = await pair.cpo.api<{ error: { status: number; field: string } }>('GET', '/parties/NL-CPO/chargers?status=waiting');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ status: 400, field: 'status' });
  });

  it('a 2.0.1 charger held Pending: its transaction events with a token are answered Invalid', async () => {
    const charger = await connect('CB-NEW-201', '2.0.1');
    expect(await charger.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'ABB', model: 'Terra' } })).toMatchObject({ status: 'Pending', interval: 60 });
    const start = '2026-03-02T09:00:00Z';
    const event = { eventType: 'Started', seqNo: 0, timestamp: start, triggerReason: 'Authorized', transactionInfo: { transactionId: 'pending-tx' }, evse: { id: 1, connectorId: 1 }, idToken: { idToken: TOKEN.uid, type: 'ISO14443' } };
    expect(await charger.call('TransactionEvent', event)).toEqual({ idTokenInfo: { status: 'Invalid' } });
    expect(await charger.call('Authorize', { idToken: { idToken: TOKEN.uid, type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Invalid' } });
    expect((await chargers('?status=pending')).map((c) => c.id)).toContain('CB-NEW-201');
  });

  it('the operator accepts a pending charger by mapping it: its pending connection ends, and it reconnects, boots Accepted and charges under the registered rules', async () => {
    const pending = connected.find((c) => c.options.identity === 'CB-NEW-16')!;
    const added = await pair.cpo.api<ChargerView>('POST', '/parties/NL-CPO/chargers', { id: 'cb-new-16', location_id: 'LOC-1', evse_uid: 'EVSE-1', password: 'secret-of-cb-new-16' });
    expect(added.status).toBe(201);
    // The identity as the charger sent it, and what it said at boot, carried over.
    expect(added.body).toMatchObject({ id: 'CB-NEW-16', status: 'accepted', location_id: 'LOC-1', connectors: [{ ocpp: '1', evse_uid: 'EVSE-1', connector_id: '1' }], boot: { vendor: 'Alfen', model: 'Eve' } });
    expect((await chargers('?status=pending')).map((c) => c.id)).toEqual(['CB-NEW-201']);
    // Admitted while pending without the password it now has: that connection is closed.
    await expect.poll(() => pending.call('Heartbeat', {}).then(() => 'open', () => 'closed')).toBe('closed');

    expect(await upgrade('CB-NEW-16')).toBe(401);
    const charger = await connect('CB-NEW-16', '1.6', 'secret-of-cb-new-16');
    expect(await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' })).toMatchObject({ status: 'Accepted', interval: 300 });
    await charger.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    expect(await evseStatus('EVSE-1')).toBe('CHARGING');
    expect(await charger.call('Authorize', { idTag: TOKEN.uid })).toEqual({ idTagInfo: { status: 'Accepted' } });
    const started = await charger.call<StartAnswer>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 0, timestamp: '2026-03-02T10:00:00Z' });
    expect(started.idTagInfo.status).toBe('Accepted');
    expect(await pair.sessionsAt('EVSE-1')).toEqual([expect.objectContaining({ status: 'ACTIVE', start_date_time: '2026-03-02T10:00:00.000Z' })]);
  });

  it('a pending charger the operator removes is forgotten; past the cap on pending chargers, unknown ones are refused', async () => {
    expect((await pair.cpo.api('DELETE', '/parties/NL-CPO/chargers/CB-NEW-201')).status).toBe(204);
    expect(await chargers('?status=pending')).toEqual([]);
    expect((await pair.cpo.api('GET', '/parties/NL-CPO/chargers/CB-NEW-201')).status).toBe(404);

    const db = pair.cpo.service.database.db;
    const lastSeen = new Date();
    await db
      .insertInto('charger_pending')
      .values(Array.from({ length: MAX_PENDING_CHARGERS }, (_, i) => ({ charger_key: `FILLER-${i}`, charge_box_id: `FILLER-${i}`, country_code: 'NL', party_id: 'CPO', last_seen_at: lastSeen })))
      .execute();
    expect(await upgrade('CB-ONE-TOO-MANY')).toBe(401);
    // One already pending may come back.
    expect(await upgrade('FILLER-7')).toBe('connected');
  });
});

describe('chargerAutoRegistration in the configuration', () => {
  it('must name a hosted CPO party: evroam serve stops with exit code 2 naming the field', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'evroam-autoreg-'));
    const file = join(folder, 'evroam.config.json');
    const parties = [
      { countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'CPO' },
      { countryCode: 'NL', partyId: 'MSP', roles: ['EMSP'], name: 'eMSP' },
    ];
    writeFileSync(file, JSON.stringify({ database: 'memory:', adminToken: 'auto-registration-admin-token', parties, chargerAutoRegistration: 'NL-MSP' }));
    const run = await runCli(['serve', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('config chargerAutoRegistration: NL-MSP is not a hosted party with the CPO role');
  });
});
