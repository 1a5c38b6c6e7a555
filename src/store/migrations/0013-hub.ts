import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hub_agreement')
    .addColumn('hub_country_code', 'text', (c) => c.notNull())
    .addColumn('hub_party_id', 'text', (c) => c.notNull())
    .addColumn('emsp_country_code', 'text', (c) => c.notNull())
    .addColumn('emsp_party_id', 'text', (c) => c.notNull())
    .addColumn('cpo_country_code', 'text', (c) => c.notNull())
    .addColumn('cpo_party_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('hub_agreement_pk', ['hub_country_code', 'hub_party_id', 'emsp_country_code', 'emsp_party_id', 'cpo_country_code', 'cpo_party_id'])
    .execute();

  await db.schema
    .createTable('hub_client')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('hub_country_code', 'text', (c) => c.notNull())
    .addColumn('hub_party_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('hub_client_key', ['hub_country_code', 'hub_party_id', 'country_code', 'party_id', 'role'])
    .execute();

  await db.schema
    .createTable('hub_message')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('hub_country_code', 'text', (c) => c.notNull())
    .addColumn('hub_party_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('forwarded_request_id', 'text')
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('interface_role', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('from_country_code', 'text', (c) => c.notNull())
    .addColumn('from_party_id', 'text', (c) => c.notNull())
    .addColumn('to_country_code', 'text', (c) => c.notNull())
    .addColumn('to_party_id', 'text', (c) => c.notNull())
    .addColumn('caller_peer_id', 'text')
    .addColumn('destination_peer_id', 'text')
    .addColumn('http_status', 'integer', (c) => c.notNull())
    .addColumn('ocpi_status', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Support searches one transaction (correlation id), one object, or one party's traffic.
  await db.schema.createIndex('hub_message_by_correlation').on('hub_message').columns(['correlation_id']).execute();
  await db.schema.createIndex('hub_message_by_object').on('hub_message').columns(['object_id']).execute();
  await db.schema.createIndex('hub_message_by_from').on('hub_message').columns(['from_country_code', 'from_party_id', 'seq']).execute();
  await db.schema.createIndex('hub_message_by_to').on('hub_message').columns(['to_country_code', 'to_party_id', 'seq']).execute();

  await db.schema
    .createTable('hub_proxy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_peer_id', 'text', (c) => c.notNull().references('peer.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('interface_role', 'text', (c) => c.notNull())
    .addColumn('issued_to_peer_id', 'text', (c) => c.notNull().references('peer.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('hub_reachable_party')
    .addColumn('peer_id', 'text', (c) => c.notNull().references('peer.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_reachable_party_pk', ['peer_id', 'country_code', 'party_id', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hub_reachable_party').execute();
  await db.schema.dropTable('hub_proxy').execute();
  await db.schema.dropTable('hub_message').execute();
  await db.schema.dropTable('hub_client').execute();
  await db.schema.dropTable('hub_agreement').execute();
}
