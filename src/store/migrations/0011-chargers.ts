import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('charger')
    .addColumn('charger_key', 'text', (c) => c.primaryKey())
    .addColumn('charge_box_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('connectors', 'jsonb', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('boot', 'jsonb')
    .addColumn('booted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('charger_by_location').on('charger').columns(['country_code', 'party_id', 'location_id']).execute();

  // 1.6 transaction ids and remote start / reservation ids: integers we issue, never reused, and
  // within int32 because many chargers store them so (OCPP 1.6 StartTransaction.conf).
  await sql`create sequence charger_number as integer`.execute(db);

  await db.schema
    .createTable('charger_transaction')
    .addColumn('charger_key', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('start_key', 'text')
    .addColumn('ocpp_place', 'text', (c) => c.notNull())
    .addColumn('id_tag', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_meter_kwh', 'double precision')
    .addColumn('last_meter_at', 'timestamptz')
    .addColumn('every_reading', 'boolean', (c) => c.notNull())
    .addColumn('flags', 'jsonb', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('charger_transaction_pk', ['charger_key', 'transaction_id'])
    // A 1.6 StartTransaction sent again after a lost answer finds the first one.
    .addUniqueConstraint('charger_transaction_start', ['charger_key', 'start_key'])
    .execute();
  await db.schema.createIndex('charger_transaction_by_session').on('charger_transaction').columns(['country_code', 'party_id', 'session_id']).execute();

  await db.schema
    .createTable('charger_reservation')
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('reservation_key', 'text', (c) => c.notNull())
    .addColumn('charger_key', 'text', (c) => c.notNull())
    .addColumn('ocpp_reservation_id', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('charger_reservation_pk', ['country_code', 'party_id', 'reservation_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('charger_reservation').execute();
  await db.schema.dropTable('charger_transaction').execute();
  await sql`drop sequence charger_number`.execute(db);
  await db.schema.dropTable('charger').execute();
}
