import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Tables } from './tables.js';
import { PGlitePool } from './pglite-pool.js';
import { migrateToLatest } from './migrate.js';
import { SchemaScopedPostgresDialect } from './schema-introspector.js';

export type Database = Kysely<Tables>;

export interface OpenedDatabase {
  db: Database;
  /** `postgres` or `pglite`: some operators want to know which one they run on. */
  kind: 'postgres' | 'pglite';
  /** The schema holding evroam's tables. */
  schema: string;
  close(): Promise<void>;
}

/**
 * Opens the database a URL names and brings its schema to the latest migration.
 * - `postgres://…` (or `postgresql://…`): PostgreSQL through `pg`. An extra `schema` query parameter
 *   puts every table in that schema (created when missing), which lets tests and tenants share one
 *   database.
 * - `file:./data` (or a bare path): the embedded PGlite database in that folder.
 * - `memory:`: an in-memory PGlite, gone when the process ends.
 */
export async function openDatabase(url: string): Promise<OpenedDatabase> {
  const opened = /^postgres(ql)?:\/\//.test(url) ? await openPostgres(url) : await openPGlite(url);
  try {
    await migrateToLatest(opened.db, opened.schema);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

async function openPostgres(url: string): Promise<OpenedDatabase> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`database: schema "${schema}" must be a lower-case SQL identifier`);
  }
  if (schema) await createSchema(parsed.toString(), schema);
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    // JIT compilation pays off for long analytical queries, not for OLTP: it added ~14 ms to a page
    // of locations whose plan merely looked expensive.
    options: ['-c jit=off', schema ? `-c search_path=${schema}` : ''].join(' ').trim(),
  });
  const db = new Kysely<Tables>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema ?? 'public') });
  return { db, kind: 'postgres', schema: schema ?? 'public', close: () => db.destroy() };
}

async function createSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a unique violation.
    if ((error as { code?: string }).code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

async function openPGlite(url: string): Promise<OpenedDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const location = url === 'memory:' ? undefined : url.replace(/^file:/, '');
  const pglite = location === undefined ? new PGlite() : new PGlite(location);
  await pglite.waitReady;
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, kind: 'pglite', schema: 'public', close: () => db.destroy() };
}
