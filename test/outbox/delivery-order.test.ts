import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OcpiClient } from '../../src/ocpi/ocpi-client.js';
import { DeliveryWorker } from '../../src/outbox/delivery-worker.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { OutboxRepository } from '../../src/outbox/outbox-repository.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { addPeer, deferred, PartnerReceiver, Rendezvous, sessionMessage, type Answer, type Arrival } from './support.js';

/** Retries come back within milliseconds, so a test sees a failure healed without waiting. */
const QUICK_RETRY = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2 };

describe.each(backends)('delivering the outbox to one partner on $name', (backend) => {
  let database: OpenedDatabase;
  let receiver: PartnerReceiver | null = null;

  // One database for the file; each test has partners of its own.
  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });
  afterAll(async () => {
    await database.close();
    await dropTestSchemas();
  });

  function worker(perPeer: number): DeliveryWorker {
    const db = database.db;
    return new DeliveryWorker({ outbox: new OutboxRepository(db), peers: new PeerRepository(db), client: new OcpiClient({ timeoutMs: 5000 }), log: pino({ level: 'silent' }), retry: QUICK_RETRY, perPeer });
  }

  /** Drains until no message is waiting any more (retries fall due a millisecond later). */
  async function deliverAll(delivery: DeliveryWorker): Promise<void> {
    const waiting = () => database.db.selectFrom('outbox').select('id').where('status', 'in', ['PENDING', 'IN_FLIGHT']).execute();
    while ((await waiting()).length > 0) await delivery.drain();
  }

  const statuses = async (peerId: string) => Object.fromEntries((await database.db.selectFrom('outbox').select(['reference', 'status']).where('peer_id', '=', peerId).execute()).map((r) => [r.reference, r.status]));

  it('sends another object to the partner while the first object\'s message is still open', async () => {
    // The first messages of S1 and S2 are answered only once both are in.
    const firsts = new Rendezvous(['NL/CPO/S1#1', 'NL/CPO/S2#1']);
    const arrivals: string[] = [];
    receiver = await PartnerReceiver.start(async (arrival) => {
      const label = `${arrival.path}#${arrival.body?.seq}`;
      arrivals.push(label);
      await firsts.arrive(label, arrival);
      return {};
    });
    await addPeer(database.db, 'overlap', receiver);
    await enqueue(database.db, [sessionMessage('overlap', 'S1', 1), sessionMessage('overlap', 'S1', 2), sessionMessage('overlap', 'S2', 1), sessionMessage('overlap', 'S1', 3)]);

    await deliverAll(worker(8));

    expect(firsts.overlapped).toBe(true);
    expect(arrivals.filter((a) => a.startsWith('NL/CPO/S1'))).toEqual(['NL/CPO/S1#1', 'NL/CPO/S1#2', 'NL/CPO/S1#3']);
    expect(Object.values(await statuses('overlap')).every((s) => s === 'DELIVERED')).toBe(true);
  });

  it('keeps each object\'s messages in order through retries and dead letters, one at a time', async () => {
    const accepted = new Map<string, number[]>();
    const openPerObject = new Map<string, number>();
    let mostOpenOfOneObject = 0;
    const failedOnce = new Set<string>();
    receiver = await PartnerReceiver.start(async (arrival: Arrival): Promise<Answer> => {
      const object = arrival.path;
      const seq = arrival.body!.seq!;
      openPerObject.set(object, (openPerObject.get(object) ?? 0) + 1);
      mostOpenOfOneObject = Math.max(mostOpenOfOneObject, openPerObject.get(object)!);
      // Let the other objects' requests in before answering, so any overtaking would show.
      await new Promise((resolve) => setImmediate(resolve));
      openPerObject.set(object, openPerObject.get(object)! - 1);
      const label = `${object}#${seq}`;
      // Every second message fails once, as a partner that is briefly unavailable.
      if (seq % 2 === 0 && !failedOnce.has(label)) {
        failedOnce.add(label);
        return { ocpiStatus: 3000, httpStatus: 503 };
      }
      // The partner refuses S2's fourth message as wrong: a dead letter, and S2 goes on.
      if (label === 'NL/CPO/S2#4') return { ocpiStatus: 2001 };
      accepted.set(object, [...(accepted.get(object) ?? []), seq]);
      return {};
    });
    await addPeer(database.db, 'flaky', receiver);
    const sessions = ['S1', 'S2', 'S3'];
    // Written interleaved, as charger updates of three sessions arrive.
    await enqueue(database.db, [1, 2, 3, 4, 5].flatMap((seq) => sessions.map((id) => sessionMessage('flaky', id, seq))));

    await deliverAll(worker(3));

    expect(mostOpenOfOneObject).toBe(1);
    expect(accepted.get('NL/CPO/S1')).toEqual([1, 2, 3, 4, 5]);
    expect(accepted.get('NL/CPO/S2')).toEqual([1, 2, 3, 5]);
    expect(accepted.get('NL/CPO/S3')).toEqual([1, 2, 3, 4, 5]);
    const settled = await statuses('flaky');
    expect(settled['S2#4']).toBe('DEAD');
    expect(Object.entries(settled).filter(([, s]) => s !== 'DELIVERED').map(([reference]) => reference)).toEqual(['S2#4']);
  });

  it('has at most the configured number of deliveries to one partner out at once', async () => {
    const pairOpen = deferred();
    let open = 0;
    let inFlightWhenTwoOpen: number | null = null;
    receiver = await PartnerReceiver.start(async () => {
      open++;
      if (open === 2 && inFlightWhenTwoOpen === null) {
        // Claims are written before any request leaves: what the worker took is IN_FLIGHT now.
        inFlightWhenTwoOpen = (await database.db.selectFrom('outbox').select('id').where('status', '=', 'IN_FLIGHT').execute()).length;
        pairOpen.resolve();
      }
      await pairOpen.promise;
      open--;
      return {};
    });
    await addPeer(database.db, 'bounded', receiver);
    await enqueue(database.db, ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((id) => sessionMessage('bounded', id, 1)));

    await deliverAll(worker(2));

    expect(inFlightWhenTwoOpen).toBe(2);
    expect(Object.values(await statuses('bounded')).every((s) => s === 'DELIVERED')).toBe(true);
  });

  it('orders per receiving party behind a hub: one party\'s open message does not hold back another party\'s copy', async () => {
    const AAA = { countryCode: 'DE', partyId: 'AAA' };
    const BBB = { countryCode: 'DE', partyId: 'BBB' };
    // Each party's copy of the session's PUT is answered only once both copies are in.
    const firsts = new Rendezvous(['DE-AAA#1', 'DE-BBB#1']);
    const arrivals = new Map<string, number[]>();
    receiver = await PartnerReceiver.start(async (arrival) => {
      arrivals.set(arrival.to, [...(arrivals.get(arrival.to) ?? []), arrival.body!.seq!]);
      await firsts.arrive(`${arrival.to}#${arrival.body!.seq}`, arrival);
      return {};
    });
    // One hub connection serving two eMSP parties; the same session goes to each (OCPI-to-* headers).
    await addPeer(database.db, 'hub', receiver, [AAA, BBB]);
    await enqueue(database.db, [1, 2, 3].flatMap((seq) => [sessionMessage('hub', 'S1', seq, AAA), sessionMessage('hub', 'S1', seq, BBB)]));

    await deliverAll(worker(8));

    expect(firsts.overlapped).toBe(true);
    expect(arrivals.get('DE-AAA')).toEqual([1, 2, 3]);
    expect(arrivals.get('DE-BBB')).toEqual([1, 2, 3]);
  });
});
