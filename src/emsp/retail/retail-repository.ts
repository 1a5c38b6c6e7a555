import { sql, type Insertable, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import type { RetailLineTable, RetailPlan } from '../../store/tables/retail-tables.js';
import type { CandidatePlan } from './plan-selection.js';
import { scopeKey } from './retail-plan-input.js';

export type RetailLineRow = Selectable<RetailLineTable>;
export type NewRetailLine = Omit<Insertable<RetailLineTable>, 'plan' | 'local_country_code' | 'local_party_id'> & { plan: RetailPlan | null };

/** Revenue of one currency over a window. */
export interface RetailSummaryRow {
  currency: string;
  lines: string;
  gross: string;
  net: string;
  vat_amount: string;
  cpo_cost: string;
  margin: string;
  energy_kwh: string;
}

/** Storage of an eMSP party's retail plans and of the retail line of each CDR it accepted. */
export class RetailRepository {
  constructor(private readonly db: Database) {}

  /** Stores a new plan; false when its id, or a plan for the same audience, exists. */
  async insertPlan(local: PartyRef, plan: RetailPlan): Promise<boolean> {
    const row = await this.db
      .insertInto('retail_plan')
      .values({
        ...owned(local),
        plan_key: plan.id.toUpperCase(),
        scope: plan.scope,
        scope_key: scopeKey(plan),
        channel: plan.channel ?? '',
        currency: plan.currency ?? '',
        plan: JSON.stringify(plan),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('plan_key')
      .executeTakeFirst();
    return row !== undefined;
  }

  async getPlan(local: PartyRef, id: string): Promise<RetailPlan | null> {
    const row = await this.plansOf(local).select('plan').where('plan_key', '=', id.toUpperCase()).executeTakeFirst();
    return row?.plan ?? null;
  }

  /** The plan already defined for the same audience as `plan`, if any. */
  async sameAudience(local: PartyRef, plan: RetailPlan): Promise<RetailPlan | null> {
    const row = await this.plansOf(local)
      .select('plan')
      .where('scope', '=', plan.scope)
      .where('scope_key', '=', scopeKey(plan))
      .where('channel', '=', plan.channel ?? '')
      .where('currency', '=', plan.currency ?? '')
      .executeTakeFirst();
    return row?.plan ?? null;
  }

  async listPlans(local: PartyRef): Promise<RetailPlan[]> {
    const rows = await this.plansOf(local).select('plan').orderBy('created_at').orderBy('plan_key').execute();
    return rows.map((r) => r.plan);
  }

  async deletePlan(local: PartyRef, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('retail_plan')
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('plan_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The plans stored under any of these (scope, key) pairs. */
  async candidates(local: PartyRef, keys: ReadonlyArray<{ scope: string; key: string }>): Promise<CandidatePlan[]> {
    const rows = await this.plansOf(local)
      .select(['scope', 'scope_key', 'channel', 'currency', 'plan'])
      .where((eb) => eb.or(keys.map((k) => eb.and([eb('scope', '=', k.scope as CandidatePlan['scope']), eb('scope_key', '=', k.key)]))))
      .execute();
    return rows.map((r) => ({ scope: r.scope, scopeKey: r.scope_key, channel: r.channel, currency: r.currency, plan: r.plan }));
  }

  async insertLine(local: PartyRef, line: NewRetailLine): Promise<void> {
    await this.db
      .insertInto('retail_line')
      .values({ ...owned(local), ...line, plan: line.plan === null ? null : JSON.stringify(line.plan) })
      .execute();
  }

  /** The line of an accepted CDR; a credit CDR is priced with the plan of the line it credits. */
  async lineOfCdr(cdrSeq: string): Promise<RetailLineRow | null> {
    return (await this.db.selectFrom('retail_line').selectAll().where('cdr_seq', '=', cdrSeq).executeTakeFirst()) ?? null;
  }

  /** One page of lines by session end (`date_from` inclusive, `date_to` exclusive), oldest first. */
  listLines(local: PartyRef, page: PageRequest): Promise<PageResult<RetailLineRow>> {
    return fetchPage(this.linesOf(local).selectAll(), page, { lastUpdated: 'session_end', seq: 'seq' });
  }

  /** What the driver was charged excl. VAT for each CDR (credits negative) whose session ended in [from, to). */
  async netByCdr(local: PartyRef, from: Date, to: Date): Promise<Array<{ country_code: string; party_id: string; cdr_id: string; currency: string; net: string }>> {
    return this.linesOf(local)
      .select(['country_code', 'party_id', 'cdr_id', 'currency', sql<string>`net::text`.as('net')])
      .where('session_end', '>=', from)
      .where('session_end', '<', to)
      .execute();
  }

  /** Totals per currency of the lines whose session ended in the window. */
  async summary(local: PartyRef, window: { dateFrom?: Date; dateTo?: Date }): Promise<RetailSummaryRow[]> {
    let query = this.linesOf(local);
    if (window.dateFrom) query = query.where('session_end', '>=', window.dateFrom);
    if (window.dateTo) query = query.where('session_end', '<', window.dateTo);
    const total = (column: string) => sql<string>`sum(${sql.ref(column)})::text`;
    return query
      .select([
        'currency',
        sql<string>`count(*)::text`.as('lines'),
        total('gross').as('gross'),
        total('net').as('net'),
        total('vat_amount').as('vat_amount'),
        total('cpo_cost').as('cpo_cost'),
        total('margin').as('margin'),
        total('energy_kwh').as('energy_kwh'),
      ])
      .groupBy('currency')
      .orderBy('currency')
      .execute();
  }

  private plansOf(local: PartyRef) {
    return this.db.selectFrom('retail_plan').where('local_country_code', '=', local.countryCode.toUpperCase()).where('local_party_id', '=', local.partyId.toUpperCase());
  }

  private linesOf(local: PartyRef) {
    return this.db.selectFrom('retail_line').where('local_country_code', '=', local.countryCode.toUpperCase()).where('local_party_id', '=', local.partyId.toUpperCase());
  }
}

function owned(local: PartyRef): { local_country_code: string; local_party_id: string } {
  return { local_country_code: local.countryCode.toUpperCase(), local_party_id: local.partyId.toUpperCase() };
}
