import type { FastifyBaseLogger } from 'fastify';
import type { Insertable, Selectable } from 'kysely';
import type { PartyRef } from '../ocpi/headers.js';
import { BatchedInsert } from '../store/batched-insert.js';
import type { Database } from '../store/database.js';
import { pruneOlderThan } from '../store/retention.js';
import type { HubMessageTable } from '../store/tables/hub-tables.js';

export type HubMessage = Selectable<HubMessageTable>;
export type HubMessageEntry = Omit<Insertable<HubMessageTable>, 'seq' | 'created_at'>;

export interface MessageSearch {
  /** Matches the X-Correlation-ID: every hop of one transaction. */
  correlationId?: string;
  /** Matches the request id as received or as forwarded. */
  requestId?: string;
  /** Matches either end, from or to. */
  party?: PartyRef;
  module?: string;
  /** The location, session, token or CDR id the requests were about. */
  objectId?: string;
  /** `failed`: everything that did not end in a 1xxx answer. */
  outcome?: 'ok' | 'failed';
  since?: Date;
  until?: Date;
  limit?: number;
}

/**
 * Every request the hub forwarded, answered for itself or refused: ids, parties, module, outcome
 * and latency, so support can follow one driver's session across the companies involved. Entries
 * are written after the answer is sent, in batches (`store/batched-insert.ts`), so logging neither
 * slows a forwarded request down nor costs a database round trip per request.
 */
export class MessageLog {
  readonly #rows: BatchedInsert<'hub_message'>;

  constructor(
    private readonly db: Database,
    log: FastifyBaseLogger,
  ) {
    this.#rows = new BatchedInsert(db, 'hub_message', log);
  }

  record(entry: HubMessageEntry): void {
    this.#rows.add(entry);
  }

  /** Writes what is gathered and waits for every write (before the database closes, before a search). */
  flush(): Promise<void> {
    return this.#rows.flush();
  }

  /** Removes the entries recorded before `before` (the operator's `logRetentionDays`). */
  prune(before: Date): Promise<number> {
    return pruneOlderThan(this.db, 'hub_message', before, { key: 'seq', time: 'created_at' });
  }

  /** Newest first. */
  async search(hub: PartyRef, filter: MessageSearch): Promise<HubMessage[]> {
    await this.flush();
    let query = this.db
      .selectFrom('hub_message')
      .selectAll()
      .where('hub_country_code', '=', hub.countryCode.toUpperCase())
      .where('hub_party_id', '=', hub.partyId.toUpperCase())
      .orderBy('seq', 'desc')
      .limit(Math.min(filter.limit ?? 100, 1000));
    if (filter.correlationId) query = query.where('correlation_id', '=', filter.correlationId);
    if (filter.requestId) query = query.where((eb) => eb.or([eb('request_id', '=', filter.requestId!), eb('forwarded_request_id', '=', filter.requestId!)]));
    if (filter.party) {
      const cc = filter.party.countryCode.toUpperCase();
      const pid = filter.party.partyId.toUpperCase();
      query = query.where((eb) => eb.or([eb.and([eb('from_country_code', '=', cc), eb('from_party_id', '=', pid)]), eb.and([eb('to_country_code', '=', cc), eb('to_party_id', '=', pid)])]));
    }
    if (filter.module) query = query.where('module', '=', filter.module);
    if (filter.objectId) query = query.where('object_id', '=', filter.objectId);
    if (filter.outcome === 'ok') query = query.where('ocpi_status', '>=', 1000).where('ocpi_status', '<', 2000);
    if (filter.outcome === 'failed') query = query.where((eb) => eb.or([eb('ocpi_status', 'is', null), eb('ocpi_status', '<', 1000), eb('ocpi_status', '>=', 2000)]));
    if (filter.since) query = query.where('created_at', '>=', filter.since);
    if (filter.until) query = query.where('created_at', '<', filter.until);
    return query.execute();
  }
}
