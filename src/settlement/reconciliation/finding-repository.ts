import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { FindingCloser, FindingRole, FindingStatus, SettlementFindingTable } from '../../store/tables/settlement-tables.js';
import { findingKey, type DetectedFinding, type FindingType } from './finding.js';

export type FindingRow = Selectable<SettlementFindingTable>;

export interface FindingFilter {
  status?: FindingStatus;
  /** Our party or the counterpart. */
  party?: PartyRef;
  /** Findings about objects that ended or arrived at or after this time. */
  since?: Date;
  type?: string;
  role?: FindingRole;
  /** Findings about this session or its CDR. */
  about?: { sessionId: string; cdrId: string | null };
  limit?: number;
}

/** Inserts of this many rows at a time stay far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 500;

/** Storage of reconciliation findings: one row per finding key, whatever the number of runs that saw it. */
export class FindingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Records what a run saw, stamping `last_seen_at` with the run's `seenAt`. A finding seen for the
   * first time is OPEN; one reconciliation had closed opens again; one an operator closed stays
   * closed. Returns how many were new and how many reopened.
   */
  async recordSeen(findings: readonly DetectedFinding[], seenAt: Date): Promise<{ added: number; reopened: number }> {
    let added = 0;
    let reopened = 0;
    for (let i = 0; i < findings.length; i += BATCH) {
      const rows = findings.slice(i, i + BATCH).map((f) => ({
        finding_key: findingKey(f),
        type: f.type,
        role: f.role,
        local_country_code: f.party.countryCode.toUpperCase(),
        local_party_id: f.party.partyId.toUpperCase(),
        counterpart_country_code: f.counterpart.countryCode.toUpperCase(),
        counterpart_party_id: f.counterpart.partyId.toUpperCase(),
        session_id: f.session_id,
        cdr_id: f.cdr_id,
        amount_at_risk: f.amount_at_risk,
        currency: f.currency,
        evidence: JSON.stringify(f.evidence),
        occurred_at: f.occurred_at,
        status: 'OPEN' as const,
        closed_by: null,
        close_reason: null,
        closed_at: null,
        last_seen_at: seenAt,
      }));
      const closedByUs = await this.db
        .selectFrom('settlement_finding')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('finding_key', 'in', rows.map((r) => r.finding_key))
        .where('status', '=', 'RESOLVED')
        .where('closed_by', '=', 'RECONCILIATION')
        .executeTakeFirstOrThrow();
      reopened += Number(closedByUs.n);
      const reopening = sql<boolean>`settlement_finding.status = 'RESOLVED' and settlement_finding.closed_by = 'RECONCILIATION'`;
      const result = await this.db
        .insertInto('settlement_finding')
        .values(rows)
        .onConflict((oc) =>
          oc.column('finding_key').doUpdateSet((eb) => ({
            evidence: eb.ref('excluded.evidence'),
            amount_at_risk: eb.ref('excluded.amount_at_risk'),
            last_seen_at: eb.ref('excluded.last_seen_at'),
            status: sql`case when ${reopening} then 'OPEN' else settlement_finding.status end`,
            closed_by: sql`case when ${reopening} then null else settlement_finding.closed_by end`,
            close_reason: sql`case when ${reopening} then null else settlement_finding.close_reason end`,
            closed_at: sql`case when ${reopening} then null else settlement_finding.closed_at end`,
          })),
        )
        // xmax is 0 on a row this statement inserted rather than updated.
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      added += result.filter((r) => r.inserted).length;
    }
    return { added, reopened };
  }

  /**
   * Closes the OPEN findings of `role`/`type` about objects in [from, to) that the run stamped at
   * `seenAt` did not see: the missing piece arrived. Returns how many it closed.
   */
  async closeUnseen(role: FindingRole, type: FindingType, window: { from: Date; to: Date }, seenAt: Date, reason: string): Promise<number> {
    const result = await this.db
      .updateTable('settlement_finding')
      .set({ status: 'RESOLVED', closed_by: 'RECONCILIATION', close_reason: reason, closed_at: seenAt })
      .where('status', '=', 'OPEN')
      .where('role', '=', role)
      .where('type', '=', type)
      .where('occurred_at', '>=', window.from)
      .where('occurred_at', '<', window.to)
      .where('last_seen_at', '<', seenAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async list(filter: FindingFilter): Promise<FindingRow[]> {
    let query = this.db.selectFrom('settlement_finding').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.role) query = query.where('role', '=', filter.role);
    if (filter.since) query = query.where('occurred_at', '>=', filter.since);
    const about = filter.about;
    if (about) {
      query = query.where((eb) =>
        eb.or([eb(eb.fn('upper', ['session_id']), '=', about.sessionId.toUpperCase()), ...(about.cdrId ? [eb(eb.fn('upper', ['cdr_id']), '=', about.cdrId.toUpperCase())] : [])]),
      );
    }
    const party = filter.party;
    if (party) {
      const cc = party.countryCode.toUpperCase();
      const pid = party.partyId.toUpperCase();
      query = query.where((eb) =>
        eb.or([eb.and([eb('local_country_code', '=', cc), eb('local_party_id', '=', pid)]), eb.and([eb('counterpart_country_code', '=', cc), eb('counterpart_party_id', '=', pid)])]),
      );
    }
    return query
      .orderBy('occurred_at')
      .orderBy('id')
      .limit(filter.limit ?? 10_000)
      .execute();
  }

  async get(id: string): Promise<FindingRow | null> {
    return (await this.db.selectFrom('settlement_finding').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** An operator's decision on an OPEN finding; null when it is not (or no longer) open. */
  async close(id: string, status: 'RESOLVED' | 'IGNORED', closer: FindingCloser, reason: string): Promise<FindingRow | null> {
    const row = await this.db
      .updateTable('settlement_finding')
      .set({ status, closed_by: closer, close_reason: reason, closed_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'OPEN')
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /** Open findings per role, type and currency: how many, and the amount at risk they add up to. */
  async openSummary(): Promise<Array<{ role: FindingRole; type: string; currency: string; count: number; amount_at_risk: string }>> {
    const rows = await this.db
      .selectFrom('settlement_finding')
      .select(['role', 'type', 'currency', (eb) => eb.fn.countAll<string>().as('count'), (eb) => eb.fn.sum<string>('amount_at_risk').as('amount')])
      .where('status', '=', 'OPEN')
      .groupBy(['role', 'type', 'currency'])
      .orderBy('role')
      .orderBy('type')
      .execute();
    return rows.map((r) => ({ role: r.role, type: r.type, currency: r.currency, count: Number(r.count), amount_at_risk: String(r.amount) }));
  }

  async countOpen(): Promise<number> {
    const row = await this.db.selectFrom('settlement_finding').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'OPEN').executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
