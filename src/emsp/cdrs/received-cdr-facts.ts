import { sql } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';
import type { CdrProblem } from '../../store/tables/session-tables.js';
import type { CdrRepricing } from '../../store/tables/retail-tables.js';

interface Window {
  from: Date;
  to: Date;
}

/** An accepted CDR with the party that holds it and when it arrived. */
export interface ReceivedCdrFact {
  seq: string;
  local: PartyRef;
  cdr: CDR;
  received_at: Date;
}

interface ReceivedRow {
  seq: string;
  local_country_code: string;
  local_party_id: string;
  data: CDR;
  received_at: Date;
}

/**
 * Read-only questions about the CDRs our eMSP parties received, asked by reconciliation. Each is
 * one set-based query (anti-join, window function), so its cost grows with the table, not with
 * the number of questions. Windows are on the time the CDR arrived (`received_at`).
 */
export class ReceivedCdrFacts {
  constructor(private readonly db: Database) {}

  /** CDRs, credits aside, whose session (same eMSP party, same CPO, same id) we do not hold. */
  async withoutSession(window: Window): Promise<ReceivedCdrFact[]> {
    const result = await sql<ReceivedRow>`
      select c.seq, c.local_country_code, c.local_party_id, c.data, c.received_at
        from emsp_cdr c
       where c.credit = false and c.received_at >= ${window.from} and c.received_at < ${window.to}
         and not exists (select 1 from emsp_session s
                          where s.local_country_code = c.local_country_code and s.local_party_id = c.local_party_id
                            and s.country_code = c.country_code and s.party_id = c.party_id
                            and s.session_key = upper(c.data->>'session_id'))
       order by c.seq`.execute(this.db);
    return result.rows.map(fact);
  }

  /**
   * CDRs of a session that already had an earlier CDR, neither credited: a CDR cancelled by a
   * credit CDR and followed by its correction is the OCPI way to amend, not a duplicate.
   */
  async duplicates(window: Window): Promise<Array<ReceivedCdrFact & { original_cdr_id: string }>> {
    const result = await sql<ReceivedRow & { original_cdr_id: string }>`
      with standing as (
        select c.seq, c.local_country_code, c.local_party_id, c.data, c.received_at,
               first_value(c.data->>'id') over per_session as original_cdr_id,
               row_number() over per_session as position
          from emsp_cdr c
         where c.credit = false and c.data->>'session_id' is not null
           and not exists (select 1 from emsp_cdr k where k.credits_seq = c.seq)
        window per_session as (partition by c.local_country_code, c.local_party_id, c.country_code, c.party_id, upper(c.data->>'session_id') order by c.seq))
      select seq, local_country_code, local_party_id, data, received_at, original_cdr_id
        from standing
       where position > 1 and received_at >= ${window.from} and received_at < ${window.to}
       order by seq`.execute(this.db);
    return result.rows.map((row) => ({ ...fact(row), original_cdr_id: row.original_cdr_id }));
  }

  /** CDRs whose stated cost re-pricing flagged (migration 0010), not credited since; a credit CDR restates its original, so only originals count. */
  async mispriced(window: Window): Promise<Array<ReceivedCdrFact & { repriced_total_cost: number; differences: CdrRepricing['differences'] }>> {
    const result = await sql<ReceivedRow & { repricing: CdrRepricing }>`
      select c.seq, c.local_country_code, c.local_party_id, c.data, c.received_at, c.repricing
        from emsp_cdr c
       where c.repricing_flagged and c.credit = false and c.received_at >= ${window.from} and c.received_at < ${window.to}
         and not exists (select 1 from emsp_cdr k where k.credits_seq = c.seq)
       order by c.seq`.execute(this.db);
    return result.rows.map((row) => ({ ...fact(row), repriced_total_cost: row.repricing.repriced_total_cost?.excl_vat ?? 0, differences: row.repricing.differences }));
  }

  /** Every CDR that arrived in the window, a page at a time in creation order. */
  async receivedIn(window: Window, afterSeq: string | null, limit: number): Promise<ReceivedCdrFact[]> {
    let query = this.db
      .selectFrom('emsp_cdr')
      .select(['seq', 'local_country_code', 'local_party_id', 'data', 'received_at'])
      .where('received_at', '>=', window.from)
      .where('received_at', '<', window.to);
    if (afterSeq !== null) query = query.where('seq', '>', afterSeq);
    return (await query.orderBy('seq').limit(limit).execute()).map(fact);
  }

  /** CDRs, credits aside, accepted in the window: when each session ended and when its CDR arrived. */
  async timings(window: Window): Promise<ReceivedCdrTiming[]> {
    const rows = await this.db
      .selectFrom('emsp_cdr')
      .select(['local_country_code', 'local_party_id', 'country_code', 'party_id', sql<string>`data->>'end_date_time'`.as('end_date_time'), 'received_at'])
      .where('credit', '=', false)
      .where('received_at', '>=', window.from)
      .where('received_at', '<', window.to)
      .execute();
    return rows.map((r) => ({
      party: { countryCode: r.local_country_code, partyId: r.local_party_id },
      counterpart: { countryCode: r.country_code, partyId: r.party_id },
      end_date_time: r.end_date_time,
      recorded_at: new Date(r.received_at),
    }));
  }

