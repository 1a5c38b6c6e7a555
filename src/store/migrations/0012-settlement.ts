import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settlement_finding')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('finding_key', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('counterpart_country_code', 'text', (c) => c.notNull())
    .addColumn('counterpart_party_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('cdr_id', 'text')
    .addColumn('amount_at_risk', 'numeric', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('first_found_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Operators and the CLI list the open findings; a run closes the open ones it no longer sees.
  await db.schema.createIndex('settlement_finding_open').on('settlement_finding').columns(['status', 'occurred_at']).execute();

  await db.schema
    .createTable('settlement_agreement')
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('counterpart_country_code', 'text', (c) => c.notNull())
    .addColumn('counterpart_party_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invoicing', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('price_basis', 'text', (c) => c.notNull())
    .addColumn('hub_fee_per_session', 'numeric', (c) => c.notNull())
    .addColumn('transaction_fee_percent', 'numeric', (c) => c.notNull())
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull())
    .addColumn('cutoff_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_agreement_pk', ['local_country_code', 'local_party_id', 'counterpart_country_code', 'counterpart_party_id'])
    .execute();

  await db.schema
    .createTable('settlement_statement')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('counterpart_country_code', 'text', (c) => c.notNull())
    .addColumn('counterpart_party_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('cutoff_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('agreement', 'jsonb', (c) => c.notNull())
    .addColumn('partner_comparison', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('built_at', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz')
    .addColumn('settled_at', 'timestamptz')
    .addUniqueConstraint('settlement_statement_period', ['local_country_code', 'local_party_id', 'counterpart_country_code', 'counterpart_party_id', 'role', 'period_start'])
    .execute();

  await db.schema
    .createTable('settlement_statement_line')
    .addColumn('statement_id', 'bigint', (c) => c.notNull().references('settlement_statement.id').onDelete('cascade'))
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('counterpart_country_code', 'text', (c) => c.notNull())
    .addColumn('counterpart_party_id', 'text', (c) => c.notNull())
    .addColumn('cdr_key', 'text', (c) => c.notNull())
    .addColumn('cdr_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('credit', 'boolean', (c) => c.notNull())
    .addColumn('credit_reference_id', 'text')
    .addColumn('start_date_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_date_time', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('evse_id', 'text')
    .addColumn('energy_kwh', 'numeric', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_excl_vat', 'numeric', (c) => c.notNull())
    .addColumn('total_incl_vat', 'numeric', (c) => c.notNull())
    .addColumn('late', 'boolean', (c) => c.notNull())
    // One statement per CDR and pair of parties: a CDR is never billed twice.
    .addUniqueConstraint('settlement_statement_line_cdr', ['local_country_code', 'local_party_id', 'counterpart_country_code', 'counterpart_party_id', 'cdr_key'])
    .execute();
  await db.schema.createIndex('settlement_statement_line_by_statement').on('settlement_statement_line').columns(['statement_id', 'end_date_time']).execute();

  await db.schema
    .createTable('settlement_dispute')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('counterpart_country_code', 'text', (c) => c.notNull())
    .addColumn('counterpart_party_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('cdr_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('finding_id', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amount_claimed', 'numeric', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('credit_cdr_id', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .execute();
  // A CDR has at most one open dispute per pair of parties.
  await db.schema
    .createIndex('settlement_dispute_open_cdr')
    .unique()
    .on('settlement_dispute')
    .columns(['local_country_code', 'local_party_id', 'counterpart_country_code', 'counterpart_party_id', 'cdr_id'])
    .where(sql.ref('status'), '=', 'OPEN')
    .execute();

  await db.schema
    .createTable('settlement_dispute_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dispute_id', 'bigint', (c) => c.notNull().references('settlement_dispute.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['settlement_dispute_event', 'settlement_dispute', 'settlement_statement_line', 'settlement_statement', 'settlement_agreement', 'settlement_finding']) {
    await db.schema.dropTable(table).execute();
  }
}
