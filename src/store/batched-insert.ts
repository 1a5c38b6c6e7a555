import type { FastifyBaseLogger } from 'fastify';
import type { Insertable } from 'kysely';
import type { Database } from './database.js';
import type { Tables } from './tables.js';

export interface BatchOptions {
  /** The longest a row waits in memory before it is written. */
  flushMs: number;
  /** A batch this large is written at once. */
  maxRows: number;
}

export const LOG_BATCH: BatchOptions = { flushMs: 200, maxRows: 500 };

/**
 * Rows of a log table gathered in memory and written as one insert per batch, so a request that is
 * logged costs neither a database round trip nor a wait. A failed write is reported and dropped:
 * a log must never stop the traffic it records. `flush` (at shutdown, before a search) writes what
 * is gathered and waits for every write under way.
 */
export class BatchedInsert<T extends keyof Tables & string> {
  #batch: Array<Insertable<Tables[T]>> = [];
  #timer: NodeJS.Timeout | null = null;
  readonly #writing = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly table: T,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    private readonly options: BatchOptions = LOG_BATCH,
  ) {}

  add(row: Insertable<Tables[T]>): void {
    this.#batch.push(row);
    if (this.#batch.length >= this.options.maxRows) this.#write();
    else this.#timer ??= setTimeout(() => this.#write(), this.options.flushMs);
  }

  async flush(): Promise<void> {
    this.#write();
    await Promise.all([...this.#writing]);
  }

  #write(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const rows = this.#batch;
    this.#batch = [];
    if (rows.length === 0) return;
    const write = this.db
      .insertInto(this.table)
      // Kysely cannot relate a generic table name to its row type.
      .values(rows as never)
      .execute()
      .then(
        () => undefined,
        (error: unknown) => this.log.error({ err: error, table: this.table, rows: rows.length }, 'log write failed; these rows are lost'),
      );
    this.#writing.add(write);
    void write.finally(() => this.#writing.delete(write));
  }
}
