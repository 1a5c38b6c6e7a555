import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { ChargerMessageLog } from '../../src/cpo/charger-messages/charger-message-log.js';
import { MessageLog } from '../../src/hub/message-log.js';
import { openDatabase } from '../../src/store/database.js';
import { RetentionSchedule } from '../../src/store/retention.js';
import { TrafficLog } from '../../src/traffic/traffic-log.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const DAY = 86_400_000;

describe.each(backends)('log retention on $name', (backend) => {
  afterAll(async () => {
    await dropTestSchemas();
  });

  it('drops traffic entries and charger frames past the retention period at start, and keeps the rest', async () => {
    const database = await openDatabase(backend.freshUrl());
    const log = pino({ level: 'silent' });
    try {
      const traffic = new TrafficLog(database.db, log);
      const messages = new ChargerMessageLog(database.db, log);
      for (const days of [45, 31, 29, 0]) {
        const at = new Date(Date.now() - days * DAY);
        traffic.record({ direction: 'in', startedAt: at, method: 'GET', url: `/ocpi/2.2.1/sender/sessions/S-${days}`, httpStatus: 200, ocpiStatus: 1000, requestId: `R-${days}`, correlationId: `C-${days}`, from: null, to: null, body: undefined, latencyMs: 3, error: null });
        messages.record({ charger: 'CB-1', direction: 'in', at, kind: 'CALL', messageId: `M-${days}`, action: 'Heartbeat', payload: {}, error: null, transactionId: null });
      }
      await Promise.all([traffic.flush(), messages.flush()]);

      const schedules = [new RetentionSchedule('traffic', 30, (before) => traffic.prune(before), log), new RetentionSchedule('messages', 30, (before) => messages.prune(before), log)];
      for (const schedule of schedules) schedule.start();
      // stop waits for the prune the start began.
      for (const schedule of schedules) await schedule.stop();

      expect((await traffic.search({ limit: 10 })).map((e) => e.request_id)).toEqual(['R-0', 'R-29']);
      expect((await messages.latest('cb-1', 10)).map((m) => m.message_id)).toEqual(['M-0', 'M-29']);
    } finally {
      await database.close();
    }
  });

  it('drops the hub messages past the retention period and keeps the rest', async () => {
    const database = await openDatabase(backend.freshUrl());
    const log = pino({ level: 'silent' });
    try {
      const messages = new MessageLog(database.db, log);
      const hub = { countryCode: 'NL', partyId: 'HUB' };
      // Entries are stamped with the time they are written: these were written days ago.
      for (const days of [45, 31, 29, 0]) {
        await database.db
          .insertInto('hub_message')
          .values({ hub_country_code: 'NL', hub_party_id: 'HUB', kind: 'DIRECT', request_id: `R-${days}`, forwarded_request_id: `F-${days}`, correlation_id: `C-${days}`, method: 'GET', module: 'sessions', interface_role: 'SENDER', path: `/S-${days}`, object_id: `S-${days}`, from_country_code: 'NL', from_party_id: 'MSP', to_country_code: 'DE', to_party_id: 'CPO', caller_peer_id: null, destination_peer_id: null, http_status: 200, ocpi_status: 1000, latency_ms: 3, error: null, created_at: new Date(Date.now() - days * DAY) })
          .execute();
      }

      const schedule = new RetentionSchedule('hub messages', 30, (before) => messages.prune(before), log);
      schedule.start();
      await schedule.stop();

      expect((await messages.search(hub, {})).map((m) => m.request_id)).toEqual(['R-0', 'R-29']);
    } finally {
      await database.close();
    }
  });
});
