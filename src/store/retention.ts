import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Database } from './database.js';
import type { Tables } from './tables.js';

/** Old rows go in slices, so pruning a large backlog never holds a long lock on a table being written. */
const PRUNE_SLICE = 5000;

/** How often old log rows are removed. */
const PRUNE_EVERY_MS = 60 * 60_000;

/** The columns a log table is pruned by: its primary key and the time each entry was made. */
export interface LogColumns {
  key: string;
  time: string;
}

/** Deletes the rows of a log table older than `before`; returns how many. */
export async function pruneOlderThan(db: Database, table: keyof Tables & string, before: Date, columns: LogColumns = { key: 'id', time: 'at' }): Promise<number> {
  const key = sql.ref(columns.key);
  const time = sql.ref(columns.time);
  let removed = 0;
  for (;;) {
    const result = await sql`delete from ${sql.table(table)} where ${key} in (select ${key} from ${sql.table(table)} where ${time} < ${before} limit ${PRUNE_SLICE})`.execute(db);
    const count = Number(result.numAffectedRows ?? 0n);
    removed += count;
    if (count < PRUNE_SLICE) return removed;
  }
}

/**
 * Keeps a log to its retention period: prunes at start and then every hour. `stop` waits for a
 * prune under way, so the database is never closed beneath it.
 */
export class RetentionSchedule {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly what: string,
    private readonly retentionDays: number,
    private readonly prune: (before: Date) => Promise<number>,
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  ) {}

  start(): void {
    this.#run();
    this.#timer = setInterval(() => this.#run(), PRUNE_EVERY_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #run(): void {
    const before = new Date(Date.now() - this.retentionDays * 86_400_000);
    this.#running ??= this.prune(before)
      .then(
        (removed) => {
          if (removed > 0) this.log.info({ removed, before }, `${this.what}: pruned entries past retention`);
        },
        (error: unknown) => this.log.error({ err: error }, `${this.what}: pruning failed`),
      )
      .finally(() => (this.#running = null));
  }
}
