import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cpo_location')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('location_key', 'text', (c) => c.notNull())
    .addColumn('publish', 'boolean', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('last_updated', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('cpo_location_key', ['country_code', 'party_id', 'location_key'])
    .execute();
  // Delta pulls filter a party's Locations on last_updated.
  await db.schema.createIndex('cpo_location_by_update').on('cpo_location').columns(['country_code', 'party_id', 'last_updated']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cpo_location').execute();
}
