import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('emsp_token')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('visual_number', 'text')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('valid', 'boolean', (c) => c.notNull())
    .addColumn('whitelist', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('default_profile_type', 'text')
    .addColumn('energy_contract', 'jsonb')
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('block_reason', 'text')
    .addColumn('block_note', 'text')
    .addColumn('charge_at', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The real-time authorization's one lookup: (party, uid, type) is the OCPI identity of a token.
    .addUniqueConstraint('emsp_token_identity', ['country_code', 'party_id', 'uid', 'type'])
    .execute();
  await db.schema.createIndex('emsp_token_by_update').on('emsp_token').columns(['country_code', 'party_id', 'last_updated']).execute();

  // Append-only: the primary key is the only index, so recording a decision stays one cheap insert.
  await db.schema
    .createTable('emsp_authorization')
    .addColumn('authorization_reference', 'text', (c) => c.primaryKey())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('token_uid', 'text', (c) => c.notNull())
    .addColumn('token_type', 'text', (c) => c.notNull())
    .addColumn('cpo_country_code', 'text', (c) => c.notNull())
    .addColumn('cpo_party_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text')
    .addColumn('allowed', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('cpo_authorization')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('token_type', 'text', (c) => c.notNull())
    .addColumn('emsp_country_code', 'text')
    .addColumn('emsp_party_id', 'text')
    .addColumn('location_id', 'text')
    .addColumn('evse_uid', 'text')
    .addColumn('allowed', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('authorization_reference', 'text')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cpo_authorization').execute();
  await db.schema.dropTable('emsp_authorization').execute();
  await db.schema.dropTable('emsp_token').execute();
}
