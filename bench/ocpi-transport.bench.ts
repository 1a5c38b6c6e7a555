import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CONFIG_DEFAULTS } from '../src/config/config-schema.js';
import { hashToken } from '../src/peers/secret-token.js';
import { createService } from '../src/server/create-service.js';
import { bareFastify, load, printTable, ratio } from './support.js';

const POSTGRES = process.env.EVROAM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Issue 2: requests per second for version details and for one page of a paginated OCPI list,
 * each against a bare Fastify route measured in the same run.
 */
export async function run(): Promise<void> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(POSTGRES);
  url.searchParams.set('schema', schema);
  const service = await createService(
    {
      ...CONFIG_DEFAULTS,
      port: 0,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:0',
      database: url.toString(),
      adminToken: 'bench-admin-token-0123456789',
      parties: [{ countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'Bench CPO' }],
      logLevel: 'silent',
      pageLimit: 50,
      syncIntervalMinutes: 0,
    },
    { background: false },
  );
  const base = await service.app.listen({ port: 0, host: '127.0.0.1' });
  const token = 'bench-partner-token';
  const now = new Date();
  await service.database.db
    .insertInto('peer')
    .values({ id: 'bench-peer', local_country_code: 'NL', local_party_id: 'CPO', status: 'REGISTERED', incoming_token_hash: hashToken(token), pending_token_hash: null, outgoing_token: 'unused', outgoing_token_encoding: 'base64', versions_url: 'http://127.0.0.1:1/versions', version: '2.2.1', endpoints: '[]', roles: JSON.stringify([{ role: 'EMSP', country_code: 'DE', party_id: 'MSP', business_details: { name: 'Bench eMSP' } }]), updated_at: now, registered_at: now, last_contact_at: null })
    .execute();
  await service.database.db.insertInto('peer_party').values({ peer_id: 'bench-peer', role: 'EMSP', country_code: 'DE', party_id: 'MSP' }).execute();
  const tariffs = Array.from({ length: 500 }, (_, i) => ({ id: `T-${i}`, currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 }] }] }));
  const imported = await fetch(`${base}/api/parties/NL-CPO/tariffs/import`, { method: 'POST', headers: { authorization: 'Bearer bench-admin-token-0123456789', 'content-type': 'application/json' }, body: JSON.stringify(tariffs) });
  if (!imported.ok) throw new Error(`tariff import failed: ${await imported.text()}`);

  const bare = await bareFastify();
  const headers = { authorization: `Token ${Buffer.from(token).toString('base64')}` };
  try {
    const baseline = await load('bare Fastify route', bare.url);
    const details = await load('GET /ocpi/2.2.1 (version details)', `${base}/ocpi/2.2.1`, headers);
    const page = await load('GET sender/tariffs page of 50 (of 500)', `${base}/ocpi/2.2.1/sender/tariffs?offset=200&limit=50`, headers);
    printTable(
      'OCPI transport (PostgreSQL; 20 connections, 5 s each)',
      [baseline, details, page].map((r) => ({ endpoint: r.name, 'req/s': r.requestsPerSecond, 'ratio vs bare': ratio(r.requestsPerSecond, baseline.requestsPerSecond), 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, errors: r.errors })),
    );
  } finally {
    await bare.close();
    await service.close();
    const client = new pg.Client({ connectionString: POSTGRES });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}
