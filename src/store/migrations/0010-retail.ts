import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The eMSP's re-pricing check of every CDR it accepts; rows accepted before have none.
  await db.schema
    .alterTable('emsp_cdr')
    .addColumn('repricing_flagged', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('repricing', 'jsonb')
    .execute();
  await db.schema.createIndex('emsp_cdr_flagged').on('emsp_cdr').columns(['local_country_code', 'local_party_id', 'seq']).where(sql.ref('repricing_flagged'), '=', true).execute();

  await db.schema
    .createTable('retail_plan')
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('plan_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('plan', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('retail_plan_pk', ['local_country_code', 'local_party_id', 'plan_key'])
    // One plan per audience: precedence never has to break a tie between two equal plans.
    .addUniqueConstraint('retail_plan_audience', ['local_country_code', 'local_party_id', 'scope', 'scope_key', 'channel', 'currency'])
    .execute();

  await db.schema
    .createTable('retail_line')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('cdr_seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('cdr_id', 'text', (c) => c.notNull())
    .addColumn('credit', 'boolean', (c) => c.notNull())
    .addColumn('token_type', 'text', (c) => c.notNull())
    .addColumn('token_uid', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('plan', 'jsonb')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('cpo_cost', 'numeric', (c) => c.notNull())
    .addColumn('net', 'numeric', (c) => c.notNull())
    .addColumn('vat_percent', 'numeric', (c) => c.notNull())
    .addColumn('vat_source', 'text', (c) => c.notNull())
    .addColumn('vat_amount', 'numeric', (c) => c.notNull())
    .addColumn('gross', 'numeric', (c) => c.notNull())
    .addColumn('margin', 'numeric', (c) => c.notNull())
    .addColumn('energy_kwh', 'numeric', (c) => c.notNull())
    .addColumn('session_end', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Billing runs and revenue reports read one party's lines in a window of session end.
  await db.schema.createIndex('retail_line_by_party').on('retail_line').columns(['local_country_code', 'local_party_id', 'session_end']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retail_line').execute();
  await db.schema.dropTable('retail_plan').execute();
  await db.schema.dropIndex('emsp_cdr_flagged').execute();
  await db.schema.alterTable('emsp_cdr').dropColumn('repricing').dropColumn('repricing_flagged').execute();
}
