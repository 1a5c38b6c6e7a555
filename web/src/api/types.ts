/**
 * What the admin API answers, as far as the console reads it. Shapes follow the route files in
 * src/ (and docs/dashboard contract for the endpoints added with the console); fields the console
 * does not show are left out.
 */

export type Role = 'CPO' | 'EMSP' | 'HUB';

export interface HostedParty {
  party: string;
  roles: Role[];
  name: string;
}

export interface ServiceInfo {
  version: string;
  public_url: string;
  parties: HostedParty[];
}

// KPIs (GET /api/kpis, /api/kpis/series)

export interface RateFigure {
  value: number | null;
  succeeded: number;
  total: number;
}

export interface DurationFigure {
  average_seconds: number | null;
  p50_seconds: number | null;
  p95_seconds: number | null;
  count: number;
}

export type KpiFigure = RateFigure | DurationFigure;

export interface KpiFigures {
  authorization_success_rate: RateFigure & { by_method: Record<string, RateFigure> };
  cdr_acceptance_rate: RateFigure;
  time_from_session_end_to_cdr: DurationFigure;
  session_success_rate: RateFigure;
  partner_endpoint_availability: RateFigure;
  push_delivery_latency: DurationFigure;
  [kpi: string]: unknown;
}

export interface KpiReport extends KpiFigures {
  period: { from: string; to: string };
  party: string | null;
  by_partner: Record<string, KpiFigures>;
}

export type Bucket = 'day' | 'week' | 'month';

export interface KpiSeries {
  bucket: Bucket;
  points: Array<{ from: string; to: string; figures: KpiFigures }>;
}

// Partners and the outbox

export interface Endpoint {
  identifier: string;
  role: 'SENDER' | 'RECEIVER';
  url: string;
}

export interface Peer {
  id: string;
  local_party: string;
  status: 'INVITED' | 'REGISTERING' | 'REGISTERED' | 'UNREGISTERED';
  parties: Array<{ role: Role; country_code: string; party_id: string; name: string }>;
  version: string | null;
  versions_url: string | null;
  endpoints: Endpoint[];
  created_at: string;
  registered_at: string | null;
  last_contact_at: string | null;
}

export interface Invitation {
  versions_url: string;
  token: string;
}

export interface PeerCheck {
  version: string;
  endpoints: Endpoint[];
  latency_ms: number;
}

export interface PullReport {
  module: string;
  mode: 'full' | 'delta';
  received: number;
  refused: Array<{ index: number; reason: string }>;
  dropped: number;
}

export type OutboxStatus = 'PENDING' | 'IN_FLIGHT' | 'DELIVERED' | 'DEAD';

export interface BacklogRow {
  peer_id: string;
  status: OutboxStatus;
  count: number;
}

export interface OutboxMessage {
  id: number;
  peer_id: string;
  kind: string;
  module: string;
  method: string;
  path: string[];
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  last_http_status: number | null;
  created_at: string;
  next_attempt_at: string;
}

// CPO: locations and chargers

export type EvseStatus = 'AVAILABLE' | 'BLOCKED' | 'CHARGING' | 'INOPERATIVE' | 'OUTOFORDER' | 'PLANNED' | 'REMOVED' | 'RESERVED' | 'UNKNOWN';

export interface Connector {
  id: string;
  standard: string;
  format?: string;
  power_type: string;
  max_electric_power?: number;
  tariff_ids?: string[];
}

export interface Evse {
  uid: string;
  evse_id?: string;
  status: EvseStatus;
  connectors: Connector[];
  last_updated: string;
}

export interface Location {
  id: string;
  country_code?: string;
  party_id?: string;
  name?: string;
  address: string;
  city: string;
  country: string;
  coordinates: { latitude: string; longitude: string };
  evses?: Evse[];
  last_updated: string;
}

export interface Charger {
  id: string;
  party: string;
  location_id: string;
  connectors: Array<{ ocpp: string; evse_uid: string; connector_id: string }>;
  connected: boolean;
  ocpp_version: string | null;
  boot: { model?: string; vendor?: string; version?: string; serialNumber?: string } | null;
  booted_at: string | null;
  last_message_at?: string | null;
  last_boot_at?: string | null;
}

export interface ChargerMessage {
  at: string;
  direction: 'in' | 'out';
  kind: 'CALL' | 'CALLRESULT' | 'CALLERROR';
  action: string;
  message_id: string;
  payload: unknown;
  error: unknown;
}

export interface ChargerTransaction {
  transaction_id: string;
  session_id: string | null;
  status: string;
  id_tag: string;
  verdict: string;
  started_at: string;
  ended_at: string | null;
  last_meter_kwh: number | null;
  flags: string[];
}

