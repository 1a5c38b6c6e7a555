import type { PartyRef } from '../../ocpi/headers.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { Database } from '../../store/database.js';
import type { FindingRole } from '../../store/tables/settlement-tables.js';
import type { Agreement } from './agreement.js';

export interface StoredAgreement extends Agreement {
  party: PartyRef;
  counterpart: PartyRef;
  role: FindingRole;
  updated_at: Date;
}

/** Storage of settlement agreements: one per pair of parties. */
export class AgreementRepository {
  constructor(private readonly db: Database) {}

  async save(party: PartyRef, counterpart: PartyRef, role: FindingRole, agreement: Agreement): Promise<void> {
    const row = {
      local_country_code: party.countryCode.toUpperCase(),
      local_party_id: party.partyId.toUpperCase(),
      counterpart_country_code: counterpart.countryCode.toUpperCase(),
      counterpart_party_id: counterpart.partyId.toUpperCase(),
      role,
      invoicing: agreement.invoicing,
      period: agreement.period,
      currency: agreement.currency,
      price_basis: agreement.price_basis,
      wholesale_tariff: agreement.wholesale_tariff === null ? null : JSON.stringify(agreement.wholesale_tariff),
      wholesale_time_zone: agreement.wholesale_time_zone,
      hub_fee_per_session: String(agreement.hub_fee_per_session),
      transaction_fee_percent: String(agreement.transaction_fee_percent),
      payment_terms_days: agreement.payment_terms_days,
      cutoff_days: agreement.cutoff_days,
      updated_at: new Date(),
    };
    const { local_country_code: _a, local_party_id: _b, counterpart_country_code: _c, counterpart_party_id: _d, ...changes } = row;
    await this.db
      .insertInto('settlement_agreement')
      .values(row)
      .onConflict((oc) => oc.columns(['local_country_code', 'local_party_id', 'counterpart_country_code', 'counterpart_party_id']).doUpdateSet(changes))
      .execute();
  }

  async get(party: PartyRef, counterpart: PartyRef): Promise<StoredAgreement | null> {
    const row = await this.db
      .selectFrom('settlement_agreement')
      .selectAll()
      .where('local_country_code', '=', party.countryCode.toUpperCase())
      .where('local_party_id', '=', party.partyId.toUpperCase())
      .where('counterpart_country_code', '=', counterpart.countryCode.toUpperCase())
      .where('counterpart_party_id', '=', counterpart.partyId.toUpperCase())
      .executeTakeFirst();
    if (!row) return null;
    return {
      party: { countryCode: row.local_country_code, partyId: row.local_party_id },
      counterpart: { countryCode: row.counterpart_country_code, partyId: row.counterpart_party_id },
      role: row.role,
      invoicing: row.invoicing,
      period: row.period,
      currency: row.currency,
      price_basis: row.price_basis,
      wholesale_tariff: row.wholesale_tariff as unknown as Tariff | null,
      wholesale_time_zone: row.wholesale_time_zone,
      hub_fee_per_session: Number(row.hub_fee_per_session),
      transaction_fee_percent: Number(row.transaction_fee_percent),
      payment_terms_days: row.payment_terms_days,
      cutoff_days: row.cutoff_days,
      updated_at: new Date(row.updated_at),
    };
  }
}
