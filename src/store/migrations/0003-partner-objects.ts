import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_object')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('partner_object_key', ['local_country_code', 'local_party_id', 'module', 'country_code', 'party_id', 'object_key', 'object_type'])
    .execute();
  // Tokens are looked up by uid alone at authorization time.
  await db.schema.createIndex('partner_object_by_key').on('partner_object').columns(['module', 'object_key', 'local_country_code', 'local_party_id']).execute();
  await db.schema.createIndex('partner_object_by_update').on('partner_object').columns(['module', 'local_country_code', 'local_party_id', 'last_updated']).execute();

  await db.schema
    .createTable('partner_sync')
    .addColumn('peer_id', 'text', (c) => c.notNull().references('peer.id').onDelete('cascade'))
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('last_full_at', 'timestamptz')
    .addColumn('next_delta_from', 'timestamptz')
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('last_object_count', 'integer')
    .addPrimaryKeyConstraint('partner_sync_pk', ['peer_id', 'module'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('partner_sync').execute();
  await db.schema.dropTable('partner_object').execute();
}
