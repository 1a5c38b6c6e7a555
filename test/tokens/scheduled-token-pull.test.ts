import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerTokens } from '../../src/cpo/tokens/partner-tokens.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import type { PullMode, PullReport } from '../../src/partner-data/partner-sync.js';
import { SyncScheduler } from '../../src/partner-data/sync-scheduler.js';
import { HostedParties } from '../../src/peers/hosted-parties.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, emptyTables, registeredPeer } from './support.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const HOUR = 3600_000;

describe.each(backends)("scheduled pulls of eMSPs' tokens on $name", (backend) => {
  let database: OpenedDatabase;

  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
  });
  beforeEach(async () => emptyTables(database.db));
  afterAll(async () => {
    await database?.close();
    await dropTestSchemas();
  });

  it('pulls as deltas the eMSPs never pulled or pulled longer ago than the interval, and retries failures later', async () => {
    const sender = [{ identifier: 'tokens', role: 'SENDER' as const, url: 'http://127.0.0.1:1/ocpi/2.2.1/sender/tokens' }];
    const partner = (partyId: string) => registeredPeer(database.db, CPO, { countryCode: 'DE', partyId, role: 'EMSP' }, sender);
    const [fresh, recent, old, failing, broken] = [await partner('NEW'), await partner('REC'), await partner('OLD'), await partner('ERR'), await partner('BRK')];
    const state = (peerId: string, lastSuccess: Date | null, lastRun: Date) =>
      database.db.insertInto('partner_sync').values({ peer_id: peerId, module: 'tokens', next_delta_from: lastSuccess, last_run_at: lastRun, last_full_at: null, last_error: null, last_object_count: 0 }).execute();
    await state(recent.id, new Date(NOW.getTime() - HOUR), new Date(NOW.getTime() - HOUR));
    await state(old.id, new Date(NOW.getTime() - 7 * HOUR), new Date(NOW.getTime() - 7 * HOUR));
    await state(failing.id, null, new Date(NOW.getTime() - 2 * 60_000));

    const calls: Array<{ peerId: string; mode: PullMode }> = [];
    const sync = {
      async pull(peerId: string, _spec: unknown, mode: PullMode): Promise<PullReport> {
        calls.push({ peerId, mode });
        if (peerId === broken.id) throw new Error('partner down');
        return { peer_id: peerId, module: 'tokens', mode, received: 0, refused: [], dropped: 0, date_from: null };
      },
    };
    const spec = new PartnerTokens(database.db, new PartnerObjectRepository(database.db)).pullSpec();
    const scheduler = new SyncScheduler({ db: database.db, peers: new PeerRepository(database.db), hosted: new HostedParties([CPO]), sync, specs: [spec], log: pino({ level: 'silent' }) }, { intervalMs: 6 * HOUR, retryMs: 10 * 60_000, checkEveryMs: 60_000 });

    const reports = await scheduler.pullDue(NOW);
    expect(calls.map((c) => c.peerId).sort()).toEqual([fresh.id, old.id, broken.id].sort());
    expect(calls.every((c) => c.mode === 'delta')).toBe(true);
    expect(reports.map((r) => r.peer_id).sort()).toEqual([fresh.id, old.id].sort());
  });
});
