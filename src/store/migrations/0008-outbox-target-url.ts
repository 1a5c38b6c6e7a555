import type { Kysely } from 'kysely';

/** Command results go to the URL the eMSP chose per command, not to one of its published endpoints. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('target_url', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('target_url').execute();
}
