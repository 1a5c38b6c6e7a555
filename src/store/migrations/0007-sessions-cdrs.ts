import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cpo_session')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('emsp_country_code', 'text', (c) => c.notNull())
    .addColumn('emsp_party_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_date_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_date_time', 'timestamptz')
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('timeline', 'jsonb', (c) => c.notNull())
    .addColumn('charge_point', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('cpo_session_key', ['country_code', 'party_id', 'session_key'])
    .execute();
  // The Sender list reads one eMSP's sessions of one CPO party in a last_updated window.
  await db.schema.createIndex('cpo_session_by_emsp').on('cpo_session').columns(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'last_updated']).execute();

  await db.schema
    .createTable('cpo_cdr')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('cdr_key', 'text', (c) => c.notNull())
    .addColumn('emsp_country_code', 'text', (c) => c.notNull())
    .addColumn('emsp_party_id', 'text', (c) => c.notNull())
    .addColumn('credit', 'boolean', (c) => c.notNull())
    .addColumn('credit_reference_key', 'text')
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('location_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('cpo_cdr_key', ['country_code', 'party_id', 'cdr_key'])
    .execute();
  await db.schema.createIndex('cpo_cdr_by_emsp').on('cpo_cdr').columns(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'last_updated']).execute();
  // A CDR is credited at most once, even by two operators at the same moment.
  await db.schema.createIndex('cpo_cdr_one_credit').unique().on('cpo_cdr').columns(['country_code', 'party_id', 'credit_reference_key']).where(sql.ref('credit'), '=', true).execute();

  await db.schema
    .createTable('emsp_session')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_date_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_date_time', 'timestamptz')
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('update_count', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('emsp_session_key', ['local_country_code', 'local_party_id', 'country_code', 'party_id', 'session_key'])
    .execute();

  await db.schema
    .createTable('emsp_cdr')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('cdr_key', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('credit', 'boolean', (c) => c.notNull())
    .addColumn('credits_seq', 'bigint')
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('emsp_cdr_key', ['local_country_code', 'local_party_id', 'country_code', 'party_id', 'cdr_key'])
    .execute();

  await db.schema
    .createTable('rejected_cdr')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('cdr_key', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('problems', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('first_received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_received_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('rejected_cdr_key', ['local_country_code', 'local_party_id', 'country_code', 'party_id', 'cdr_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rejected_cdr', 'emsp_cdr', 'emsp_session', 'cpo_cdr', 'cpo_session']) await db.schema.dropTable(table).execute();
}
