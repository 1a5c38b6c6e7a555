import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one PGlite instance as the `pg`-style pool Kysely's PostgresDialect expects, so both
 * backends run the very same queries. PGlite is a single connection: a client is handed to one
 * caller at a time, otherwise two transactions would interleave on the same session.
 */
export class PGlitePool implements PostgresPool {
  #queue: Array<() => void> = [];
  #busy = false;

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#busy) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#busy = true;
    let released = false;
    return {
      query: (sql: string, parameters: ReadonlyArray<unknown>) => this.#query(sql, parameters),
      release: () => {
        if (released) return;
        released = true;
        const next = this.#queue.shift();
        if (next) next();
        else this.#busy = false;
      },
    } as PostgresPoolClient;
  }

  async #query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const result = await this.pglite.query<R>(sql, [...parameters]);
    // PGlite does not report the command tag; Kysely needs it only to read affected-row counts.
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
    return { command, rowCount: result.affectedRows ?? 0, rows: result.rows } as PostgresQueryResult<R>;
  }

  async end(): Promise<void> {
    await this.pglite.close();
  }
}
