import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { after, startBody, startPair, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

interface Entry {
  id: string;
  at: string;
  direction: 'in' | 'out';
  method: string;
  url: string;
  module: string | null;
  http_status: number | null;
  ocpi_status: number | null;
  request_id: string;
  correlation_id: string;
  from_party: string | null;
  to_party: string | null;
  object_ids: string[];
  latency_ms: number;
  error: string | null;
}

const START = '2025-05-06T08:00:00.000Z';

describe.each(backends)('the OCPI traffic log on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const traffic = async (side: 'cpo' | 'emsp', query: string) => {
    const reply = await pair[side].api<{ entries: Entry[] }>('GET', `/traffic?${query}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.entries;
  };

  it('logs the handshake on both sides: what one side sent, the other received, under the same X-Request-ID', async () => {
    const sent = await traffic('emsp', 'module=credentials');
    const post = sent.find((e) => e.direction === 'out' && e.method === 'POST')!;
    expect(post).toMatchObject({ module: 'credentials', http_status: 200, ocpi_status: 1000, error: null });
    const received = await traffic('cpo', `request_id=${post.request_id}`);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ direction: 'in', method: 'POST', url: '/ocpi/2.2.1/credentials', correlation_id: post.correlation_id, http_status: 200, ocpi_status: 1000 });
  });

  it('a pushed session is one "out" entry at the CPO and one "in" entry at the eMSP, with parties, module and session id', async () => {
    const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START));
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect(await pair.cpo.deliver()).toBe(1);

    const out = await traffic('cpo', `session_id=${id}`);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      direction: 'out',
      method: 'PUT',
      module: 'sessions',
      // A session the eMSP did not hold yet: created.
      http_status: 201,
      ocpi_status: 1000,
      from_party: 'NL-CPO',
      to_party: 'DE-MSP',
      object_ids: [id.toUpperCase()],
      error: null,
    });
    expect(out[0]!.url).toMatch(new RegExp(`/sessions/NL/CPO/${id}$`));
    expect(out[0]!.latency_ms).toBeGreaterThanOrEqual(0);

    const inbound = await traffic('emsp', `request_id=${out[0]!.request_id}`);
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({
      direction: 'in',
      method: 'PUT',
      url: `/ocpi/2.2.1/receiver/sessions/NL/CPO/${id}`,
      module: 'sessions',
      correlation_id: out[0]!.correlation_id,
      from_party: 'NL-CPO',
      to_party: 'DE-MSP',
      object_ids: [id.toUpperCase()],
      http_status: 201,
      ocpi_status: 1000,
    });
    // The same request, found by its correlation id and by party, module and session on the receiving side.
    expect((await traffic('emsp', `correlation_id=${out[0]!.correlation_id}`)).map((e) => e.id)).toEqual([inbound[0]!.id]);
    expect((await traffic('emsp', `session_id=${id}&party=NL-CPO&module=sessions`)).map((e) => e.id)).toEqual([inbound[0]!.id]);
  });

  it('a CDR POST names its CDR and session only in the body: they are its object ids', async () => {
    const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, { authorization_reference: 'AUTH-CDR' }));
    const stopped = await pair.cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${started.body.id}/stop`, { at: after(START, 30), meter_kwh: 1004 });
    expect(stopped.status).toBe(200);
    await pair.cpo.deliver();
    const cdrId = stopped.body.cdr.id;

    const posted = (await traffic('cpo', `cdr_id=${cdrId}`)).filter((e) => e.module === 'cdrs');
    expect(posted).toHaveLength(1);
    // Our CPO names a CDR after its session: one id.
    expect(posted[0]).toMatchObject({ direction: 'out', method: 'POST', object_ids: [...new Set([cdrId.toUpperCase(), started.body.id.toUpperCase()])], http_status: 201 });
    const received = (await traffic('emsp', `cdr_id=${cdrId}`)).filter((e) => e.module === 'cdrs');
    expect(received.map((e) => [e.direction, e.method, e.request_id])).toEqual([['in', 'POST', posted[0]!.request_id]]);
    // session_id and cdr_id together find the session's pushes and its CDR, newest first.
    const story = await traffic('cpo', `session_id=${started.body.id}&cdr_id=${cdrId}`);
    expect(story.map((e) => `${e.method} ${e.module}`)).toEqual(['POST cdrs', 'PATCH sessions', 'PUT sessions']);
    expect(Number(story[0]!.id)).toBeGreaterThan(Number(story[1]!.id));
  });

  it('a refused request is logged with its HTTP and OCPI status and the reason; a stranger has no parties', async () => {
    const refused = await pair.emsp.ocpi('GET', 'receiver/sessions/NL/CPO/NOPE', 'not-a-token');
    expect(refused.status).toBe(401);
    const entries = await traffic('emsp', 'limit=5');
    const entry = entries.find((e) => e.request_id === refused.headers['x-request-id'])!;
    expect(entry).toMatchObject({ direction: 'in', http_status: 401, ocpi_status: 2000, from_party: null, to_party: null, module: 'sessions', object_ids: ['NOPE'] });
    expect(entry.error).toMatch(/token/i);
  });

  it('a request that never got an answer is logged with no status and the failure', async () => {
    await pair.otherPartner('emsp', 'CPO', { countryCode: 'FR', partyId: 'XYZ' });
    const peers = await pair.emsp.api<Array<{ id: string; parties: Array<{ party_id: string }> }>>('GET', '/peers');
    const unreachable = peers.body.find((p) => p.parties.some((x) => x.party_id === 'XYZ'))!;
    expect((await pair.emsp.api('POST', `/peers/${unreachable.id}/check`)).status).toBe(502);
    const [entry] = await traffic('emsp', 'limit=1');
    expect(entry).toMatchObject({ direction: 'out', method: 'GET', url: 'http://127.0.0.1:9/ocpi/versions', module: 'versions', http_status: null, ocpi_status: null });
    expect(entry!.error).toMatch(/failed/);
  });

  it('pages with before (an entry id or a time) and limit', async () => {
    const newest = await traffic('cpo', 'limit=3');
    expect(newest).toHaveLength(3);
    const next = await traffic('cpo', `limit=2&before=${newest[2]!.id}`);
    expect(next).toHaveLength(2);
    expect(Number(next[0]!.id)).toBeLessThan(Number(newest[2]!.id));
    expect(await traffic('cpo', 'before=2000-01-01T00:00:00Z')).toEqual([]);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
      ['module=invoices', 'module'],
      ['party=NL_CPO', 'party'],
      ['before=yesterday', 'before'],
    ] as const) {
      const reply = await pair.cpo.api<{ error: { status: number; field: string } }>('GET', `/traffic?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.field, query).toBe(field);
    }
  });
});

describe('the OCPI traffic log at shutdown', () => {
  const postgres = backends.find((b) => b.name === 'postgres')!;
  afterAll(async () => {
    await dropTestSchemas();
  });

  it('loses nothing gathered in the last batch when the service closes', async () => {
    const pair = await startPair(postgres);
    const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START));
    await pair.cpo.deliver();
    // No search has flushed the batch: closing must write it.
    await pair.close();

    const count = async (database: string) => {
      const url = new URL(database);
      const schema = url.searchParams.get('schema')!;
      url.searchParams.delete('schema');
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ direction: string }>(`select direction from "${schema}".ocpi_traffic where object_ids @> $1::jsonb`, [JSON.stringify([started.body.id.toUpperCase()])]);
        return rows.map((r) => r.direction);
      } finally {
        await client.end();
      }
    };
    expect(await count(pair.cpo.service.config.database)).toEqual(['out']);
    expect(await count(pair.emsp.service.config.database)).toEqual(['in']);
  });
});
