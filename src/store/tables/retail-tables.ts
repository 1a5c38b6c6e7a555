import type { ColumnType } from 'kysely';
import type { CreatedAt, Json } from '../tables.js';

/** A bigserial: assigned by the database, read as a string (it may exceed 2^53). */
type Seq = ColumnType<string, never, never>;
/** An exact decimal (PostgreSQL numeric): read and written as its decimal text, never as a float. */
type Decimal = ColumnType<string, string, never>;

/** Whom a retail plan prices: precedence TOKEN > GROUP > PARTNER > DEFAULT (docs/TARIFFS.md). */
export type RetailScope = 'TOKEN' | 'GROUP' | 'PARTNER' | 'DEFAULT';
/** ROAMING: a CDR from a CPO party hosted elsewhere; DIRECT: from a CPO party hosted on this evroam. */
export type RetailChannel = 'ROAMING' | 'DIRECT';
export type RetailModel = 'PASS_THROUGH' | 'MARKUP_PERCENT' | 'WHOLESALE_TO_RETAIL';

/** A plan as operators define it and as each retail line keeps a copy of it. Amounts exclude VAT. */
export interface RetailPlan {
  id: string;
  scope: RetailScope;
  /** PARTNER: the CPO party (`NL-CPO`); GROUP: the token group_id; TOKEN: the token uid; DEFAULT: absent. */
  partner?: string;
  group_id?: string;
  token_uid?: string;
  token_type?: string;
  /** Absent: both channels. */
  channel?: RetailChannel;
  /** Absent: CDRs of any currency; required when the plan states own amounts. */
  currency?: string;
  model: RetailModel;
  markup_percent?: number;
  price_per_kwh?: number;
  price_per_minute?: number;
  price_per_session?: number;
  fee_per_session?: number;
  fee_per_kwh?: number;
  /** Overrides the VAT rate of the country of charging. */
  vat_percent?: number;
  description?: string;
}

export interface RetailPlanTable {
  local_country_code: string;
  local_party_id: string;
  /** The plan id in upper case. */
  plan_key: string;
  scope: RetailScope;
  /** What the scope names, normalised: `NL-CPO`, the group id or `RFID/04A2…` in upper case; '' for DEFAULT. */
  scope_key: string;
  /** '' for both channels. */
  channel: string;
  /** '' for any currency. */
  currency: string;
  plan: Json<RetailPlan>;
  created_at: CreatedAt;
}

/** Where the VAT rate of a retail line came from. NONE: no plan override and a country outside the table (0 %). */
export type VatSource = 'PLAN' | 'COUNTRY' | 'NONE';

/** The retail price of one accepted CDR: what the driver pays, what the CPO is owed, and what is left. */
export interface RetailLineTable {
  seq: Seq;
  local_country_code: string;
  local_party_id: string;
  /** The `seq` of the CDR in `emsp_cdr`. */
  cdr_seq: string;
  country_code: string;
  party_id: string;
  cdr_id: string;
  credit: boolean;
  token_type: string;
  token_uid: string;
  group_id: string | null;
  channel: RetailChannel;
  /** The plan applied, as it was then; null when no plan matched (pass-through). */
  plan: Json<RetailPlan> | null;
  currency: string;
  /** The CDR's total_cost excl. VAT. */
  cpo_cost: Decimal;
  /** The driver's price excl. VAT: gross minus VAT. */
  net: Decimal;
  vat_percent: Decimal;
  vat_source: VatSource;
  vat_amount: Decimal;
  /** What the driver pays, VAT included, in cents. */
  gross: Decimal;
  /** net minus cpo_cost. */
  margin: Decimal;
  energy_kwh: Decimal;
  /** The CDR's end_date_time: the date reports and billing runs select by. */
  session_end: Date;
  created_at: CreatedAt;
}

/** The eMSP's re-pricing of a received CDR with the tariff it carries (docs/TARIFFS.md, re-pricing flag). */
export interface CdrRepricing {
  outcome: 'MATCHED' | 'FLAGGED' | 'NOT_CHECKED';
  /** Why the CDR could not be re-priced (NOT_CHECKED). */
  reason?: string;
  tariff_id?: string;
  time_zone?: string;
  /** total_cost as the CPO stated it and as the tariff gives it. */
  stated_total_cost: { excl_vat: number; incl_vat?: number };
  repriced_total_cost?: { excl_vat: number; incl_vat: number };
  /** Each cost that differs by more than 0.01 in the CDR's currency. */
  differences: Array<{ field: string; stated: number; repriced: number }>;
}

/**
 * The columns migration 0010 adds to `emsp_cdr` (its other columns: session-tables.ts). `Tables`
 * is an intersection, so the two declarations merge into one table type.
 */
export interface EmspCdrRepricingColumns {
  repricing_flagged: ColumnType<boolean, boolean | undefined, boolean>;
  repricing: ColumnType<CdrRepricing | null, string | null | undefined, string | null>;
}

export interface RetailTables {
  retail_plan: RetailPlanTable;
  retail_line: RetailLineTable;
  emsp_cdr: EmspCdrRepricingColumns;
}