// Tokens

export interface Token {
  country_code: string;
  party_id: string;
  uid: string;
  type: string;
  contract_id: string;
  issuer: string;
  valid: boolean;
  whitelist: string;
  last_updated: string;
  block_reason: string | null;
  block_note: string | null;
}

export type BlockReason = 'BLOCKED' | 'EXPIRED' | 'NO_CREDIT';

export interface TokenAuthorization {
  at: string;
  method: 'whitelist' | 'realtime' | 'command' | 'session';
  location_id: string | null;
  result: string;
  counterpart: string | null;
  session_id: string | null;
}

export interface AuthorizationDecision {
  allowed: boolean;
  status: string;
  reason: string;
  method: string;
  token: { contract_id: string; valid: boolean; whitelist: string } | null;
  emsp_party: { country_code: string; party_id: string } | null;
  authorization_reference: string | null;
}

// Sessions and CDRs

export interface Price {
  excl_vat: number;
  incl_vat?: number;
}

export interface CdrToken {
  uid: string;
  type: string;
  contract_id: string;
  country_code: string;
  party_id: string;
}

export interface Session {
  id: string;
  country_code: string;
  party_id: string;
  status: string;
  start_date_time: string;
  end_date_time?: string | null;
  kwh: number;
  cdr_token: CdrToken;
  auth_method: string;
  location_id: string;
  evse_uid: string;
  connector_id: string;
  currency: string;
  total_cost?: Price | null;
  last_updated: string;
}

export interface Cdr {
  id: string;
  country_code: string;
  party_id: string;
  session_id?: string | null;
  start_date_time: string;
  end_date_time: string;
  cdr_token: CdrToken;
  cdr_location: { id: string; name?: string; city: string; country: string; evse_id: string };
  currency: string;
  total_cost: Price;
  total_energy: number;
  total_time: number;
  credit?: boolean;
  credit_reference_id?: string | null;
  last_updated: string;
}

export interface ReceivedSession {
  session: Session;
  update_count: number;
  received_at: string;
  updated_at: string;
}

export interface ReceivedCdr {
  seq: string;
  cdr: Cdr;
  received_at: string;
  repricing_flagged: boolean;
}

export interface IssuedCdr {
  cdr: Cdr;
  location_url: string | null;
}

export interface TrafficEntry {
  id: string;
  at: string;
  direction: 'in' | 'out';
  method: string;
  url: string;
  module: string | null;
  http_status: number | null;
  ocpi_status: number | null;
  request_id: string | null;
  correlation_id: string | null;
  from_party: string | null;
  to_party: string | null;
  object_ids: string[];
  latency_ms: number | null;
  error: string | null;
}

export interface SessionTrace {
  session: Session;
  ocpp: ChargerMessage[];
  ocpi: TrafficEntry[];
  cdr: Cdr | null;
  findings: Finding[];
  /** Lines of statements the session's CDRs (and credits) are on; the amount includes VAT. */
  statement_lines: Array<{ statement_id: string; period: string; state: string; amount: number; currency: string; cdr_id: string; disputed: boolean }>;
  disputes: Dispute[];
}

// Settlement

export type FindingStatus = 'OPEN' | 'RESOLVED' | 'IGNORED';

export interface Finding {
  id: string;
  type: string;
  role: string;
  party: string;
  counterpart: string;
  session_id: string | null;
  cdr_id: string | null;
  amount_at_risk: number;
  currency: string;
  status: FindingStatus;
  evidence: unknown;
  occurred_at: string;
  close_reason: string | null;
  closed_by: string | null;
}

export interface ReconciliationRun {
  seen: number;
  added: number;
  reopened: number;
  resolved: number;
  open: number;
}

export type StatementStatus = 'DRAFT' | 'ISSUED' | 'SETTLED';

export interface StatementTotals {
  lines: number;
  sessions: number;
  gross: string;
  credits: string;
  disputed: string;
  disputed_lines: number;
  fees: string;
  net: string;
  vat_by_country: Record<string, string>;
  total_incl_vat: string;
}

export interface Agreement {
  invoicing: string;
  period: 'MONTHLY' | 'WEEKLY';
  currency: string;
  price_basis: string;
  hub_fee_per_session: number;
  transaction_fee_percent: number;
  payment_terms_days: number;
  cutoff_days: number;
}

export interface StatementLine {
  cdr_id: string;
  session_id: string | null;
  credit: boolean;
  credit_reference_id: string | null;
  start_date_time: string;
  end_date_time: string;
  recorded_at: string;
  country: string | null;
  evse_id: string | null;
  energy_kwh: number;
  currency: string;
  total_excl_vat: number;
  vat: number | null;
  total_incl_vat: number | null;
  late: boolean;
  disputed: boolean;
}

