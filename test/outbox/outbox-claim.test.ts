import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnknownObject } from '../../src/outbox/object-repair.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { OutboxRepository } from '../../src/outbox/outbox-repository.js';
import { isRetriable, retryDelayMs, DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const PEERS = ['p1', 'p2', 'p3', 'p4', 'p5'];
const OBJECTS = ['A', 'B', 'C'];
const PER_PEER = 2;

describe.each(backends)('claiming outbox messages on $name', (backend) => {
  let databases: OpenedDatabase[] = [];

  beforeAll(async () => {
    const url = backend.freshUrl();
    // Two connection pools on one PostgreSQL stand for two evroam processes; PGlite has one process.
    databases = backend.name === 'postgres' ? [await openDatabase(url), await openDatabase(url)] : [await openDatabase(url)];
    const db = databases[0]!.db;
    const now = new Date();
    await db.insertInto('peer').values(PEERS.map((id) => ({ id, local_country_code: 'NL', local_party_id: 'CPO', status: 'REGISTERED' as const, incoming_token_hash: `hash-${id}`, pending_token_hash: null, outgoing_token: 't', outgoing_token_encoding: 'base64' as const, versions_url: null, version: null, endpoints: '[]', roles: '[]', updated_at: now, registered_at: now, last_contact_at: null }))).execute();
    // Four messages about each of three objects per partner, written interleaved.
    const messages = PEERS.flatMap((peerId) =>
      Array.from({ length: 4 }, (_, i) => OBJECTS.map((object) => ({ peerId, kind: 'test.put', module: 'tariffs', interfaceRole: 'RECEIVER' as const, method: 'PUT' as const, path: ['NL', 'CPO', object], from: { countryCode: 'NL', partyId: 'CPO' }, to: { countryCode: 'DE', partyId: 'MSP' }, reference: `${peerId}-${object}-${i}` }))).flat(),
    );
    await enqueue(db, messages);
  });

  afterAll(async () => {
    for (const d of databases) await d.close();
    await dropTestSchemas();
  });

  it('gives each message to one claimer only, one message per object and a bounded number per partner at a time, each object in the order written', async () => {
    const repositories = databases.map((d) => new OutboxRepository(d.db));
    const seen: string[] = [];
    const order = new Map<string, string[]>();
    const firstRound = new Map<string, number>();
    for (let round = 0; round < 40; round++) {
      // Every "process" claims at once, as their workers would.
      const claims = await Promise.all([...repositories, ...repositories].map((r) => r.claim(20, 60_000, PER_PEER)));
      const claimed = claims.flat();
      const perPeer = new Map<string, number>();
      const perObject = new Map<string, number>();
      for (const message of claimed) {
        perPeer.set(message.peer_id, (perPeer.get(message.peer_id) ?? 0) + 1);
        perObject.set(`${message.peer_id} ${message.ordering_key}`, (perObject.get(`${message.peer_id} ${message.ordering_key}`) ?? 0) + 1);
      }
      if (round === 0) for (const [peer, n] of perPeer) firstRound.set(peer, n);
      expect([...perPeer.values()].every((n) => n <= PER_PEER)).toBe(true);
      expect([...perObject.values()].every((n) => n === 1)).toBe(true);
      for (const message of claimed) {
        seen.push(message.id);
        const object = `${message.peer_id}-${message.path[2]}`;
        order.set(object, [...(order.get(object) ?? []), message.reference!]);
        await repositories[0]!.delivered(message.id, 200, null);
      }
      if (claimed.length === 0) break;
    }
    // Different objects to one partner go out together, as many as allowed.
    expect(Object.fromEntries(firstRound)).toEqual(Object.fromEntries(PEERS.map((p) => [p, PER_PEER])));
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    for (const peer of PEERS) {
      for (const object of OBJECTS) expect(order.get(`${peer}-${object}`)).toEqual(Array.from({ length: 4 }, (_, i) => `${peer}-${object}-${i}`));
    }
  });

  it('holds back an object\'s later messages while one waits for its retry, and lets them go after a dead letter', async () => {
    const db = databases[0]!.db;
    const outbox = new OutboxRepository(db);
    const message = (object: string, i: number) => ({ peerId: 'p1', kind: 'test.put', module: 'tariffs', interfaceRole: 'RECEIVER' as const, method: 'PUT' as const, path: ['NL', 'CPO', object], from: { countryCode: 'NL', partyId: 'CPO' }, to: { countryCode: 'DE', partyId: 'MSP' }, reference: `retry-${object}-${i}` });
    await enqueue(db, [message('R', 0), message('R', 1), message('D', 0), message('D', 1)]);
    const claimed = await outbox.claim(20, 60_000, 8);
    expect(claimed.map((m) => m.reference).sort()).toEqual(['retry-D-0', 'retry-R-0']);
    await outbox.failed(claimed.find((m) => m.reference === 'retry-R-0')!.id, 'partner down', 503, new Date(Date.now() + 3_600_000));
    await outbox.failed(claimed.find((m) => m.reference === 'retry-D-0')!.id, 'refused', 200, null);
    // R waits for its retry an hour away; D's next message is free to go after the dead letter.
    expect((await outbox.claim(20, 60_000, 8)).map((m) => m.reference)).toEqual(['retry-D-1']);
    expect(await outbox.claim(20, 60_000, 8)).toEqual([]);
  });

  it('keeps a separate line per receiving party for the same object (a hub serving several parties)', async () => {
    const db = databases[0]!.db;
    const outbox = new OutboxRepository(db);
    const to = (partyId: string, i: number) => ({ peerId: 'p2', kind: 'test.put', module: 'tariffs', interfaceRole: 'RECEIVER' as const, method: 'PUT' as const, path: ['NL', 'CPO', 'H'], from: { countryCode: 'NL', partyId: 'CPO' }, to: { countryCode: 'DE', partyId }, reference: `hub-${partyId}-${i}` });
    await enqueue(db, [to('AAA', 0), to('AAA', 1), to('BBB', 0), to('BBB', 1)]);
    const first = await outbox.claim(20, 60_000, 8);
    expect(first.map((m) => m.reference).sort()).toEqual(['hub-AAA-0', 'hub-BBB-0']);
    expect(first.map((m) => m.ordering_key).sort()).toEqual(['DE-AAA TARIFFS/NL/CPO/H', 'DE-BBB TARIFFS/NL/CPO/H']);
    for (const m of first) await outbox.delivered(m.id, 200, null);
    expect((await outbox.claim(20, 60_000, 8)).map((m) => m.reference).sort()).toEqual(['hub-AAA-1', 'hub-BBB-1']);
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
    // The partner's OCPI layer answered 404: it knows no such object; no endpoint (no envelope) is retried.
    expect(isRetriable(2003, 404)).toBe(false);
    expect(isRetriable(3001, 404)).toBe(true);
    expect(isRetriable(3000, 500)).toBe(true);
    expect(isRetriable(3001, 502)).toBe(true);
    expect(isRetriable(null, null)).toBe(true);
  });

  it('reads 404 with an OCPI envelope, or Unknown Location / Unknown Token, as "the partner does not hold the object"', () => {
    expect(isUnknownObject(2000, 404)).toBe(true);
    expect(isUnknownObject(2003, 404)).toBe(true);
    expect(isUnknownObject(2004, 404)).toBe(true);
    expect(isUnknownObject(2003, 200)).toBe(true);
    expect(isUnknownObject(3001, 404)).toBe(false);
    expect(isUnknownObject(2001, 200)).toBe(false);
  });
});
