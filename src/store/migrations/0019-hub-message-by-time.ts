import type { Kysely } from 'kysely';

/** The hourly retention prune deletes the hub's message log by age: an index spares it a full scan on a busy hub. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('hub_message_by_time').on('hub_message').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hub_message_by_time').execute();
}
