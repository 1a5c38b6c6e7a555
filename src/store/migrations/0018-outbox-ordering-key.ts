import { sql, type Kysely } from 'kysely';

/**
 * Outbox messages keep their order per receiving party and object (`ordering_key`), no longer per
 * partner: different objects go to one partner side by side. Messages queued before this change
 * share one key per receiving party, so they keep the strict order they were queued in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('ordering_key', 'text').execute();
  await sql`update outbox set ordering_key = upper(to_country_code) || '-' || upper(to_party_id)`.execute(db);
  await db.schema.alterTable('outbox').alterColumn('ordering_key', (c) => c.setNotNull()).execute();
  // The claim looks for an earlier unfinished message of the same partner and key.
  await db.schema.createIndex('outbox_unfinished_by_key').on('outbox').columns(['peer_id', 'ordering_key', 'id']).where(sql.ref('status'), 'in', ['PENDING', 'IN_FLIGHT']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_unfinished_by_key').execute();
  await db.schema.alterTable('outbox').dropColumn('ordering_key').execute();
}
