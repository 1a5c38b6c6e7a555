import { sql, type Kysely } from 'kysely';

/** The operator's logs: every OCPI request received or sent, and every OCPP frame per charger. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ocpi_traffic')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('module', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('ocpi_status', 'integer')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('from_party', 'text')
    .addColumn('to_party', 'text')
    .addColumn('object_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  // Retention deletes by time; searches go by id, correlation, party or object.
  await db.schema.createIndex('ocpi_traffic_by_time').on('ocpi_traffic').column('at').execute();
  await db.schema.createIndex('ocpi_traffic_by_request').on('ocpi_traffic').column('request_id').execute();
  await db.schema.createIndex('ocpi_traffic_by_correlation').on('ocpi_traffic').column('correlation_id').execute();
  await db.schema.createIndex('ocpi_traffic_by_from').on('ocpi_traffic').columns(['from_party', 'id']).execute();
  await db.schema.createIndex('ocpi_traffic_by_to').on('ocpi_traffic').columns(['to_party', 'id']).execute();
  await sql`create index ocpi_traffic_by_object on ocpi_traffic using gin (object_ids jsonb_path_ops)`.execute(db);

  await db.schema
    .createTable('charger_message')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('charger_key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('message_id', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('payload', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('charger_message_by_charger').on('charger_message').columns(['charger_key', 'id']).execute();
  await db.schema.createIndex('charger_message_by_time').on('charger_message').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('charger_message').execute();
  await db.schema.dropTable('ocpi_traffic').execute();
}
