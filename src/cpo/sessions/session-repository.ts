import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Session } from '../../ocpi/types/sessions.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { containsText } from '../../store/text-search.js';
import type { CpoSessionTable, StoredChargePoint, StoredMeterSample } from '../../store/tables/session-tables.js';

export type CpoSessionRow = Selectable<CpoSessionTable>;

/** Storage of our CPO parties' sessions. */
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async insert(session: Session, timeline: StoredMeterSample[], chargePoint: StoredChargePoint): Promise<void> {
    await this.db
      .insertInto('cpo_session')
      .values({
        country_code: session.country_code.toUpperCase(),
        party_id: session.party_id.toUpperCase(),
        session_key: session.id.toUpperCase(),
        emsp_country_code: session.cdr_token.country_code.toUpperCase(),
        emsp_party_id: session.cdr_token.party_id.toUpperCase(),
        ...sessionColumns(session),
        timeline: JSON.stringify(timeline),
        charge_point: JSON.stringify(chargePoint),
      })
      .execute();
  }

  /** Reads a session and locks it until the transaction ends, so two readings never interleave. */
  async getForUpdate(party: PartyRef, id: string): Promise<CpoSessionRow | null> {
    const row = await this.byKey(party, id).forUpdate().executeTakeFirst();
    return row ?? null;
  }

  async get(party: PartyRef, id: string): Promise<CpoSessionRow | null> {
    return (await this.byKey(party, id).executeTakeFirst()) ?? null;
  }

  /** Writes a change; `closing` marks a session the gateway closed (only ever set, never cleared). */
  async update(party: PartyRef, session: Session, timeline: StoredMeterSample[], closing?: { closedByTimeout?: boolean; flags?: readonly string[] }): Promise<void> {
    await this.db
      .updateTable('cpo_session')
      .set({
        ...sessionColumns(session),
        timeline: JSON.stringify(timeline),
        ...(closing?.closedByTimeout && { closed_by_timeout: true }),
        ...(closing?.flags && closing.flags.length > 0 && { flags: JSON.stringify(closing.flags) }),
      })
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('session_key', '=', session.id.toUpperCase())
      .execute();
  }

  /** A page of `local`'s sessions whose token belongs to one of `emsps`: what a partner may see. */
  async listForEmsps(local: PartyRef, emsps: readonly PartyRef[], page: PageRequest): Promise<PageResult<Session>> {
    if (emsps.length === 0) return { items: [], total: 0 };
    const base = this.db
      .selectFrom('cpo_session')
      .select('data')
      .where('country_code', '=', local.countryCode.toUpperCase())
      .where('party_id', '=', local.partyId.toUpperCase())
      .where((eb) => eb.or(emsps.map((p) => eb.and([eb('emsp_country_code', '=', p.countryCode.toUpperCase()), eb('emsp_party_id', '=', p.partyId.toUpperCase())]))));
    const result = await fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((r) => r.data), total: result.total };
  }

  /** A page of the party's sessions; `text` narrows it to those whose id, token uid or location id contains it. */
  async list(local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<Session>> {
    let base = this.db.selectFrom('cpo_session').select('data').where('country_code', '=', local.countryCode.toUpperCase()).where('party_id', '=', local.partyId.toUpperCase());
    if (text !== undefined) base = base.where(containsText(text, [sql.ref('session_key'), sql`data->'cdr_token'->>'uid'`, sql`data->>'location_id'`]));
    const result = await fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((r) => r.data), total: result.total };
  }

  /**
   * COMPLETED sessions that ended in [from, to) and have no CDR (credits aside): what the
   * reconciliation of the CPO role reports as unbilled. One anti-join, whatever the volume.
   */
  async endedWithoutCdr(from: Date, to: Date): Promise<CpoSessionRow[]> {
    return this.db
      .selectFrom('cpo_session as s')
      .selectAll('s')
      .where('s.status', '=', 'COMPLETED')
      .where('s.end_date_time', '>=', from)
      .where('s.end_date_time', '<', to)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('cpo_cdr as c')
              .select(sql`1`.as('one'))
              .whereRef('c.country_code', '=', 's.country_code')
              .whereRef('c.party_id', '=', 's.party_id')
              .where('c.credit', '=', false)
              .where(sql<boolean>`upper(c.data->>'session_id') = s.session_key`),
          ),
        ),
      )
      .orderBy('s.seq')
      .execute();
  }

  /** Sessions the gateway closed by timeout that ended in [from, to). */
  async closedByTimeout(from: Date, to: Date): Promise<CpoSessionRow[]> {
    return this.db.selectFrom('cpo_session').selectAll().where('closed_by_timeout', '=', true).where('end_date_time', '>=', from).where('end_date_time', '<', to).orderBy('seq').execute();
  }

  /**
   * COMPLETED sessions that ended in [from, to), with the first and last register of their
   * timeline as text (decimal arithmetic is the caller's), read without loading whole timelines.
   */
  async meterSpans(from: Date, to: Date): Promise<Array<{ country_code: string; party_id: string; session_id: string; first_kwh: string; last_kwh: string; closed_by_timeout: boolean; flags: string[] }>> {
    return this.db
      .selectFrom('cpo_session')
      .select([
        'country_code',
        'party_id',
        sql<string>`data->>'id'`.as('session_id'),
        sql<string>`timeline -> 0 ->> 'energyKwh'`.as('first_kwh'),
        sql<string>`timeline -> -1 ->> 'energyKwh'`.as('last_kwh'),
        'closed_by_timeout',
        'flags',
      ])
      .where('status', '=', 'COMPLETED')
      .where('end_date_time', '>=', from)
      .where('end_date_time', '<', to)
      .orderBy('seq')
      .execute();
  }

  /**
   * COMPLETED sessions that ended in [from, to) whose CDR (credits aside) bills an energy more than
   * `toleranceKwh` away from the span of their meter readings, or that the CPO closed by timeout:
   * with that CDR. One hash join, so only the disagreements leave the database.
   */
  async meterDisagreements(from: Date, to: Date, toleranceKwh: number): Promise<Array<{ session_id: string; meter_kwh: string; closed_by_timeout: boolean; cdr: CDR }>> {
    const meter = sql`(s.timeline -> -1 ->> 'energyKwh')::numeric - (s.timeline -> 0 ->> 'energyKwh')::numeric`;
    const result = await sql<{ session_id: string; meter_kwh: string; closed_by_timeout: boolean; cdr: CDR }>`
      select s.data->>'id' as session_id, (${meter})::text as meter_kwh, s.closed_by_timeout, c.data as cdr
        from cpo_session s
        join cpo_cdr c on c.country_code = s.country_code and c.party_id = s.party_id and c.credit = false and upper(c.data->>'session_id') = s.session_key
       where s.status = 'COMPLETED' and s.end_date_time >= ${from} and s.end_date_time < ${to}
         and (s.closed_by_timeout or abs((c.data->>'total_energy')::numeric - (${meter})) > ${toleranceKwh})
       order by s.seq, c.seq`.execute(this.db);
    return result.rows;
  }

  /** Sessions that ended in [from, to), counted per party, eMSP, final status and whether energy flowed. */
  async endedCounts(from: Date, to: Date): Promise<Array<{ country_code: string; party_id: string; emsp_country_code: string; emsp_party_id: string; status: string; energy_flowed: boolean; count: string }>> {
    const flowed = sql<boolean>`(data->>'kwh')::numeric > 0`;
    return this.db
      .selectFrom('cpo_session')
      .select(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'status', flowed.as('energy_flowed'), (eb) => eb.fn.countAll<string>().as('count')])
      .where('end_date_time', '>=', from)
      .where('end_date_time', '<', to)
      .groupBy(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'status', flowed])
      .execute();
  }

  private byKey(party: PartyRef, id: string) {
    return this.db
      .selectFrom('cpo_session')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('session_key', '=', id.toUpperCase());
  }
}

/** The columns that repeat the session's key facts, so they can be queried without reading its JSON. */
function sessionColumns(session: Session) {
  return {
    status: session.status,
    start_date_time: new Date(session.start_date_time),
    end_date_time: session.end_date_time ? new Date(session.end_date_time) : null,
    last_updated: new Date(session.last_updated),
    data: JSON.stringify(session),
  };
}
