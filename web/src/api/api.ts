import type { ApiClient, Download } from './client';
import type {
  AgreementChanges,
  AuthorizationDecision,
  BacklogRow,
  BlockReason,
  Bucket,
  Charger,
  ChargerMessage,
  ChargerTransaction,
  Dispute,
  DisputeAction,
  DisputeStatus,
  Finding,
  FindingStatus,
  HubAgreement,
  HubClient,
  HubMessage,
  HubMessageQuery,
  Invitation,
  IssuedCdr,
  KpiReport,
  KpiSeries,
  Location,
  OutboxMessage,
  PartnerComparison,
  PartnerToken,
  Peer,
  PeerCheck,
  PullReport,
  ReceivedCdr,
  ReceivedSession,
  ReconciliationRun,
  RevenueReport,
  ServiceInfo,
  Session,
  SessionTrace,
  SettlementAgreement,
  Statement,
  StatementStatus,
  Token,
  TokenAuthorization,
} from './types';

const seg = encodeURIComponent;
const party = (p: string) => `/parties/${seg(p)}`;

/** Which page of a searchable list: `q` is matched by the API (part of an id, without case). */
export interface ListQuery {
  q?: string;
  offset: number;
  limit: number;
}

/** Every admin API call the console makes, one method each, named after what it gets or does. */
export class Api {
  constructor(private readonly client: ApiClient) {}

  service = () => this.client.get<ServiceInfo>('/service');

  // Overview
  kpis = (query: { from: string; to: string; party?: string }) => this.client.get<KpiReport>('/kpis', query);
  kpiSeries = (query: { from: string; to: string; bucket: Bucket; party?: string }) => this.client.get<KpiSeries>('/kpis/series', query);

  // Partners and deliveries
  peers = () => this.client.get<Peer[]>('/peers');
  invite = (p: string) => this.client.post<Invitation>('/peers/invitations', { party: p });
  register = (p: string, versionsUrl: string, token: string) => this.client.post<Peer>('/peers/registrations', { party: p, versions_url: versionsUrl, token });
  checkPeer = (id: string) => this.client.post<PeerCheck>(`/peers/${seg(id)}/check`);
  pull = (id: string, module: string) => this.client.post<PullReport>(`/peers/${seg(id)}/pull`, { module, mode: 'delta' });
  unregister = (id: string) => this.client.delete<Peer>(`/peers/${seg(id)}`);
  backlog = () => this.client.get<BacklogRow[]>('/outbox/backlog');
  deadLetters = (peerId: string) => this.client.get<OutboxMessage[]>('/outbox', { status: 'DEAD', peer: peerId, limit: 100 });
  retry = (target: { id: string } | { peer: string }) => this.client.post<{ retried: number }>('/outbox/retry', target);

  // CPO: locations, chargers, card check
  locations = (p: string) => this.client.get<Location[]>(`${party(p)}/locations`, { limit: 1000 });
  chargers = (p: string) => this.client.get<Charger[]>(`${party(p)}/chargers`);
  chargerMessages = (p: string, id: string) => this.client.get<{ messages: ChargerMessage[] }>(`${party(p)}/chargers/${seg(id)}/messages`, { limit: 50 });
  chargerTransactions = (p: string, id: string) => this.client.get<ChargerTransaction[]>(`${party(p)}/chargers/${seg(id)}/transactions`);
  authorize = (p: string, body: { uid: string; type: string; location_id?: string }) => this.client.post<AuthorizationDecision>(`${party(p)}/authorize`, body);
  partnerTokens = (p: string, query: ListQuery) => this.client.page<PartnerToken>(`${party(p)}/partner-tokens`, { ...query });

  // eMSP: tokens
  tokens = (p: string, query: ListQuery & { valid?: boolean }) => this.client.page<Token>(`${party(p)}/tokens`, { ...query });
  block = (p: string, token: Token, reason: BlockReason) => this.client.post<Token>(`${party(p)}/tokens/${seg(token.uid)}/block?type=${seg(token.type)}`, { reason });
  unblock = (p: string, token: Token) => this.client.post<Token>(`${party(p)}/tokens/${seg(token.uid)}/unblock?type=${seg(token.type)}`);
  tokenAuthorizations = (p: string, token: Token) =>
    this.client.get<{ authorizations: TokenAuthorization[] }>(`${party(p)}/tokens/${seg(token.uid)}/authorizations`, { type: token.type });

