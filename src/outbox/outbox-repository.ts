import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../ocpi/headers.js';
import type { Database } from '../store/database.js';
import type { OutboxStatus, OutboxTable } from '../store/tables.js';
import type { ReplacementPut } from './object-repair.js';

export type OutboxRow = Selectable<OutboxTable>;

export interface OutboxFilter {
  status?: OutboxStatus;
  peerId?: string;
  reference?: string;
  limit?: number;
}

/** The outbox's storage: claiming, settling and listing messages. */
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims up to `limit` messages to deliver now: of each ordering key (receiving party and
   * object) only the oldest unfinished message, so each object's messages reach the partner in the
   * order they were written, and at most `perPeer` in flight to one partner at a time, counting
   * those already out. Rows are locked with SKIP LOCKED and leased, so several processes never
   * deliver the same message at once; a lease that runs out (a process died mid-delivery) makes it
   * claimable again. Processes claiming at the same instant may together exceed `perPeer` briefly.
   */
  async claim(limit: number, leaseMs: number, perPeer: number): Promise<OutboxRow[]> {
    if (limit <= 0) return [];
    // Per partner, its unfinished messages are walked in id order (outbox_unfinished_by_peer) until
    // as many heads of their key are found as the partner has free slots.
    const result = await sql<OutboxRow>`
      update outbox
         set status = 'IN_FLIGHT',
             locked_until = now() + ${leaseMs} * interval '1 millisecond',
             attempts = attempts + 1
       where id in (
         select c.id from outbox c
          where c.id in (
                  select h.id
                    from peer p
                    cross join lateral (
                      select o.id from outbox o
                       where o.peer_id = p.id
                         and o.status in ('PENDING', 'IN_FLIGHT')
                         and ((o.status = 'PENDING' and o.next_attempt_at <= now())
                              or (o.status = 'IN_FLIGHT' and o.locked_until < now()))
                         and not exists (select 1 from outbox e
                                          where e.peer_id = o.peer_id and e.ordering_key = o.ordering_key
                                            and e.id < o.id and e.status in ('PENDING', 'IN_FLIGHT'))
                       order by o.id
                       limit greatest(0, ${perPeer} - (select count(*) from outbox b
                                                        where b.peer_id = p.id and b.status = 'IN_FLIGHT'
                                                          and b.locked_until >= now()))) h
                   order by h.id
                   limit ${limit})
            -- Checked again on the row as locked: another process may have claimed it meanwhile.
            and ((c.status = 'PENDING' and c.next_attempt_at <= now())
                 or (c.status = 'IN_FLIGHT' and c.locked_until < now()))
          for update skip locked)
      returning *`.execute(this.db);
    return result.rows;
  }

  async delivered(id: string, httpStatus: number, location: string | null): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'DELIVERED', delivered_at: new Date(), locked_until: null, last_http_status: httpStatus, last_error: null, response_location: location })
      .where('id', '=', id)
      .where('status', '=', 'IN_FLIGHT')
      .execute();
  }

  async failed(id: string, error: string, httpStatus: number | null, retryAt: Date | null): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: retryAt ? 'PENDING' : 'DEAD', next_attempt_at: retryAt ?? new Date(), locked_until: null, last_error: error.slice(0, 2000), last_http_status: httpStatus })
      .where('id', '=', id)
      .where('status', '=', 'IN_FLIGHT')
      .execute();
  }

  /**
   * Puts `replacement` in the place of an in-flight message, due now and with a fresh count of
   * attempts: it keeps the message's id, so it still goes before the object's later messages.
   */
  async replace(id: string, replacement: ReplacementPut, reason: string, httpStatus: number): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({
        kind: replacement.kind,
        method: 'PUT',
        path: JSON.stringify(replacement.path),
        query: replacement.query ? JSON.stringify(replacement.query) : null,
        body: JSON.stringify(replacement.body),
        status: 'PENDING',
        attempts: 0,
        next_attempt_at: new Date(),
        locked_until: null,
        last_error: reason.slice(0, 2000),
        last_http_status: httpStatus,
      })
      .where('id', '=', id)
      .where('status', '=', 'IN_FLIGHT')
      .execute();
  }

  async list(filter: OutboxFilter): Promise<OutboxRow[]> {
    let query = this.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 1000));
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.peerId) query = query.where('peer_id', '=', filter.peerId);
    if (filter.reference) query = query.where('reference', '=', filter.reference);
    return query.execute();
  }

  /** Puts dead letters back in line for delivery; returns how many were revived. */
  async retry(filter: { id?: string; peerId?: string }): Promise<number> {
    let query = this.db.updateTable('outbox').set({ status: 'PENDING', next_attempt_at: new Date(), attempts: 0 }).where('status', '=', 'DEAD');
    if (filter.id) query = query.where('id', '=', filter.id);
    if (filter.peerId) query = query.where('peer_id', '=', filter.peerId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Messages queued in [from, to), per sending and receiving party: calls the partner answered
   * (delivered, or refused with an HTTP answer below 500), calls made (an unfinished message's
   * current attempt aside), and the seconds each delivered message took from queue to delivery.
   * Only a message's last failure is kept, so earlier failed attempts count as unanswered.
   */
  async partnerCalls(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; answered: number; attempts: number; delivery_seconds: number[] }>> {
    const result = await sql<{ from_country_code: string; from_party_id: string; to_country_code: string; to_party_id: string; answered: string; attempts: string; delivery_seconds: Array<number | string> | null }>`
      select upper(from_country_code) as from_country_code, upper(from_party_id) as from_party_id,
             upper(to_country_code) as to_country_code, upper(to_party_id) as to_party_id,
             sum(case when status = 'DELIVERED' or (status = 'DEAD' and last_http_status between 200 and 499) then 1 else 0 end) as answered,
             sum(case when status = 'IN_FLIGHT' then attempts - 1 else attempts end) as attempts,
             array_agg(extract(epoch from delivered_at - created_at)::float8) filter (where status = 'DELIVERED') as delivery_seconds
        from outbox
       where created_at >= ${window.from} and created_at < ${window.to}
       group by 1, 2, 3, 4`.execute(this.db);
    return result.rows.map((r) => ({
      party: { countryCode: r.from_country_code, partyId: r.from_party_id },
      counterpart: { countryCode: r.to_country_code, partyId: r.to_party_id },
      answered: Number(r.answered),
      attempts: Number(r.attempts),
      delivery_seconds: (r.delivery_seconds ?? []).map(Number),
    }));
  }

  /** Counts per peer and status: the backlog operators watch. */
  async backlog(): Promise<Array<{ peer_id: string; status: OutboxStatus; count: number }>> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['peer_id', 'status', (eb) => eb.fn.countAll<string>().as('count')])
      .where('status', 'in', ['PENDING', 'IN_FLIGHT', 'DEAD'])
      .groupBy(['peer_id', 'status'])
      .execute();
    return rows.map((r) => ({ peer_id: r.peer_id, status: r.status, count: Number(r.count) }));
  }
}
