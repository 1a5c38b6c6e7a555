import type { ColumnType } from 'kysely';
import type { CreatedAt, Json } from '../tables.js';

/** A bigserial: assigned by the database, read as a string (it may exceed 2^53). */
type Seq = ColumnType<string, never, never>;
/** An exact decimal (PostgreSQL numeric): read and written as its decimal text, never as a float. */
type Decimal = ColumnType<string, string, string>;

export type FindingRole = 'CPO' | 'EMSP';

/**
 * OPEN until the missing piece arrives (RESOLVED by reconciliation) or an operator RESOLVES or
 * IGNORES it with a reason.
 */
export type FindingStatus = 'OPEN' | 'RESOLVED' | 'IGNORED';

/** Who closed a finding: a later reconciliation run that no longer saw it, or an operator. */
export type FindingCloser = 'RECONCILIATION' | 'OPERATOR';

/** One thing reconciliation found wrong (docs/SETTLEMENT.md lists the types), kept once per `finding_key`. */
export interface SettlementFindingTable {
  id: Seq;
  /** Type, role, our party, counterpart and the object's id: the same problem always has the same key. */
  finding_key: string;
  type: string;
  role: FindingRole;
  /** Our hosted party. */
  local_country_code: string;
  local_party_id: string;
  /** The other side: the eMSP for a CPO finding, the CPO for an eMSP finding. */
  counterpart_country_code: string;
  counterpart_party_id: string;
  session_id: string | null;
  cdr_id: string | null;
  amount_at_risk: Decimal;
  currency: string;
  /** Ids and values that show the problem, as last seen. */
  evidence: Json<Record<string, unknown>>;
  /** When the object the finding is about ended or arrived: what `--since` selects by. */
  occurred_at: Date;
  status: FindingStatus;
  closed_by: FindingCloser | null;
  close_reason: string | null;
  closed_at: Date | null;
  first_found_at: CreatedAt;
  last_seen_at: Date;
}

/** Who invoices: the CPO invoices the eMSP, or the eMSP bills itself on the CPO's behalf (self-billing). */
export type Invoicing = 'CPO_INVOICES' | 'SELF_BILLING';
/** What CDRs are priced with: the CPO's tariffs as the CDR carries them, or a wholesale price list. */
export type PriceBasis = 'CPO_TARIFFS' | 'WHOLESALE';
export type SettlementPeriod = 'MONTHLY' | 'WEEKLY';

/** How one of our parties settles with one partner party. */
export interface SettlementAgreementTable {
  local_country_code: string;
  local_party_id: string;
  counterpart_country_code: string;
  counterpart_party_id: string;
  /** Our role towards the counterpart. */
  role: FindingRole;
  invoicing: Invoicing;
  period: SettlementPeriod;
  currency: string;
  price_basis: PriceBasis;
  hub_fee_per_session: Decimal;
  transaction_fee_percent: Decimal;
  payment_terms_days: number;
  /** CDRs of a period recorded up to this many days after it ends still belong to it. */
  cutoff_days: number;
  /** Price basis WHOLESALE: the price list statement lines are priced with, an OCPI tariff. */
  wholesale_tariff: Json<Record<string, unknown>> | null;
  /** The IANA time zone the wholesale tariff's time, date and weekday restrictions read. */
  wholesale_time_zone: string | null;
  created_at: CreatedAt;
  updated_at: Date;
}

export type StatementStatus = 'DRAFT' | 'ISSUED' | 'SETTLED';

/** What we and one partner owe each other for one period; the lines are its CDRs. */
export interface SettlementStatementTable {
  id: Seq;
  local_country_code: string;
  local_party_id: string;
  counterpart_country_code: string;
  counterpart_party_id: string;
  role: FindingRole;
  period_start: Date;
  period_end: Date;
  /** CDRs recorded after this belong to the next period. */
  cutoff_at: Date;
  status: StatementStatus;
  /** The agreement as it was when the statement was built. */
  agreement: Json<Record<string, unknown>>;
  /** The partner's statement as last imported, compared line by line with ours. */
  partner_comparison: Json<Record<string, unknown>> | null;
  created_at: CreatedAt;
  built_at: Date;
  issued_at: Date | null;
  settled_at: Date | null;
}

/** One CDR on a statement. A CDR is on one statement of its pair of parties, never two. */
export interface SettlementStatementLineTable {
  statement_id: string;
  local_country_code: string;
  local_party_id: string;
  counterpart_country_code: string;
  counterpart_party_id: string;
  /** The CDR id in upper case. */
  cdr_key: string;
  cdr_id: string;
  session_id: string | null;
  credit: boolean;
  credit_reference_id: string | null;
  start_date_time: Date;
  end_date_time: Date;
  /** When the CDR was issued (CPO) or received (eMSP): what the cut-off reads. */
  recorded_at: Date;
  /** The country of charging (CdrLocation.country, ISO 3166-1 alpha-3): VAT follows it. */
  country: string;
  /** CdrLocation.id: revenue reports group by it. */
  location_id: string;
  evse_id: string | null;
  energy_kwh: Decimal;
  currency: string;
  total_excl_vat: Decimal;
  total_incl_vat: Decimal;
  /** Its session ended in an earlier period, but it was recorded after that period's cut-off. */
  late: boolean;
}

export type DisputeStatus = 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';

/** A disagreement about a CDR (or a finding), and how it ended. */
export interface SettlementDisputeTable {
  id: Seq;
  local_country_code: string;
  local_party_id: string;
  counterpart_country_code: string;
  counterpart_party_id: string;
  role: FindingRole;
  cdr_id: string | null;
  session_id: string | null;
  finding_id: string | null;
  reason: string;
  amount_claimed: Decimal;
  currency: string;
  status: DisputeStatus;
  /** The credit CDR that settled an accepted dispute, when the CPO issued one. */
  credit_cdr_id: string | null;
  opened_at: CreatedAt;
  closed_at: Date | null;
}

/** Every change of a dispute, in order: the audit trail. */
export interface SettlementDisputeEventTable {
  id: Seq;
  dispute_id: string;
  action: 'OPENED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
  from_status: DisputeStatus | null;
  to_status: DisputeStatus;
  note: string | null;
  at: CreatedAt;
}

export interface SettlementTables {
  settlement_finding: SettlementFindingTable;
  settlement_agreement: SettlementAgreementTable;
  settlement_statement: SettlementStatementTable;
  settlement_statement_line: SettlementStatementLineTable;
  settlement_dispute: SettlementDisputeTable;
  settlement_dispute_event: SettlementDisputeEventTable;
}