  // Sessions and CDRs, per role
  cpoSessions = (p: string, query: ListQuery) => this.client.page<Session>(`${party(p)}/sessions`, { ...query });
  cpoCdrs = (p: string, query: ListQuery) => this.client.page<IssuedCdr>(`${party(p)}/cdrs`, { ...query });
  receivedSessions = (p: string, query: ListQuery) => this.client.page<ReceivedSession>(`${party(p)}/received/sessions`, { ...query });
  receivedCdrs = (p: string, query: ListQuery) => this.client.page<ReceivedCdr>(`${party(p)}/received/cdrs`, { ...query });
  trace = (p: string, sessionId: string) => this.client.get<SessionTrace>(`/trace/sessions/${seg(sessionId)}`, { party: p });

  // Reconciliation
  findings = (query: { status: FindingStatus; party?: string }) => this.client.get<Finding[]>('/reconciliation/findings', query);
  runReconciliation = () => this.client.post<ReconciliationRun>('/reconciliation/runs');
  closeFinding = (id: string, action: 'resolve' | 'ignore', reason: string) => this.client.post<Finding>(`/reconciliation/findings/${seg(id)}/${action}`, { reason });

  // Agreements and revenue
  agreement = (p: string, counterpart: string) => this.client.get<SettlementAgreement>(`/settlement/agreements/${seg(p)}/${seg(counterpart)}`);
  saveAgreement = (p: string, counterpart: string, changes: AgreementChanges) => this.client.put<SettlementAgreement>(`/settlement/agreements/${seg(p)}/${seg(counterpart)}`, changes);
  revenue = (query: { party: string; role?: 'CPO' | 'EMSP'; from: string; to: string }) => this.client.get<RevenueReport>('/settlement/revenue', query);

  // Hub
  hubAgreements = (p: string) => this.client.get<HubAgreement[]>(`${party(p)}/hub/agreements`);
  addHubAgreement = (p: string, emsp: string, cpo: string) => this.client.post<HubAgreement>(`${party(p)}/hub/agreements`, { emsp, cpo });
  removeHubAgreement = (p: string, emsp: string, cpo: string) => this.client.delete<unknown>(`${party(p)}/hub/agreements/${seg(emsp)}/${seg(cpo)}`);
  hubClients = (p: string) => this.client.get<HubClient[]>(`${party(p)}/hub/clients`);
  hubMessages = (p: string, query: HubMessageQuery) => this.client.get<HubMessage[]>(`${party(p)}/hub/messages`, { ...query });

  // Statements
  statements = (query: { party?: string; status?: StatementStatus }) => this.client.get<Statement[]>('/settlement/statements', query);
  statement = (id: string) => this.client.get<Statement>(`/settlement/statements/${seg(id)}`);
  buildStatement = (p: string, counterpart: string, period: string) => this.client.post<Statement>('/settlement/statements', { party: p, counterpart, period });
  issueStatement = (id: string) => this.client.post<Statement>(`/settlement/statements/${seg(id)}/issue`);
  settleStatement = (id: string) => this.client.post<Statement>(`/settlement/statements/${seg(id)}/settle`);
  statementCsv = (id: string): Promise<Download> => this.client.download(`/settlement/statements/${seg(id)}/csv`, `statement-${id}.csv`);
  comparePartnerStatement = (id: string, csv: string) => this.client.post<PartnerComparison>(`/settlement/statements/${seg(id)}/partner-statement`, { csv });

  // Disputes
  disputes = (query: { party?: string; status?: DisputeStatus }) => this.client.get<Dispute[]>('/settlement/disputes', query);
  dispute = (id: string) => this.client.get<Dispute>(`/settlement/disputes/${seg(id)}`);
  openDispute = (body: { party: string; counterpart: string; cdr_id: string; reason: string; amount_claimed?: number; note?: string }) => this.client.post<Dispute>('/settlement/disputes', body);
  closeDispute = (id: string, action: DisputeAction, note: string) => this.client.post<Dispute>(`/settlement/disputes/${seg(id)}/${action}`, note ? { note } : {});
}
