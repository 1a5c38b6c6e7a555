import type { FastifyBaseLogger } from 'fastify';
import type { Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { OcppFrame, OcppFrameSink } from '../../ocpp/ocpp-frames.js';
import { BatchedInsert } from '../../store/batched-insert.js';
import type { Database } from '../../store/database.js';
import { pruneOlderThan } from '../../store/retention.js';
import type { ChargerMessageTable } from '../../store/tables/log-tables.js';

export type ChargerMessageRow = Selectable<ChargerMessageTable>;

/** The part of a charger's OCPP transaction its messages are found by. */
export interface TransactionSpan {
  chargeBoxId: string;
  transactionId: string;
  /** When we recorded the start, and when the transaction last heard from its charger (our clock). */
  recordedAt: Date;
  lastMessageAt: Date;
}

/** The OCPP frames of the transaction behind one of a CPO party's sessions, oldest first. */
export type SessionMessages = (party: PartyRef, sessionId: string) => Promise<ChargerMessageRow[]>;

/**
 * How far before the start a transaction's messages begin: the Authorize of the tap and the
 * status change that precede a start carry no transaction id.
 */
const LEAD_MS = 2 * 60_000;

/** Every OCPP frame of our chargers, written in batches; what an operator reads per charger. */
export class ChargerMessageLog implements OcppFrameSink {
  readonly #rows: BatchedInsert<'charger_message'>;

  constructor(
    private readonly db: Database,
    log: FastifyBaseLogger,
  ) {
    this.#rows = new BatchedInsert(db, 'charger_message', log);
  }

  record(frame: OcppFrame): void {
    this.#rows.add({
      charger_key: frame.charger.toUpperCase(),
      at: frame.at,
      direction: frame.direction,
      kind: frame.kind,
      action: frame.action,
      message_id: frame.messageId,
      transaction_id: frame.transactionId,
      payload: JSON.stringify(frame.payload ?? null),
      error: frame.error,
    });
  }

  flush(): Promise<void> {
    return this.#rows.flush();
  }

  /** A charger's newest messages first. */
  async latest(chargeBoxId: string, limit: number): Promise<ChargerMessageRow[]> {
    await this.flush();
    return this.db.selectFrom('charger_message').selectAll().where('charger_key', '=', chargeBoxId.toUpperCase()).orderBy('id', 'desc').limit(limit).execute();
  }

  /** When each of these chargers last sent or was sent a frame, by upper-case identity. */
  async lastMessageAt(chargeBoxIds: readonly string[]): Promise<Map<string, Date>> {
    if (chargeBoxIds.length === 0) return new Map();
    await this.flush();
    const rows = await this.db
      .selectFrom('charger_message')
      .select(['charger_key', (eb) => eb.fn.max('at').as('last')])
      .where(
        'charger_key',
        'in',
        chargeBoxIds.map((id) => id.toUpperCase()),
      )
      .groupBy('charger_key')
      .execute();
    return new Map(rows.map((r) => [r.charger_key, new Date(r.last)]));
  }

  /**
   * The messages of one transaction, oldest first: those naming it, and those naming no
   * transaction sent while it ran (the tap's Authorize, status changes). Messages of the charger's
   * other transactions are left out.
   */
  async ofTransaction(span: TransactionSpan): Promise<ChargerMessageRow[]> {
    await this.flush();
    return this.db
      .selectFrom('charger_message')
      .selectAll()
      .where('charger_key', '=', span.chargeBoxId.toUpperCase())
      .where('at', '>=', new Date(span.recordedAt.getTime() - LEAD_MS))
      .where('at', '<=', new Date(span.lastMessageAt.getTime() + 1000))
      .where((eb) => eb.or([eb('transaction_id', '=', span.transactionId), eb('transaction_id', 'is', null)]))
      .orderBy('id')
      .execute();
  }

  prune(before: Date): Promise<number> {
    return pruneOlderThan(this.db, 'charger_message', before);
  }
}

export function chargerMessageView(row: ChargerMessageRow) {
  return {
    at: row.at.toISOString(),
    direction: row.direction,
    kind: row.kind,
    action: row.action,
    message_id: row.message_id,
    transaction_id: row.transaction_id,
    payload: row.payload,
    error: row.error,
  };
}
