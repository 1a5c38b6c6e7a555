import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ocppRpc from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimSummary } from '../../src/sim/sim-stats.js';
import { freePort, runCli } from '../support/evroam-process.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { SimulatedCharger } from './simulated-charger.js';
import { startChargerPair, TOKEN, type ChargerPair } from './support.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
const folder = mkdtempSync(join(tmpdir(), 'evroam-tls-'));

/** A self-signed certificate for 127.0.0.1 and localhost, made for this run. */
function selfSigned(name: string): { certFile: string; keyFile: string } {
  const certFile = join(folder, `${name}.cert.pem`);
  const keyFile = join(folder, `${name}.key.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile };
}

/**
 * OCPP security profile 2 without a proxy: `ocppTls` opens a `wss://` listener beside the plain
 * one, and chargers that trust its certificate connect with the same Basic-auth rules.
 */
describe('chargers over native TLS (OCPP security profile 2)', () => {
  const files = selfSigned('server');
  const ca = readFileSync(files.certFile);
  let pair: ChargerPair;
  let tlsPort: number;
  let wssUrl: string;
  const connected: SimulatedCharger[] = [];

  beforeAll(async () => {
    tlsPort = await freePort();
    wssUrl = `wss://127.0.0.1:${tlsPort}/ocpp`;
    pair = await startChargerPair(postgres);
    // Only the CPO listens for chargers over TLS (startChargerPair's configuration is both sides').
    await pair.restartCpo({ ocppTls: { port: tlsPort, ...files } });
  });
  afterAll(async () => {
    for (const charger of connected) expect(charger.problems).toEqual([]);
    await pair?.close();
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await dropTestSchemas();
  });

  /** How the wss:// upgrade ends: 'connected', the HTTP status it was refused with, or the TLS error. */
  const attempt = async (identity: string, options: { password?: string; trust?: boolean } = {}) => {
    const client = new ocppRpc.RPCClient({
      endpoint: wssUrl,
      identity,
      protocols: ['ocpp1.6'],
      reconnect: false,
      ...(options.password && { password: options.password }),
      ...(options.trust !== false && { wsOpts: { ca } }),
    } as ConstructorParameters<typeof ocppRpc.RPCClient>[0]);
    try {
      await client.connect();
    } catch (error) {
      return (error as { code?: unknown }).code ?? (error as Error).message;
    }
    await client.close({ code: 1000 });
    return 'connected';
  };

  it('a registered charger connects over wss:// with its password, boots and charges; the plain ws:// endpoint stays open beside it', async () => {
    await pair.register('CB-TLS', 'EVSE-1', { password: 'tls-secret-of-cb' });
    const charger = await SimulatedCharger.connect({ endpoint: wssUrl, identity: 'CB-TLS', version: '1.6', password: 'tls-secret-of-cb', ca });
    connected.push(charger);
    expect(await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' })).toMatchObject({ status: 'Accepted' });
    expect((await pair.cpo.api<{ connected: boolean }>('GET', '/parties/NL-CPO/chargers/CB-TLS')).body.connected).toBe(true);
    const started = await charger.call<{ transactionId: number; idTagInfo: { status: string } }>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 0, timestamp: '2026-03-02T09:00:00Z' });
    expect(started.idTagInfo.status).toBe('Accepted');
    await charger.call('StopTransaction', { transactionId: started.transactionId, meterStop: 4_000, timestamp: '2026-03-02T10:00:00Z' });
    expect(await pair.sessionsAt('EVSE-1')).toEqual([expect.objectContaining({ status: 'COMPLETED', kwh: 4 })]);

    await pair.register('CB-PLAIN', 'EVSE-2');
    const plain = await pair.connect({ identity: 'CB-PLAIN', version: '2.0.1' });
    connected.push(plain);
    expect(await plain.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'ABB', model: 'Terra' } })).toMatchObject({ status: 'Accepted' });
  });

  it('the same Basic-auth rules apply over TLS, and a client that does not trust the certificate does not get through', async () => {
    expect(await attempt('CB-TLS', { password: 'tls-secret-of-cb' })).toBe('connected');
    expect(await attempt('CB-TLS', { password: 'not-the-secret' })).toBe(401);
    expect(await attempt('CB-TLS')).toBe(401);
    expect(await attempt('CB-NOBODY', { password: 'tls-secret-of-cb' })).toBe(401);
    expect(await attempt('CB-TLS', { password: 'tls-secret-of-cb', trust: false })).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('an HTTPS request that is not a WebSocket upgrade is answered 426 Upgrade Required', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request(`https://127.0.0.1:${tlsPort}/ocpp/CB-TLS`, { ca }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(426);
  });

  it('evroam sim chargers --ca FILE: simulated chargers trust the certificate and boot over wss://', async () => {
    await pair.register('SIM-TLS-1', 'EVSE-3', { password: 'sim-tls-secret-1' });
    const scenario = join(folder, 'tls.json');
    writeFileSync(scenario, JSON.stringify({ charger_id: 'SIM-TLS-{n}', password: 'sim-tls-secret-{n}', steps: [{ wait: { seconds: 1 } }] }));
    const run = await runCli(['sim', 'chargers', '--url', wssUrl, '--count', '1', '--scenario', scenario, '--ca', files.certFile]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout) as SimSummary).toMatchObject({ chargers: 1, connected: 1, errors: 0 });

    const missing = await runCli(['sim', 'chargers', '--url', wssUrl, '--count', '1', '--ca', join(folder, 'missing.pem')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ca: cannot read');
    const plainUrl = await runCli(['sim', 'chargers', '--url', pair.ocppUrl, '--count', '1', '--ca', files.certFile]);
    expect(plainUrl.code).toBe(2);
    expect(plainUrl.stderr).toContain('--ca is for a wss:// --url');
  });
});

describe('ocppTls in the configuration', () => {
  const serveWith = async (ocppTls: Record<string, unknown>) => {
    const file = join(folder, `config-${Math.random().toString(36).slice(2)}.json`);
    const parties = [{ countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'CPO' }];
    writeFileSync(file, JSON.stringify({ port: await freePort(), database: 'memory:', adminToken: 'tls-config-test-admin-token', parties, ocppTls }));
    return runCli(['serve', '--config', file]);
  };

  it('a certificate file that cannot be read, or a key that is not the certificate’s, stops evroam serve with exit code 2 naming the field', async () => {
    const server = selfSigned('config');
    const other = selfSigned('other');
    const unreadable = await serveWith({ port: 0, certFile: join(folder, 'nowhere.pem'), keyFile: server.keyFile });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('config ocppTls.certFile: cannot read');
    const mismatched = await serveWith({ port: 0, certFile: server.certFile, keyFile: other.keyFile });
    expect(mismatched.code).toBe(2);
    expect(mismatched.stderr).toContain('config ocppTls: the certificate and key cannot be used');
  });
});
