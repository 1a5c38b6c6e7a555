import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the suite runs against: this machine's and CI's local cluster unless told otherwise. */
export const TEST_POSTGRES_URL = process.env.EVROAM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestBackend {
  name: 'postgres' | 'pglite';
  /** A fresh, empty database URL for this test: its own PostgreSQL schema, or a new in-memory PGlite. */
  freshUrl(): string;
}

const createdSchemas: string[] = [];

export const backends: TestBackend[] = [
  {
    name: 'postgres',
    freshUrl() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      createdSchemas.push(schema);
      const url = new URL(TEST_POSTGRES_URL);
      url.searchParams.set('schema', schema);
      return url.toString();
    },
  },
  { name: 'pglite', freshUrl: () => 'memory:' },
];

/** A PGlite database in a folder, for tests that start processes (memory: does not cross processes). */
export function pgliteDirectoryUrl(directory: string): string {
  return `file:${directory}`;
}

/** Drops the schemas this test file created, so repeated runs do not pile up. */
export async function dropTestSchemas(): Promise<void> {
  if (createdSchemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (const schema of createdSchemas.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
