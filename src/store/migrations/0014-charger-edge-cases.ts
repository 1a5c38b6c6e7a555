import { sql, type Kysely } from 'kysely';

/**
 * What the charger gateway needs for chargers that misbehave: when each transaction last heard
 * from its charger (stop timeout), the register continued across meter resets, the charger values
 * it did not believe (kept as evidence), sessions the CPO had to close itself, and reservations
 * keyed by the eMSP that made them (OCPI reservation ids are unique per eMSP only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('charger_transaction')
    .addColumn('last_message_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('meter_offset_kwh', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reading_kwh', 'double precision')
    .addColumn('last_reading_at', 'timestamptz')
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  // The stop-timeout sweep reads open transactions by the time of their last message.
  await db.schema.createIndex('charger_transaction_silent').on('charger_transaction').columns(['status', 'last_message_at']).execute();

  await db.schema
    .alterTable('cpo_session')
    .addColumn('closed_by_timeout', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .alterTable('charger_reservation')
    .addColumn('emsp_country_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emsp_party_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('charger_reservation').dropConstraint('charger_reservation_pk').execute();
  await db.schema.alterTable('charger_reservation').addPrimaryKeyConstraint('charger_reservation_pk', ['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'reservation_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('charger_reservation').dropConstraint('charger_reservation_pk').execute();
  await db.schema.alterTable('charger_reservation').dropColumn('emsp_country_code').dropColumn('emsp_party_id').execute();
  await db.schema.alterTable('charger_reservation').addPrimaryKeyConstraint('charger_reservation_pk', ['country_code', 'party_id', 'reservation_key']).execute();
  await db.schema.alterTable('cpo_session').dropColumn('closed_by_timeout').dropColumn('flags').execute();
  await db.schema.dropIndex('charger_transaction_silent').execute();
  await db.schema
    .alterTable('charger_transaction')
    .dropColumn('last_message_at')
    .dropColumn('meter_offset_kwh')
    .dropColumn('last_reading_kwh')
    .dropColumn('last_reading_at')
    .dropColumn('evidence')
    .execute();
}
