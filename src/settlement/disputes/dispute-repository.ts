import type { Insertable, Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { DisputeStatus, SettlementDisputeEventTable, SettlementDisputeTable } from '../../store/tables/settlement-tables.js';

export type DisputeRow = Selectable<SettlementDisputeTable>;
export type DisputeEventRow = Selectable<SettlementDisputeEventTable>;
export type NewDispute = Omit<Insertable<SettlementDisputeTable>, 'status' | 'credit_cdr_id' | 'closed_at'>;

export interface DisputeFilter {
  status?: DisputeStatus;
  /** Our party or the counterpart. */
  party?: PartyRef;
  cdrId?: string;
  sessionId?: string;
}

/** Storage of disputes and their audit trail; every change of a dispute writes an event in the same transaction. */
export class DisputeRepository {
  constructor(private readonly db: Database) {}

  async create(dispute: NewDispute, note: string | null): Promise<DisputeRow> {
    const row = await this.db
      .insertInto('settlement_dispute')
      .values({ ...dispute, status: 'OPEN', credit_cdr_id: null, closed_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.event(String(row.id), 'OPENED', null, 'OPEN', note);
    return row;
  }

  async getForUpdate(id: string): Promise<DisputeRow | null> {
    return (await this.db.selectFrom('settlement_dispute').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async get(id: string): Promise<DisputeRow | null> {
    return (await this.db.selectFrom('settlement_dispute').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Closes an OPEN dispute and records the change. */
  async close(row: DisputeRow, to: Exclude<DisputeStatus, 'OPEN'>, note: string | null, creditCdrId: string | null): Promise<DisputeRow> {
    const closed = await this.db
      .updateTable('settlement_dispute')
      .set({ status: to, closed_at: new Date(), credit_cdr_id: creditCdrId })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.event(String(row.id), to, row.status, to, note);
    return closed;
  }

  async events(id: string): Promise<DisputeEventRow[]> {
    return this.db.selectFrom('settlement_dispute_event').selectAll().where('dispute_id', '=', id).orderBy('id').execute();
  }

  async list(filter: DisputeFilter): Promise<DisputeRow[]> {
    let query = this.db.selectFrom('settlement_dispute').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.cdrId) query = query.where((eb) => eb(eb.fn('upper', ['cdr_id']), '=', filter.cdrId!.toUpperCase()));
    if (filter.sessionId) query = query.where((eb) => eb(eb.fn('upper', ['session_id']), '=', filter.sessionId!.toUpperCase()));
    const party = filter.party;
    if (party) {
      const cc = party.countryCode.toUpperCase();
      const pid = party.partyId.toUpperCase();
      query = query.where((eb) =>
        eb.or([eb.and([eb('local_country_code', '=', cc), eb('local_party_id', '=', pid)]), eb.and([eb('counterpart_country_code', '=', cc), eb('counterpart_party_id', '=', pid)])]),
      );
    }
    return query.orderBy('opened_at').orderBy('id').execute();
  }

  /** The CDR ids (upper case) with an OPEN dispute between our party and the counterpart: held apart on statements. */
  async openCdrKeys(party: PartyRef, counterpart: PartyRef): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('settlement_dispute')
      .select('cdr_id')
      .where('status', '=', 'OPEN')
      .where('cdr_id', 'is not', null)
      .where('local_country_code', '=', party.countryCode.toUpperCase())
      .where('local_party_id', '=', party.partyId.toUpperCase())
      .where('counterpart_country_code', '=', counterpart.countryCode.toUpperCase())
      .where('counterpart_party_id', '=', counterpart.partyId.toUpperCase())
      .execute();
    return new Set(rows.map((r) => r.cdr_id!.toUpperCase()));
  }

  private async event(disputeId: string, action: DisputeEventRow['action'], from: DisputeStatus | null, to: DisputeStatus, note: string | null): Promise<void> {
    await this.db.insertInto('settlement_dispute_event').values({ dispute_id: disputeId, action, from_status: from, to_status: to, note }).execute();
  }
}
