import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChargerEvents, ChargerRef } from '../../src/ocpp/charger-events.js';
import { ChargerOfflineError } from '../../src/ocpp/charger-requests.js';
import { OcppGateway } from '../../src/ocpp/ocpp-gateway.js';
import { SimulatedCharger } from '../chargers/simulated-charger.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Events that record what they saw; `fail` makes the transaction handlers throw. */
function recordingEvents(options: { fail?: boolean } = {}) {
  const seen: Array<[string, ChargerRef, unknown]> = [];
  const events: ChargerEvents = {
    async booted(charger, boot) {
      seen.push(['booted', charger, boot]);
      return boot.vendor === 'Unmapped' ? 'Pending' : 'Accepted';
    },
    async statusChanged(charger, change) {
      seen.push(['status', charger, change]);
    },
    async authorize(charger, token) {
      seen.push(['authorize', charger, token]);
      return token.id.startsWith('GOOD') ? 'Accepted' : 'Unknown';
    },
    async transactionStarted(charger, start) {
      if (options.fail) throw new Error('storage is down');
      seen.push(['started', charger, start]);
      return { transactionId: start.transactionId ?? '17', verdict: 'Accepted' };
    },
    async transactionUpdated(charger, update) {
      seen.push(['updated', charger, update]);
      return null;
    },
    async transactionEnded(charger, end) {
      if (options.fail) throw new Error('storage is down');
      seen.push(['ended', charger, end]);
      return null;
    },
    connected() {},
    disconnected(charger) {
      seen.push(['disconnected', charger, null]);
    },
  };
  return { events, seen };
}

