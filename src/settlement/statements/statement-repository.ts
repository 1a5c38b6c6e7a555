import { sql, type Insertable, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { FindingRole, SettlementStatementLineTable, SettlementStatementTable, StatementStatus } from '../../store/tables/settlement-tables.js';

export type StatementRow = Selectable<SettlementStatementTable>;
export type StatementLineRow = Selectable<SettlementStatementLineTable>;
export type NewStatementLine = Omit<Insertable<SettlementStatementLineTable>, 'statement_id' | 'local_country_code' | 'local_party_id' | 'counterpart_country_code' | 'counterpart_party_id'>;

export interface StatementPair {
  party: PartyRef;
  counterpart: PartyRef;
  role: FindingRole;
}

export interface StatementFilter {
  party?: PartyRef;
  counterpart?: PartyRef;
  status?: StatementStatus;
}

/** Lines written per statement: sent as one JSON document, so the count of bind parameters never limits it. */
const BATCH = 5000;

/** Storage of statements and their lines. */
export class StatementRepository {
  constructor(private readonly db: Database) {}

  async findByPeriod(pair: StatementPair, periodStart: Date): Promise<StatementRow | null> {
    return (await this.ofPair(pair).where('period_start', '=', periodStart).executeTakeFirst()) ?? null;
  }

  /** The pair's statements, for the cut-off of the periods CDRs ended in. */
  async ofPairs(pair: StatementPair): Promise<StatementRow[]> {
    return this.ofPair(pair).orderBy('period_start').execute();
  }

  async get(id: string): Promise<StatementRow | null> {
    return (await this.db.selectFrom('settlement_statement').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Reads a statement and locks it until the transaction ends. */
  async getForUpdate(id: string): Promise<StatementRow | null> {
    return (await this.db.selectFrom('settlement_statement').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async list(filter: StatementFilter): Promise<StatementRow[]> {
    let query = this.db.selectFrom('settlement_statement').selectAll();
    if (filter.party) query = query.where('local_country_code', '=', filter.party.countryCode.toUpperCase()).where('local_party_id', '=', filter.party.partyId.toUpperCase());
    if (filter.counterpart) query = query.where('counterpart_country_code', '=', filter.counterpart.countryCode.toUpperCase()).where('counterpart_party_id', '=', filter.counterpart.partyId.toUpperCase());
    if (filter.status) query = query.where('status', '=', filter.status);
    return query.orderBy('period_start').orderBy('id').execute();
  }

  async create(pair: StatementPair, values: Pick<Insertable<SettlementStatementTable>, 'period_start' | 'period_end' | 'cutoff_at' | 'agreement' | 'built_at'>): Promise<string> {
    const row = await this.db
      .insertInto('settlement_statement')
      .values({ ...pairColumns(pair), role: pair.role, status: 'DRAFT', partner_comparison: null, issued_at: null, settled_at: null, ...values })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  async update(id: string, values: Partial<Pick<StatementRow, 'status' | 'cutoff_at' | 'built_at' | 'issued_at' | 'settled_at'>> & { agreement?: string; partner_comparison?: string }): Promise<void> {
    await this.db.updateTable('settlement_statement').set(values).where('id', '=', id).execute();
  }

  /** The statement's lines become exactly `lines`. */
  async replaceLines(id: string, pair: StatementPair, lines: readonly NewStatementLine[]): Promise<void> {
    await this.db.deleteFrom('settlement_statement_line').where('statement_id', '=', id).execute();
    const columns = pairColumns(pair);
    for (let i = 0; i < lines.length; i += BATCH) {
      await sql`
        insert into settlement_statement_line (statement_id, local_country_code, local_party_id, counterpart_country_code, counterpart_party_id, cdr_key, cdr_id, session_id, credit, credit_reference_id,
                                               start_date_time, end_date_time, recorded_at, country, location_id, evse_id, energy_kwh, currency, total_excl_vat, total_incl_vat, late)
        select ${id}, ${columns.local_country_code}, ${columns.local_party_id}, ${columns.counterpart_country_code}, ${columns.counterpart_party_id}, l.cdr_key, l.cdr_id, l.session_id, l.credit, l.credit_reference_id,
               l.start_date_time, l.end_date_time, l.recorded_at, l.country, l.location_id, l.evse_id, l.energy_kwh, l.currency, l.total_excl_vat, l.total_incl_vat, l.late
          from jsonb_to_recordset(${JSON.stringify(lines.slice(i, i + BATCH))}::jsonb) as l(cdr_key text, cdr_id text, session_id text, credit boolean, credit_reference_id text, start_date_time timestamptz,
               end_date_time timestamptz, recorded_at timestamptz, country text, location_id text, evse_id text, energy_kwh numeric, currency text, total_excl_vat numeric, total_incl_vat numeric, late boolean)`.execute(this.db);
    }
  }

  /** The statements of `party` with a line for this session or CDR. */
  async statementsAbout(party: PartyRef, about: { sessionId: string; cdrId: string | null }): Promise<string[]> {
    const rows = await this.db
      .selectFrom('settlement_statement_line')
      .select('statement_id')
      .distinct()
      .where('local_country_code', '=', party.countryCode.toUpperCase())
      .where('local_party_id', '=', party.partyId.toUpperCase())
      .where((eb) => eb.or([eb(eb.fn('upper', ['session_id']), '=', about.sessionId.toUpperCase()), ...(about.cdrId ? [eb('cdr_key', '=', about.cdrId.toUpperCase())] : [])]))
      .execute();
    return rows.map((r) => r.statement_id);
  }

  async lines(id: string): Promise<StatementLineRow[]> {
    return this.db.selectFrom('settlement_statement_line').selectAll().where('statement_id', '=', id).orderBy('end_date_time').orderBy('cdr_key').execute();
  }

  /** The lines of `party`'s statements in `role` for periods starting in [from, to), with their statement's period and agreement. */
  async linesForReport(party: PartyRef, role: FindingRole, from: Date, to: Date): Promise<Array<StatementLineRow & { period_start: Date; agreement: Record<string, unknown> }>> {
    return this.db
      .selectFrom('settlement_statement_line as l')
      .innerJoin('settlement_statement as s', 's.id', 'l.statement_id')
      .selectAll('l')
      .select(['s.period_start', 's.agreement'])
      .where('s.local_country_code', '=', party.countryCode.toUpperCase())
      .where('s.local_party_id', '=', party.partyId.toUpperCase())
      .where('s.role', '=', role)
      .where('s.period_start', '>=', from)
      .where('s.period_start', '<', to)
      .orderBy('s.period_start')
      .orderBy('l.end_date_time')
      .execute();
  }

  /** Seconds from session end to settlement of each session (credit CDRs aside) on the statements settled in [from, to). */
  async settledSessions(from: Date, to: Date): Promise<Array<{ local_country_code: string; local_party_id: string; counterpart_country_code: string; counterpart_party_id: string; seconds: string | number }>> {
    return this.db
      .selectFrom('settlement_statement_line as l')
      .innerJoin('settlement_statement as s', 's.id', 'l.statement_id')
      .select(['s.local_country_code', 's.local_party_id', 's.counterpart_country_code', 's.counterpart_party_id', sql<string>`extract(epoch from s.settled_at - l.end_date_time)`.as('seconds')])
      .where('s.status', '=', 'SETTLED')
      .where('s.settled_at', '>=', from)
      .where('s.settled_at', '<', to)
      .where('l.credit', '=', false)
      .execute();
  }

  /** Which of these CDR ids (upper case) are on a statement of the pair other than `except`. */
  async taken(pair: StatementPair, cdrKeys: readonly string[], except: string | null): Promise<Set<string>> {
    const taken = new Set<string>();
    for (let i = 0; i < cdrKeys.length; i += BATCH) {
      let query = this.db
        .selectFrom('settlement_statement_line')
        .select('cdr_key')
        .where('local_country_code', '=', pair.party.countryCode.toUpperCase())
        .where('local_party_id', '=', pair.party.partyId.toUpperCase())
        .where('counterpart_country_code', '=', pair.counterpart.countryCode.toUpperCase())
        .where('counterpart_party_id', '=', pair.counterpart.partyId.toUpperCase())
        .where('cdr_key', 'in', sql<string>`(select jsonb_array_elements_text(${JSON.stringify(cdrKeys.slice(i, i + BATCH))}::jsonb))`);
      if (except !== null) query = query.where('statement_id', '<>', except);
      for (const row of await query.execute()) taken.add(row.cdr_key);
    }
    return taken;
  }

  private ofPair(pair: StatementPair) {
    return this.db
      .selectFrom('settlement_statement')
      .selectAll()
      .where('local_country_code', '=', pair.party.countryCode.toUpperCase())
      .where('local_party_id', '=', pair.party.partyId.toUpperCase())
      .where('counterpart_country_code', '=', pair.counterpart.countryCode.toUpperCase())
      .where('counterpart_party_id', '=', pair.counterpart.partyId.toUpperCase())
      .where('role', '=', pair.role);
  }
}

function pairColumns(pair: StatementPair) {
  return {
    local_country_code: pair.party.countryCode.toUpperCase(),
    local_party_id: pair.party.partyId.toUpperCase(),
    counterpart_country_code: pair.counterpart.countryCode.toUpperCase(),
    counterpart_party_id: pair.counterpart.partyId.toUpperCase(),
  };
}
