import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Session } from '../../ocpi/types/sessions.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { containsText } from '../../store/text-search.js';
import type { EmspSessionTable } from '../../store/tables/session-tables.js';

export type ReceivedSessionRow = Selectable<EmspSessionTable>;

/** Storage of the sessions CPO partners sent our eMSP parties. */
export class ReceivedSessionRepository {
  constructor(private readonly db: Database) {}

  /** Reads a session and locks it until the transaction ends, so two updates of it never interleave. */
  async getForUpdate(local: PartyRef, owner: PartyRef, id: string): Promise<ReceivedSessionRow | null> {
    return (await this.byKey(local, owner, id).forUpdate().executeTakeFirst()) ?? null;
  }

  async get(local: PartyRef, owner: PartyRef, id: string): Promise<ReceivedSessionRow | null> {
    return (await this.byKey(local, owner, id).executeTakeFirst()) ?? null;
  }

  async insert(local: PartyRef, session: Session, peerId: string): Promise<void> {
    await this.db
      .insertInto('emsp_session')
      .values({
        local_country_code: local.countryCode.toUpperCase(),
        local_party_id: local.partyId.toUpperCase(),
        country_code: session.country_code.toUpperCase(),
        party_id: session.party_id.toUpperCase(),
        session_key: session.id.toUpperCase(),
        peer_id: peerId,
        ...sessionColumns(session),
        update_count: 1,
        updated_at: new Date(),
      })
      .execute();
  }

  async update(row: ReceivedSessionRow, session: Session, peerId: string): Promise<void> {
    await this.db
      .updateTable('emsp_session')
      .set((eb) => ({
        ...sessionColumns(session),
        peer_id: peerId,
        update_count: eb('update_count', '+', 1),
        updated_at: new Date(),
      }))
      .where('seq', '=', row.seq)
      .execute();
  }

  /** Sessions with this id from any of the party's CPOs (ids are unique per CPO only). */
  withId(local: PartyRef, id: string): Promise<ReceivedSessionRow[]> {
    return this.ofLocal(local).where('session_key', '=', id.toUpperCase()).orderBy('seq').execute();
  }

  /** The newest sessions charged with one of the party's tokens (`uid` as the token store keeps it). */
  forToken(local: PartyRef, type: string, uid: string, limit: number): Promise<ReceivedSessionRow[]> {
    return this.ofLocal(local)
      .where(sql<string>`data->'cdr_token'->>'type'`, '=', type)
      .where(sql<string>`upper(data->'cdr_token'->>'uid')`, '=', uid.toUpperCase())
      .orderBy('start_date_time', 'desc')
      .limit(limit)
      .execute();
  }

  private ofLocal(local: PartyRef) {
    return this.db.selectFrom('emsp_session').selectAll().where('local_country_code', '=', local.countryCode.toUpperCase()).where('local_party_id', '=', local.partyId.toUpperCase());
  }

  /** A page of the party's sessions; `text` narrows it to those whose id, token uid or location id contains it. */
  async list(local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<ReceivedSessionRow>> {
    const base = text === undefined ? this.ofLocal(local) : this.ofLocal(local).where(containsText(text, [sql.ref('session_key'), sql`data->'cdr_token'->>'uid'`, sql`data->>'location_id'`]));
    return fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
  }

  /** COMPLETED sessions that ended in [from, to) with no CDR (credits aside) from their CPO: one anti-join. */
  async completedWithoutCdr(from: Date, to: Date): Promise<ReceivedSessionRow[]> {
    return this.db
      .selectFrom('emsp_session as s')
      .selectAll('s')
      .where('s.status', '=', 'COMPLETED')
      .where('s.end_date_time', '>=', from)
      .where('s.end_date_time', '<', to)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('emsp_cdr as c')
              .select(sql`1`.as('one'))
              .whereRef('c.local_country_code', '=', 's.local_country_code')
              .whereRef('c.local_party_id', '=', 's.local_party_id')
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

  /** Sessions that started in [from, to), in creation order after `afterSeq`: a scan in pages. */
  async startedIn(from: Date, to: Date, afterSeq: string | null, limit: number): Promise<ReceivedSessionRow[]> {
    let query = this.db.selectFrom('emsp_session').selectAll().where('start_date_time', '>=', from).where('start_date_time', '<', to);
    if (afterSeq !== null) query = query.where('seq', '>', afterSeq);
    return query.orderBy('seq').limit(limit).execute();
  }

  /** Sessions that ended in [from, to), counted per eMSP party, CPO, final status and whether energy flowed. */
  async endedCounts(from: Date, to: Date): Promise<Array<{ local_country_code: string; local_party_id: string; country_code: string; party_id: string; status: string; energy_flowed: boolean; count: string }>> {
    const flowed = sql<boolean>`(data->>'kwh')::numeric > 0`;
    return this.db
      .selectFrom('emsp_session')
      .select(['local_country_code', 'local_party_id', 'country_code', 'party_id', 'status', flowed.as('energy_flowed'), (eb) => eb.fn.countAll<string>().as('count')])
      .where('end_date_time', '>=', from)
      .where('end_date_time', '<', to)
      .groupBy(['local_country_code', 'local_party_id', 'country_code', 'party_id', 'status', flowed])
      .execute();
  }

  private byKey(local: PartyRef, owner: PartyRef, id: string) {
    return this.db
      .selectFrom('emsp_session')
      .selectAll()
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('country_code', '=', owner.countryCode.toUpperCase())
      .where('party_id', '=', owner.partyId.toUpperCase())
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