describe('the OCPP gateway', () => {
  let server: Server;
  let gateway: OcppGateway;
  let endpoint: string;
  let seen: Array<[string, ChargerRef, unknown]>;
  const chargers: SimulatedCharger[] = [];

  async function start(options: { fail?: boolean } = {}) {
    const recording = recordingEvents(options);
    seen = recording.seen;
    gateway = new OcppGateway({
      admit: async (identity, password) => identity === 'CB-1' || (identity === 'CB-2' && password?.toString('utf8') === 'secret-password'),
      events: recording.events,
      log: silent,
      callTimeoutMs: 2000,
      bootRetryIntervalSeconds: 45,
    });
    server = createServer((_request, response) => response.writeHead(404).end());
    gateway.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ocpp`;
  }

  const connect = async (options: Partial<Parameters<typeof SimulatedCharger.connect>[0]> & { protocols?: string[] } = {}) => {
    const charger = await SimulatedCharger.connect({ endpoint, identity: 'CB-1', version: '1.6', ...options });
    chargers.push(charger);
    return charger;
  };

  beforeEach(() => start());

  afterEach(async () => {
    await Promise.all(chargers.splice(0).map((c) => c.close().catch(() => undefined)));
    await gateway.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('admits a registered charger in the version it offers, and prefers 2.0.1 when it offers both', async () => {
    const charger = await connect();
    expect(charger.protocol).toBe('ocpp1.6');
    const boot = await charger.call<{ status: string; interval: number }>('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(gateway.versionOf('cb-1')).toBe('1.6');
    expect(seen[0]).toEqual(['booted', { identity: 'CB-1', version: '1.6' }, { vendor: 'V', model: 'M' }]);
    // No vendor extension is implemented: DataTransfer is answered (and logged) as such.
    expect(await charger.call('DataTransfer', { vendorId: 'com.example', messageId: 'SignedMeter', data: 'x' })).toEqual({ status: 'UnknownVendorId' });
    expect(charger.problems).toEqual([]);
  });

  it('answers a boot the handler holds Pending with the retry interval instead of the heartbeat interval, in both versions', async () => {
    const charger16 = await connect();
    expect(await charger16.call('BootNotification', { chargePointVendor: 'Unmapped', chargePointModel: 'M' })).toMatchObject({ status: 'Pending', interval: 45 });
    const charger201 = await connect({ identity: 'CB-2', password: 'secret-password', version: '2.0.1' });
    expect(await charger201.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Unmapped', model: 'M' } })).toMatchObject({ status: 'Pending', interval: 45 });
    expect(await charger201.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'V', model: 'M' } })).toMatchObject({ status: 'Accepted', interval: 300 });
    expect([...charger16.problems, ...charger201.problems]).toEqual([]);
  });

  it('refuses a charger that offers no subprotocol we speak, an unknown charger, and a wrong password', async () => {
    const { default: ocppRpc } = await import('ocpp-rpc');
    // The HTTP status of the refused upgrade.
    const refusal = (identity: string, protocols: string[], password?: string) =>
      new ocppRpc.RPCClient({ endpoint, identity, protocols, reconnect: false, ...(password && { password }) } as ConstructorParameters<typeof ocppRpc.RPCClient>[0]).connect().then(
        () => 'connected',
        (error: { code?: number }) => error.code,
      );
    expect(await refusal('CB-1', [])).toBe(400);
    expect(await refusal('CB-1', ['ocpp1.5'])).toBe(400);
    expect(await refusal('CB-9', ['ocpp1.6'])).toBe(401);
    expect(await refusal('CB-2', ['ocpp1.6'], 'wrong-password')).toBe(401);
    expect(await refusal('CB-2', ['ocpp1.6'])).toBe(401);
    const admitted = await connect({ identity: 'CB-2', password: 'secret-password', version: '2.0.1' });
    expect(admitted.protocol).toBe('ocpp2.0.1');
  });

  it('validates what chargers send against the schema: a 21-character idTag never reaches the handler', async () => {
    const charger = await connect();
    await expect(charger.call('Authorize', { idTag: 'X'.repeat(21) })).rejects.toThrow();
    expect(seen.filter(([kind]) => kind === 'authorize')).toEqual([]);
    expect(await charger.call('Authorize', { idTag: 'GOOD-1' })).toEqual({ idTagInfo: { status: 'Accepted' } });
    // 1.6 has no "Unknown": the adapter answers Invalid.
    expect(await charger.call('Authorize', { idTag: 'NOBODY' })).toEqual({ idTagInfo: { status: 'Invalid' } });
  });

  it('answers transaction messages even when their handling fails, so the charger does not retry them forever', async () => {
    await gateway.close();
    await new Promise((resolve) => server.close(resolve));
    await start({ fail: true });
    const charger = await connect();
    const started = await charger.call<{ transactionId: number; idTagInfo: { status: string } }>('StartTransaction', { connectorId: 1, idTag: 'GOOD-1', meterStart: 0, timestamp: '2026-03-02T09:00:00Z' });
    expect(started).toEqual({ transactionId: -1, idTagInfo: { status: 'Invalid' } });
    expect(await charger.call('StopTransaction', { transactionId: 5, meterStop: 10, timestamp: '2026-03-02T10:00:00Z' })).toEqual({});
    expect(charger.problems).toEqual([]);
  });

  it('sends requests to a connected charger and returns its answer; an offline charger is an error', async () => {
    const charger = await connect({ version: '2.0.1', handlers: { RequestStartTransaction: () => ({ status: 'Accepted' }) } });
    expect(await gateway.send('CB-1', { kind: 'start', place: { evse: 1 }, idToken: { id: 'GOOD-1', type: 'ISO14443' }, remoteStartId: 3 })).toEqual({ status: 'Accepted' });
    expect(charger.requests).toEqual([['RequestStartTransaction', { idToken: { idToken: 'GOOD-1', type: 'ISO14443' }, remoteStartId: 3, evseId: 1 }]]);
    await expect(gateway.send('CB-2', { kind: 'stop', transactionId: 'X' })).rejects.toBeInstanceOf(ChargerOfflineError);
    expect(charger.problems).toEqual([]);
  });

  it('a reconnecting charger replaces its old connection; close() closes every charger', async () => {
    const first = await connect();
    const second = await connect();
    await expect(first.call('Heartbeat', {})).rejects.toThrow();
    // The old socket closing does not take the charger offline.
    expect(gateway.versionOf('CB-1')).toBe('1.6');
    expect(seen.some(([kind]) => kind === 'disconnected')).toBe(false);
    expect(await second.call('Heartbeat', {})).toHaveProperty('currentTime');
    await gateway.close();
    await expect(second.call('Heartbeat', {})).rejects.toThrow();
    expect(gateway.versionOf('CB-1')).toBeUndefined();
  });
});
