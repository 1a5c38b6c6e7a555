import { sql, type Kysely } from 'kysely';

/**
 * What the charger gateway used to keep in memory only, and chargers held Pending: unknown
 * chargers an operator lets connect (auto-registration) until they are mapped; remote starts
 * waiting for the transaction they should become; and the last state each connector reported, so
 * a restart of evroam loses neither.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('charger_pending')
    .addColumn('charger_key', 'text', (c) => c.primaryKey())
    .addColumn('charge_box_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('boot', 'jsonb')
    .addColumn('booted_at', 'timestamptz')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('charger_pending_by_party').on('charger_pending').columns(['country_code', 'party_id']).execute();

  await db.schema
    .createTable('charger_remote_start')
    .addColumn('remote_start_id', 'integer', (c) => c.primaryKey())
    .addColumn('charger_key', 'text', (c) => c.notNull())
    .addColumn('id_tag', 'text', (c) => c.notNull())
    .addColumn('token', 'jsonb', (c) => c.notNull())
    .addColumn('authorization_reference', 'text')
    .addColumn('command_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('charger_remote_start_by_charger').on('charger_remote_start').columns(['charger_key', 'expires_at']).execute();

  await db.schema
    .createTable('charger_connector_state')
    .addColumn('charger_key', 'text', (c) => c.notNull())
    .addColumn('ocpp_place', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('charger_connector_state_pk', ['charger_key', 'ocpp_place'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('charger_connector_state').execute();
  await db.schema.dropTable('charger_remote_start').execute();
  await db.schema.dropTable('charger_pending').execute();
}
