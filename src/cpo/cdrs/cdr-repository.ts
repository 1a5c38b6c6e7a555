import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { containsText } from '../../store/text-search.js';
import type { CpoCdrTable } from '../../store/tables/session-tables.js';

export type CpoCdrRow = Selectable<CpoCdrTable>;

/** An issued CDR and the latest of its POSTs to the eMSP (no POST: every delivery column null). */
export interface CdrDeliveryRow {
  data: CDR;
  created_at: Date;
  status: 'PENDING' | 'IN_FLIGHT' | 'DEAD' | null;
  attempts: number | null;
  last_error: string | null;
  last_http_status: number | null;
  queued_at: Date | null;
}

/** Storage of the CDRs our CPO parties issued. */
export class CdrRepository {
  constructor(private readonly db: Database) {}

  async insert(cdr: CDR): Promise<void> {
    await this.db
      .insertInto('cpo_cdr')
      .values({
        country_code: cdr.country_code.toUpperCase(),
        party_id: cdr.party_id.toUpperCase(),
        cdr_key: cdr.id.toUpperCase(),
        emsp_country_code: cdr.cdr_token.country_code.toUpperCase(),
        emsp_party_id: cdr.cdr_token.party_id.toUpperCase(),
        credit: cdr.credit === true,
        credit_reference_key: cdr.credit_reference_id?.toUpperCase() ?? null,
        last_updated: new Date(cdr.last_updated),
        data: JSON.stringify(cdr),
        location_url: null,
      })
      .execute();
  }

