import type { Kysely } from 'kysely';

/**
 * Settlement: the wholesale price list of an agreement (price basis WHOLESALE), an OCPI tariff the
 * statement lines are priced with, and the clock its time restrictions read; and the CDRs between
 * two parties by the time they were recorded, which is how statements read them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('settlement_agreement').addColumn('wholesale_tariff', 'jsonb').addColumn('wholesale_time_zone', 'text').execute();
  await db.schema.createIndex('cpo_cdr_by_emsp_recorded').on('cpo_cdr').columns(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'created_at']).execute();
  await db.schema.createIndex('emsp_cdr_by_cpo_received').on('emsp_cdr').columns(['local_country_code', 'local_party_id', 'country_code', 'party_id', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('emsp_cdr_by_cpo_received').execute();
  await db.schema.dropIndex('cpo_cdr_by_emsp_recorded').execute();
  await db.schema.alterTable('settlement_agreement').dropColumn('wholesale_tariff').dropColumn('wholesale_time_zone').execute();
}
