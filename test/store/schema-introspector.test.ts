import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas, TEST_POSTGRES_URL } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;

describe('migrations in a database other tenants share', () => {
  afterAll(dropTestSchemas);

  it('see only their own schema: another tenant dropping its schema meanwhile never fails a start', async () => {
    const churn = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await churn.connect();
    let stop = false;
    // Another tenant's schemas come and go as fast as the server allows.
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const other = `other_tenant_${process.pid}_${i}`;
        await churn.query(`create schema ${other}; create table ${other}.a (id serial primary key)`);
        await churn.query(`drop schema ${other} cascade`);
      }
    })();
    try {
      for (let n = 0; n < 8; n++) {
        const opened = await openDatabase(postgres.freshUrl());
        const tables = await opened.db.introspection.getTables();
        expect(tables.every((t) => t.schema === opened.schema)).toBe(true);
        expect(tables.map((t) => t.name)).toContain('outbox');
        await opened.close();
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
  });
});