  /** CDRs refused in the window and never accepted since, counted per eMSP party and CPO. */
  async refusedCounts(window: Window): Promise<Array<{ party: PartyRef; counterpart: PartyRef; count: number }>> {
    return (await this.refused(window)).reduce<Array<{ party: PartyRef; counterpart: PartyRef; count: number }>>((counts, { local, cdr }) => {
      const counterpart = { countryCode: cdr.country_code.toUpperCase(), partyId: cdr.party_id.toUpperCase() };
      const held = counts.find((c) => c.party.countryCode === local.countryCode && c.party.partyId === local.partyId && c.counterpart.countryCode === counterpart.countryCode && c.counterpart.partyId === counterpart.partyId);
      if (held) held.count++;
      else counts.push({ party: local, counterpart, count: 1 });
      return counts;
    }, []);
  }

  /** The CDRs (credits included) `local` accepted from `cpo`, received in `window.recorded`, whose session ended in `window.ended`: what a statement is built from. */
  async receivedFrom(local: PartyRef, cpo: PartyRef, window: { recorded: Window; ended: Window }): Promise<Array<{ cdr: CDR; recorded_at: Date }>> {
    const endDateTime = sql<Date>`(data->>'end_date_time')::timestamptz`;
    const rows = await this.acceptedFrom(local, cpo)
      .select(['data', 'received_at'])
      .where('received_at', '>=', window.recorded.from)
      .where('received_at', '<', window.recorded.to)
      .where(endDateTime, '>=', window.ended.from)
      .where(endDateTime, '<', window.ended.to)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ cdr: r.data, recorded_at: new Date(r.received_at) }));
  }

  /** CDR `id` of `cpo`, if `local` accepted it. */
  async find(local: PartyRef, cpo: PartyRef, id: string): Promise<CDR | null> {
    const row = await this.acceptedFrom(local, cpo)
      .select('data')
      .where('cdr_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row?.data ?? null;
  }

  /** The CDR (credits aside) `local` accepted from `cpo` for one session, if any. */
  async forSession(local: PartyRef, cpo: PartyRef, sessionId: string): Promise<CDR | null> {
    const row = await this.acceptedFrom(local, cpo)
      .select('data')
      .where('credit', '=', false)
      .where(sql<string>`upper(data->>'session_id')`, '=', sessionId.toUpperCase())
      .orderBy('seq')
      .executeTakeFirst();
    return row?.data ?? null;
  }

  /** CDRs last refused in the window and never accepted since. */
  async refused(window: Window): Promise<Array<{ local: PartyRef; cdr: CDR; problems: CdrProblem[]; attempts: number; last_received_at: Date }>> {
    const rows = await this.db
      .selectFrom('rejected_cdr as r')
      .select(['r.local_country_code', 'r.local_party_id', 'r.body', 'r.problems', 'r.attempts', 'r.last_received_at'])
      .where('r.last_received_at', '>=', window.from)
      .where('r.last_received_at', '<', window.to)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('emsp_cdr as c')
              .select(sql`1`.as('one'))
              .whereRef('c.local_country_code', '=', 'r.local_country_code')
              .whereRef('c.local_party_id', '=', 'r.local_party_id')
              .whereRef('c.country_code', '=', 'r.country_code')
              .whereRef('c.party_id', '=', 'r.party_id')
              .whereRef('c.cdr_key', '=', 'r.cdr_key'),
          ),
        ),
      )
      .orderBy('r.seq')
      .execute();
    return rows.map((r) => ({
      local: { countryCode: r.local_country_code, partyId: r.local_party_id },
      cdr: r.body,
      problems: r.problems,
      attempts: r.attempts,
      last_received_at: new Date(r.last_received_at),
    }));
  }

  /** The CDRs `local` accepted from `cpo`: the party pair every per-partner query starts from. */
  private acceptedFrom(local: PartyRef, cpo: PartyRef) {
    return this.db
      .selectFrom('emsp_cdr')
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('country_code', '=', cpo.countryCode.toUpperCase())
      .where('party_id', '=', cpo.partyId.toUpperCase());
  }
}

/** An accepted CDR's session end against its arrival. */
export interface ReceivedCdrTiming {
  party: PartyRef;
  counterpart: PartyRef;
  end_date_time: string;
  recorded_at: Date;
}

function fact(row: ReceivedRow): ReceivedCdrFact {
  return { seq: String(row.seq), local: { countryCode: row.local_country_code, partyId: row.local_party_id }, cdr: row.data, received_at: new Date(row.received_at) };
}
