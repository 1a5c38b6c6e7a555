import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { successEnvelope } from '../../src/ocpi/envelope.js';
import type { CallerResolver } from '../../src/ocpi/fastify/ocpi-caller.js';
import { ocpiTransport } from '../../src/ocpi/fastify/ocpi-transport.js';
import { OcpiClient } from '../../src/ocpi/ocpi-client.js';
import { pageHeaders, parsePageRequest } from '../../src/ocpi/pagination.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { fetchPage } from '../../src/store/paged-query.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const TOKEN = 'crawl-test-token';
const PAGE_CAP = 37;

/** The one caller this test server knows: a registered partner holding TOKEN. */
const resolver: CallerResolver = {
  async resolve(candidates) {
    return candidates.includes(TOKEN)
      ? { peerId: 'p1', stage: 'registered', localParty: { countryCode: 'NL', partyId: 'CPO' }, localRoles: ['CPO'], parties: [{ countryCode: 'DE', partyId: 'MSP', role: 'EMSP' }], token: TOKEN }
      : null;
  },
};

describe.each(backends)('a client crawl through Link on $name', (backend) => {
  let database: OpenedDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  let onPageServed: (offset: number) => Promise<void> = async () => {};

  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
    await sql`create table crawl_item (seq bigserial primary key, id text not null unique, last_updated timestamptz not null)`.execute(database.db);
    app = Fastify();
    await app.register(async (scope) => {
      await ocpiTransport(scope, { resolver });
      scope.get('/items', { config: { ocpiAccess: 'functional' } }, async (request, reply) => {
        const page = parsePageRequest(request.query as Record<string, unknown>, PAGE_CAP);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const base = (database.db as any).selectFrom('crawl_item').select(['id', 'last_updated']);
        const result = await fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
        reply.headers(pageHeaders(new URL(request.url, baseUrl), page, result.items.length, result.total, PAGE_CAP));
        await onPageServed(page.offset);
        return successEnvelope(result.items.map((row) => (row as { id: string }).id));
      });
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = address;
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await dropTestSchemas();
  });

  async function insertItems(from: number, count: number, at: Date): Promise<void> {
    const rows = Array.from({ length: count }, (_, i) => ({ id: `item-${String(from + i).padStart(5, '0')}`, last_updated: at }));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (database.db as any).insertInto('crawl_item').values(rows).execute();
  }

  async function crawl(url: string): Promise<{ ids: string[]; pages: number }> {
    const client = new OcpiClient({ timeoutMs: 5000 });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of client.crawl<string>(url, { token: TOKEN, encoding: 'base64' })) {
      ids.push(...page);
      pages++;
    }
    return { ids, pages };
  }

  it('yields each of 1,000 objects exactly once, page by page under the server cap', async () => {
    await insertItems(0, 1000, new Date('2026-01-01T00:00:00Z'));
    const { ids, pages } = await crawl(`${baseUrl}/items?limit=500`);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(pages).toBe(Math.ceil(1000 / PAGE_CAP));
  });

  it('yields each object exactly once when objects are added between pages, new ones included', async () => {
    let added = 0;
    onPageServed = async (offset) => {
      if (offset > 0 && added < 5) {
        await insertItems(1000 + added * 10, 10, new Date('2026-01-02T00:00:00Z'));
        added++;
      }
    };
    try {
      const { ids } = await crawl(`${baseUrl}/items`);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(1000 + added * 10);
      expect(ids).toContain('item-01049');
    } finally {
      onPageServed = async () => {};
    }
  });

  it('keeps the date filters in every Link, with date_to exclusive', async () => {
    await insertItems(2000, 100, new Date('2026-02-01T00:00:00Z'));
    const { ids } = await crawl(`${baseUrl}/items?date_from=2026-01-02T00:00:00Z&date_to=2026-02-01T00:00:00Z`);
    expect(ids.every((id) => Number(id.slice(5)) >= 1000 && Number(id.slice(5)) < 2000)).toBe(true);
    expect(ids).toHaveLength(50);
  });

  it('answers X-Total-Count, X-Limit and a Link with the original filters', async () => {
    const response = await fetch(`${baseUrl}/items?date_from=2026-01-01T00:00:00Z&limit=10&offset=20`, { headers: { authorization: `Token ${Buffer.from(TOKEN).toString('base64')}` } });
    expect(response.headers.get('x-limit')).toBe(String(PAGE_CAP));
    expect(Number(response.headers.get('x-total-count'))).toBe(1150);
    const link = response.headers.get('link')!;
    expect(link).toMatch(/rel="next"/);
    const next = new URL(/<([^>]+)>/.exec(link)![1]!);
    expect(next.searchParams.get('offset')).toBe('30');
    expect(next.searchParams.get('limit')).toBe('10');
    expect(next.searchParams.get('date_from')).toBe('2026-01-01T00:00:00Z');
    // Routing headers of the response are the request's, swapped.
    expect(response.headers.get('ocpi-from-party-id')).toBe('CPO');
    expect(response.headers.get('ocpi-to-party-id')).toBe('MSP');
  });

  it('refuses bad paging parameters with 2001 naming the parameter', async () => {
    for (const [query, name] of [['offset=-1', 'offset'], ['limit=abc', 'limit'], ['date_from=yesterday', 'date_from']] as const) {
      const response = await fetch(`${baseUrl}/items?${query}`, { headers: { authorization: `Token ${Buffer.from(TOKEN).toString('base64')}` } });
      const body = (await response.json()) as { status_code: number; status_message: string };
      expect(body.status_code).toBe(2001);
      expect(body.status_message).toContain(name);
    }
  });
});
