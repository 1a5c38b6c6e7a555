import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull().references('peer.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('interface_role', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'jsonb', (c) => c.notNull())
    .addColumn('query', 'jsonb')
    .addColumn('body', 'jsonb')
    .addColumn('from_country_code', 'text', (c) => c.notNull())
    .addColumn('from_party_id', 'text', (c) => c.notNull())
    .addColumn('to_country_code', 'text', (c) => c.notNull())
    .addColumn('to_party_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('PENDING'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('last_http_status', 'integer')
    .addColumn('response_location', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  // The claim query walks each peer's unfinished messages in id order.
  await db.schema.createIndex('outbox_unfinished_by_peer').on('outbox').columns(['peer_id', 'id']).where(sql.ref('status'), 'in', ['PENDING', 'IN_FLIGHT']).execute();
  await db.schema.createIndex('outbox_by_status').on('outbox').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
