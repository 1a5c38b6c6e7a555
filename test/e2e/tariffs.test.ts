import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, databaseFor, EMSP_PARTY, eventually, startEvroam } from '../support/roaming-pair.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/tariffs/two-tariffs.json');
const postgres = backends.find((b) => b.name === 'postgres')!;

interface Tariff {
  id: string;
  country_code: string;
  party_id: string;
  last_updated: string;
  elements: Array<{ price_components: Array<{ type: string; price: number }> }>;
}

describe('tariffs between a CPO process and an eMSP process', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let emspDatabase: string;
  let peers: { atInviter: string; atRegistrant: string };

  beforeAll(async () => {
    emspDatabase = databaseFor(postgres);
    [cpo, emsp] = await Promise.all([startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY] }), startEvroam({ database: emspDatabase, parties: [EMSP_PARTY] })]);
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  const emspTariffs = async () => (await emsp.api<Tariff[]>('GET', '/parties/DE-MSP/partner-tariffs')).body;

  it('imports at the CPO before any partner exists, and a later eMSP gets them by pull', async () => {
    const imported = await cpo.cli(['import', 'tariffs', FIXTURE, '--party', 'NL-CPO']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0 });

    peers = await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY);
    expect(await emspTariffs()).toEqual([]);
    const pulled = await emsp.cli(['peer', 'pull', '--id', peers.atRegistrant, '--module', 'tariffs']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ received: 2, refused: [], dropped: 0 });
    const held = await emspTariffs();
    expect(held.map((t) => t.id).sort()).toEqual(['AC-STANDARD', 'DC-FAST']);
    expect(held.every((t) => t.country_code === 'NL' && t.party_id === 'CPO')).toBe(true);
  });

  it('pushes a changed tariff as PUT and a removed one as DELETE, and re-importing the same file pushes nothing', async () => {
    const again = await cpo.cli(['import', 'tariffs', FIXTURE, '--party', 'NL-CPO']);
    expect(JSON.parse(again.stdout)).toEqual({ created: 0, updated: 0, unchanged: 2 });

    const changed = await cpo.api('PUT', '/parties/NL-CPO/tariffs/AC-STANDARD', { currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.39, vat: 21, step_size: 1 }] }] });
    expect(changed.status).toBe(200);
    await eventually(async () => ((await emspTariffs()).find((t) => t.id === 'AC-STANDARD')?.elements[0]?.price_components[0]?.price === 0.39 ? true : undefined), 15_000, 'the changed tariff at the eMSP');

    expect((await cpo.api('DELETE', '/parties/NL-CPO/tariffs/DC-FAST')).status).toBe(200);
    await eventually(async () => ((await emspTariffs()).some((t) => t.id === 'DC-FAST') ? undefined : true), 15_000, 'the deleted tariff gone at the eMSP');

    const delivered = (await cpo.api<Array<{ kind: string; status: string }>>('GET', `/outbox?peer=${peers.atInviter}`)).body;
    expect(delivered.map((m) => `${m.kind}:${m.status}`).sort()).toEqual(['tariff.delete:DELIVERED', 'tariff.put:DELIVERED']);
  });

  it('keeps pushes while the eMSP is down and delivers them in order once it is back', async () => {
    await emsp.stop('SIGKILL');
    for (const price of [0.41, 0.42, 0.43]) {
      const put = await cpo.api('PUT', '/parties/NL-CPO/tariffs/AC-STANDARD', { currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21, step_size: 1 }] }] });
      expect(put.status).toBe(200);
    }
    await eventually(async () => {
      const backlog = (await cpo.api<Array<{ status: string; count: number }>>('GET', '/outbox/backlog')).body;
      return backlog.some((b) => b.status === 'PENDING' && b.count === 3) ? true : undefined;
    }, 10_000, 'three messages waiting');

    emsp = await startEvroam({ database: emspDatabase, parties: [EMSP_PARTY], port: Number(new URL(emsp.url).port) });
    // The outbox backs off after failures; ask for the retry now rather than wait for the backoff.
    await cpo.api('POST', '/outbox/retry', { peer: peers.atInviter });
    await eventually(async () => ((await emspTariffs()).find((t) => t.id === 'AC-STANDARD')?.elements[0]?.price_components[0]?.price === 0.43 ? true : undefined), 60_000, 'the last price at the eMSP');
    const messages = (await cpo.api<Array<{ status: string }>>('GET', `/outbox?peer=${peers.atInviter}`)).body;
    expect(messages.filter((m) => m.status !== 'DELIVERED')).toEqual([]);
  });

  it('refuses bad receiver payloads with 2001 naming the field and stores nothing, and a PUT for a foreign party with 404', async () => {
    const before = await emspTariffs();

    const tokenC = await tokenOfCpoAtEmsp();
    const url = `${emsp.url}/ocpi/2.2.1/receiver/tariffs/NL/CPO/BAD-1`;
    const bad = await send('PUT', url, tokenC, { country_code: 'NL', party_id: 'CPO', id: 'BAD-1', currency: 'EURO', elements: [], last_updated: '2026-01-01T00:00:00Z' });
    expect(bad.body.status_code).toBe(2001);
    expect(bad.body.status_message).toMatch(/currency|elements/);
    const mismatch = await send('PUT', url, tokenC, { country_code: 'NL', party_id: 'CPO', id: 'OTHER', currency: 'EUR', elements: [{ price_components: [{ type: 'FLAT', price: 1, step_size: 1 }] }], last_updated: '2026-01-01T00:00:00Z' });
    expect(mismatch.body.status_code).toBe(2001);
    expect(mismatch.body.status_message).toMatch(/id/);
    const foreign = await send('PUT', `${emsp.url}/ocpi/2.2.1/receiver/tariffs/FR/XYZ/T1`, tokenC, { country_code: 'FR', party_id: 'XYZ', id: 'T1', currency: 'EUR', elements: [{ price_components: [{ type: 'FLAT', price: 1, step_size: 1 }] }], last_updated: '2026-01-01T00:00:00Z' });
    expect(foreign.status).toBe(404);
    expect(await emspTariffs()).toEqual(before);
  });

  /** The token the CPO process uses to call the eMSP, read from the CPO's database through its config. */
  async function tokenOfCpoAtEmsp(): Promise<string> {
    const { default: pg } = await import('pg');
    const { config } = await import('../../src/config/load-config.js').then((m) => m.loadConfig({ file: cpo.configFile, env: {} }));
    const url = new URL(config.database);
    const schema = url.searchParams.get('schema')!;
    url.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const result = await client.query(`select outgoing_token from "${schema}".peer where status = 'REGISTERED'`);
      return result.rows[0].outgoing_token as string;
    } finally {
      await client.end();
    }
  }
});

async function send(method: string, url: string, token: string, body: unknown) {
  const response = await fetch(url, { method, headers: { authorization: `Token ${Buffer.from(token).toString('base64')}`, 'content-type': 'application/json', 'ocpi-from-country-code': 'NL', 'ocpi-from-party-id': 'CPO', 'ocpi-to-country-code': 'DE', 'ocpi-to-party-id': 'MSP' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { status_code: number; status_message?: string } };
}