export interface PartnerComparison {
  compared_at: string;
  our_lines: number;
  their_lines: number;
  matched: number;
  agreed: boolean;
  differences: Array<{ kind: string; cdr_id: string; line?: number; ours?: unknown; theirs?: unknown }>;
}

export interface Statement {
  id: string;
  party: string;
  counterpart: string;
  role: Role;
  period: string;
  period_start: string;
  period_end: string;
  cutoff_at: string;
  status: StatementStatus;
  currency: string;
  agreement: Agreement;
  built_at: string;
  issued_at: string | null;
  settled_at: string | null;
  totals: StatementTotals;
  partner_comparison: PartnerComparison | null;
  lines?: StatementLine[];
}

export type DisputeStatus = 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export type DisputeAction = 'accept' | 'reject' | 'withdraw';

export interface Dispute {
  id: string;
  party: string;
  counterpart: string;
  role: Role;
  cdr_id: string | null;
  session_id: string | null;
  finding_id: string | null;
  reason: string;
  amount_claimed: number;
  currency: string;
  status: DisputeStatus;
  credit_cdr_id: string | null;
  opened_at: string;
  closed_at: string | null;
  age_days: number;
  events?: Array<{ action: string; from_status: string | null; to_status: string; note: string | null; at: string }>;
}

/** A partner's settlement agreement (GET/PUT /api/settlement/agreements/:party/:counterpart); `stored` is false for the defaults. */
export interface SettlementAgreement {
  party: string;
  counterpart: string;
  role: Role;
  invoicing: 'CPO_INVOICES' | 'SELF_BILLING';
  period: 'MONTHLY' | 'WEEKLY';
  currency: string;
  price_basis: 'CPO_TARIFFS' | 'WHOLESALE';
  wholesale_tariff: unknown;
  wholesale_time_zone: string | null;
  hub_fee_per_session: number;
  transaction_fee_percent: number;
  payment_terms_days: number;
  cutoff_days: number;
  stored: boolean;
}

export type AgreementChanges = Partial<Omit<SettlementAgreement, 'party' | 'counterpart' | 'stored'>>;

// Revenue (GET /api/settlement/revenue): decimals as text, excl. VAT

export interface CpoRevenue {
  sessions: number;
  gross: string;
  credits: string;
  written_off: string;
  fees: string;
  net: string;
}

export interface EmspRevenue {
  sessions: number;
  retail_revenue: string;
  roaming_cost: string;
  fees: string;
  margin: string;
}

export interface RevenueBreakdown<F> {
  totals: F;
  by_partner: Record<string, F>;
  by_location: Record<string, F>;
  by_period: Record<string, F>;
}

export type RevenueReport =
  | { party: string; role: 'CPO'; period: { from: string; to: string }; currencies: Record<string, RevenueBreakdown<CpoRevenue>> }
  | { party: string; role: 'EMSP'; period: { from: string; to: string }; currencies: Record<string, RevenueBreakdown<EmspRevenue>> };

// Hub (/api/parties/:party/hub/…)

export interface HubAgreement {
  emsp: string;
  cpo: string;
  created_at: string;
}

export type HubConnectionStatus = 'CONNECTED' | 'OFFLINE' | 'PLANNED' | 'SUSPENDED';

export interface HubClient {
  country_code: string;
  party_id: string;
  role: Role;
  status: HubConnectionStatus;
  peer_id: string;
  last_updated: string;
}

export interface HubMessage {
  seq: string;
  kind: 'DIRECT' | 'BROADCAST' | 'BROADCAST_DELIVERY' | 'GET_ALL' | 'PROXY';
  request_id: string;
  forwarded_request_id: string | null;
  correlation_id: string;
  method: string;
  module: string;
  interface_role: string;
  path: string;
  object_id: string | null;
  from_country_code: string;
  from_party_id: string;
  to_country_code: string;
  to_party_id: string;
  http_status: number;
  ocpi_status: number | null;
  latency_ms: number;
  error: string | null;
  created_at: string;
}

export interface HubMessageQuery {
  request_id?: string;
  correlation_id?: string;
  party?: string;
  module?: string;
  object_id?: string;
  outcome?: 'ok' | 'failed';
  limit?: number;
}

/** An eMSP's token as a CPO holds it (GET /api/parties/:party/partner-tokens): the OCPI Token. */
export interface PartnerToken {
  country_code: string;
  party_id: string;
  uid: string;
  type: string;
  contract_id: string;
  visual_number?: string;
  issuer: string;
  valid: boolean;
  whitelist: string;
  last_updated: string;
}
