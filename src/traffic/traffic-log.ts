import type { FastifyBaseLogger } from 'fastify';
import { sql, type Selectable } from 'kysely';
import { formatParty, type PartyRef } from '../ocpi/headers.js';
import type { OcpiExchange, OcpiTrafficSink } from '../ocpi/traffic-sink.js';
import { BatchedInsert } from '../store/batched-insert.js';
import type { Database } from '../store/database.js';
import { pruneOlderThan } from '../store/retention.js';
import type { OcpiTrafficTable } from '../store/tables/log-tables.js';
import { requestSubject } from './request-subject.js';

export type TrafficRow = Selectable<OcpiTrafficTable>;

export interface TrafficSearch {
  /** Entries about any of these objects (session, CDR, location id, token uid). */
  objectIds?: readonly string[];
  requestId?: string;
  correlationId?: string;
  /** Either end, from or to. */
  party?: PartyRef;
  module?: string;
  /** Entries older than this one (an entry id) or than this time. */
  before?: { id: string } | { at: Date };
  limit: number;
}

/**
 * Every OCPI request this process received or sent: the transport and the client report each
 * exchange, this log derives what it is about (module, object ids) and writes it in batches.
 */
export class TrafficLog implements OcpiTrafficSink {
  readonly #rows: BatchedInsert<'ocpi_traffic'>;

  constructor(
    private readonly db: Database,
    log: FastifyBaseLogger,
  ) {
    this.#rows = new BatchedInsert(db, 'ocpi_traffic', log);
  }

  record(exchange: OcpiExchange): void {
    const subject = requestSubject(exchange.method, exchange.url, exchange.body);
    this.#rows.add({
      at: exchange.startedAt,
      direction: exchange.direction,
      method: exchange.method,
      url: exchange.url,
      module: subject.module,
      http_status: exchange.httpStatus,
      ocpi_status: exchange.ocpiStatus,
      request_id: exchange.requestId,
      correlation_id: exchange.correlationId,
      from_party: partyKey(exchange.from),
      to_party: partyKey(exchange.to),
      object_ids: JSON.stringify(subject.objectIds),
      latency_ms: exchange.latencyMs,
      error: exchange.error,
    });
  }

  /** Writes what is gathered (at shutdown; before a search, so an operator sees the request just made). */
  flush(): Promise<void> {
    return this.#rows.flush();
  }

  /** Newest first. */
  async search(filter: TrafficSearch): Promise<TrafficRow[]> {
    await this.flush();
    let query = this.db.selectFrom('ocpi_traffic').selectAll().orderBy('id', 'desc').limit(filter.limit);
    const ids = filter.objectIds?.map((id) => id.toUpperCase()) ?? [];
    if (ids.length > 0) query = query.where((eb) => eb.or(ids.map((id) => sql<boolean>`object_ids @> ${JSON.stringify([id])}::jsonb`)));
    if (filter.requestId) query = query.where('request_id', '=', filter.requestId);
    if (filter.correlationId) query = query.where('correlation_id', '=', filter.correlationId);
    if (filter.party) {
      const party = partyKey(filter.party);
      query = query.where((eb) => eb.or([eb('from_party', '=', party), eb('to_party', '=', party)]));
    }
    if (filter.module) query = query.where('module', '=', filter.module.toLowerCase());
    const before = filter.before;
    if (before && 'id' in before) query = query.where('id', '<', before.id);
    if (before && 'at' in before) query = query.where('at', '<', before.at);
    return query.execute();
  }

  prune(before: Date): Promise<number> {
    return pruneOlderThan(this.db, 'ocpi_traffic', before);
  }
}

function partyKey(party: PartyRef | null): string | null {
  return party ? formatParty(party).toUpperCase() : null;
}