  async get(party: PartyRef, id: string): Promise<CpoCdrRow | null> {
    const row = await this.db
      .selectFrom('cpo_cdr')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('cdr_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  async creditOf(party: PartyRef, id: string): Promise<CpoCdrRow | null> {
    const row = await this.db
      .selectFrom('cpo_cdr')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('credit', '=', true)
      .where('credit_reference_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  async setLocation(party: PartyRef, id: string, url: string): Promise<void> {
    await this.db
      .updateTable('cpo_cdr')
      .set({ location_url: url })
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('cdr_key', '=', id.toUpperCase())
      .execute();
  }

  /**
   * CDRs created in [from, to) that no POST of kind `postKind` delivered: the latest POST is dead or
   * still under way, or none was ever queued. The POST is written in the CDR's transaction, so its
   * outbox row carries the same creation time; one hash join, whatever the volume.
   */
  async undelivered(from: Date, to: Date, postKind: string): Promise<CdrDeliveryRow[]> {
    const result = await sql<CdrDeliveryRow>`
      with posts as (
        select distinct on (upper(o.from_country_code), upper(o.from_party_id), upper(o.reference))
               upper(o.from_country_code) as country_code, upper(o.from_party_id) as party_id, upper(o.reference) as cdr_key,
               o.status, o.attempts, o.last_error, o.last_http_status, o.created_at
          from outbox o
         where o.kind = ${postKind} and o.created_at >= ${from}
         order by upper(o.from_country_code), upper(o.from_party_id), upper(o.reference), (o.status = 'DELIVERED') desc, o.id desc)
      select c.data, c.created_at, p.status, p.attempts, p.last_error, p.last_http_status, p.created_at as queued_at
        from cpo_cdr c
        left join posts p on p.country_code = c.country_code and p.party_id = c.party_id and p.cdr_key = c.cdr_key
       where c.created_at >= ${from} and c.created_at < ${to}
         and (p.status is null or p.status <> 'DELIVERED')
       order by c.seq`.execute(this.db);
    return result.rows;
  }

  /**
   * CDRs, credits aside, issued in [from, to): when each session ended, when the CDR was issued and
   * where its latest POST of kind `postKind` stands (null: never queued). For the CDR KPIs.
   */
  async timings(from: Date, to: Date, postKind: string): Promise<Array<{ country_code: string; party_id: string; emsp_country_code: string; emsp_party_id: string; end_date_time: string; created_at: Date; status: string | null }>> {
    const result = await sql<{ country_code: string; party_id: string; emsp_country_code: string; emsp_party_id: string; end_date_time: string; created_at: Date; status: string | null }>`
      with posts as (
        select distinct on (upper(o.from_country_code), upper(o.from_party_id), upper(o.reference))
               upper(o.from_country_code) as country_code, upper(o.from_party_id) as party_id, upper(o.reference) as cdr_key, o.status
          from outbox o
         where o.kind = ${postKind} and o.created_at >= ${from}
         order by upper(o.from_country_code), upper(o.from_party_id), upper(o.reference), (o.status = 'DELIVERED') desc, o.id desc)
      select c.country_code, c.party_id, c.emsp_country_code, c.emsp_party_id, c.data->>'end_date_time' as end_date_time, c.created_at, p.status
        from cpo_cdr c
        left join posts p on p.country_code = c.country_code and p.party_id = c.party_id and p.cdr_key = c.cdr_key
       where c.credit = false and c.created_at >= ${from} and c.created_at < ${to}`.execute(this.db);
    return result.rows;
  }

  /** The CDRs (credits included) `local` issued for `emsp`'s tokens in `recorded` whose session ended in `ended`: what a statement is built from. */
  async issuedTo(local: PartyRef, emsp: PartyRef, recorded: { from: Date; to: Date }, ended: { from: Date; to: Date }): Promise<Array<{ data: CDR; created_at: Date }>> {
    const endDateTime = sql<Date>`(data->>'end_date_time')::timestamptz`;
    return this.db
      .selectFrom('cpo_cdr')
      .select(['data', 'created_at'])
      .where('country_code', '=', local.countryCode.toUpperCase())
      .where('party_id', '=', local.partyId.toUpperCase())
      .where('emsp_country_code', '=', emsp.countryCode.toUpperCase())
      .where('emsp_party_id', '=', emsp.partyId.toUpperCase())
      .where('created_at', '>=', recorded.from)
      .where('created_at', '<', recorded.to)
      .where(endDateTime, '>=', ended.from)
      .where(endDateTime, '<', ended.to)
      .orderBy('seq')
      .execute();
  }

  /** The CDRs, credits aside, of these sessions of `party`. */
  async forSessions(party: PartyRef, sessionIds: readonly string[]): Promise<CDR[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('cpo_cdr')
      .select('data')
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('credit', '=', false)
      .where(sql<string>`upper(data->>'session_id')`, 'in', sessionIds.map((id) => id.toUpperCase()))
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.data);
  }

  /** A page of `local`'s CDRs whose token belongs to one of `emsps`: what a partner may see. */
  async listForEmsps(local: PartyRef, emsps: readonly PartyRef[], page: PageRequest): Promise<PageResult<CDR>> {
    if (emsps.length === 0) return { items: [], total: 0 };
    const base = this.db
      .selectFrom('cpo_cdr')
      .select('data')
      .where('country_code', '=', local.countryCode.toUpperCase())
      .where('party_id', '=', local.partyId.toUpperCase())
      .where((eb) => eb.or(emsps.map((p) => eb.and([eb('emsp_country_code', '=', p.countryCode.toUpperCase()), eb('emsp_party_id', '=', p.partyId.toUpperCase())]))));
    const result = await fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((r) => r.data), total: result.total };
  }

  /** A page of the party's CDRs; `text` narrows it to those whose id or session id contains it. */
  async list(local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<CpoCdrRow>> {
    let base = this.db.selectFrom('cpo_cdr').selectAll().where('country_code', '=', local.countryCode.toUpperCase()).where('party_id', '=', local.partyId.toUpperCase());
    if (text !== undefined) base = base.where(containsText(text, [sql.ref('cdr_key'), sql`data->>'session_id'`]));
    return fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
  }
}
