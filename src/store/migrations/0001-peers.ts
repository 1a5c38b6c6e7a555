import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('peer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('local_country_code', 'text', (c) => c.notNull())
    .addColumn('local_party_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('incoming_token_hash', 'text', (c) => c.unique())
    .addColumn('pending_token_hash', 'text', (c) => c.unique())
    .addColumn('outgoing_token', 'text')
    .addColumn('outgoing_token_encoding', 'text', (c) => c.notNull().defaultTo('base64'))
    .addColumn('versions_url', 'text')
    .addColumn('version', 'text')
    .addColumn('endpoints', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('roles', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz')
    .addColumn('last_contact_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('peer_party')
    .addColumn('peer_id', 'text', (c) => c.notNull().references('peer.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('peer_party_pk', ['peer_id', 'role', 'country_code', 'party_id'])
    .execute();
  await db.schema
    .createIndex('peer_party_by_party')
    .on('peer_party')
    .columns(['country_code', 'party_id', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('peer_party').execute();
  await db.schema.dropTable('peer').execute();
}
