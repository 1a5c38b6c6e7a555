import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/outbox/outbox.js';
import { OutboxRepository } from '../../src/outbox/outbox-repository.js';
import { isRetriable, retryDelayMs, DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const PEERS = ['p1', 'p2', 'p3', 'p4', 'p5'];

describe.each(backends)('claiming outbox messages on $name', (backend) => {
  let databases: OpenedDatabase[] = [];

  beforeAll(async () => {
    const url = backend.freshUrl();
    // Two connection pools on one PostgreSQL stand for two evroam processes; PGlite has one process.
    databases = backend.name === 'postgres' ? [await openDatabase(url), await openDatabase(url)] : [await openDatabase(url)];
    const db = databases[0]!.db;
    const now = new Date();
    await db.insertInto('peer').values(PEERS.map((id) => ({ id, local_country_code: 'NL', local_party_id: 'CPO', status: 'REGISTERED' as const, incoming_token_hash: `hash-${id}`, pending_token_hash: null, outgoing_token: 't', outgoing_token_encoding: 'base64' as const, versions_url: null, version: null, endpoints: '[]', roles: '[]', updated_at: now, registered_at: now, last_contact_at: null }))).execute();
    const messages = PEERS.flatMap((peerId) =>
      Array.from({ length: 10 }, (_, i) => ({ peerId, kind: 'test.put', module: 'tariffs', interfaceRole: 'RECEIVER' as const, method: 'PUT' as const, path: [String(i)], from: { countryCode: 'NL', partyId: 'CPO' }, to: { countryCode: 'DE', partyId: 'MSP' }, reference: `${peerId}-${i}` })),
    );
    await enqueue(db, messages);
  });

  afterAll(async () => {
    for (const d of databases) await d.close();
    await dropTestSchemas();
  });

  it('gives each message to one claimer only, one message per partner at a time, in the order written', async () => {
    const repositories = databases.map((d) => new OutboxRepository(d.db));
    const seen: string[] = [];
    const order = new Map<string, string[]>();
    for (let round = 0; round < 20; round++) {
      // Every "process" claims at once, as their workers would.
      const claims = await Promise.all([...repositories, ...repositories].map((r) => r.claim(20, 60_000)));
      const claimed = claims.flat();
      const perPeer = new Map<string, number>();
      for (const message of claimed) perPeer.set(message.peer_id, (perPeer.get(message.peer_id) ?? 0) + 1);
      expect([...perPeer.values()].every((n) => n === 1)).toBe(true);
      for (const message of claimed) {
        seen.push(message.id);
        order.set(message.peer_id, [...(order.get(message.peer_id) ?? []), message.reference!]);
        await repositories[0]!.delivered(message.id, 200, null);
      }
      if (claimed.length === 0) break;
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    for (const peer of PEERS) expect(order.get(peer)).toEqual(Array.from({ length: 10 }, (_, i) => `${peer}-${i}`));
  });
});

describe('retry policy', () => {
  it('backs off exponentially from 1 s to at most 15 min, never at once', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, low)).toBe(500);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, high)).toBe(1000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 4, high)).toBe(8000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 30, high)).toBe(15 * 60 * 1000);
  });

  it('sends a message the partner refused as wrong to the dead letters at once, and retries transport trouble', () => {
    expect(isRetriable(2001, 200)).toBe(false);
    expect(isRetriable(3000, 500)).toBe(true);
    expect(isRetriable(3001, 502)).toBe(true);
    expect(isRetriable(null, null)).toBe(true);
  });
});
