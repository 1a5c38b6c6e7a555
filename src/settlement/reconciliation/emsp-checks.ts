import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Session } from '../../ocpi/types/sessions.js';
import { Money, moneyText } from '../money.js';
import type { CdrPuller, EmspCdrFacts, EmspSessionFacts, EmspTokenFacts, FactWindow, ReceivedSession, RefusedCdr } from '../settlement-ports.js';
import type { CheckResult } from './cpo-checks.js';
import { EMSP_FINDING_TYPES, partyOf, type DetectedFinding, type FindingType } from './finding.js';
import { cdrImplausibilities, isValueProblem, sessionImplausibilities } from './implausible.js';
import type { Thresholds } from './thresholds.js';

export interface EmspPorts {
  sessions: EmspSessionFacts;
  cdrs: EmspCdrFacts;
  tokens: EmspTokenFacts;
  puller: CdrPuller;
}

/** Scans read this many sessions or CDRs at a time, so memory stays flat whatever the volume. */
const SCAN_PAGE = 1000;

/** Everything the eMSP role can lose money on, in `window` as seen at `now` (docs/SETTLEMENT.md). */
export async function emspChecks(ports: EmspPorts, window: FactWindow, now: Date, thresholds: Thresholds): Promise<CheckResult> {
  const findings: DetectedFinding[] = [];
  const skipped: string[] = [];
  const refusedCdrs = await ports.cdrs.refused(window);
  findings.push(...(await sessionsWithoutCdr(ports, window, now, thresholds, refusedCdrs, skipped)));

  for (const { local, cdr, received_at } of await ports.cdrs.withoutSession(window)) {
    if (now.getTime() - received_at.getTime() < thresholds.emspSessionAfterCdrMs) continue;
    findings.push(cdrFinding('cdr_without_session', local, cdr, received_at, moneyText(cdr.total_cost.excl_vat), { session_id: cdr.session_id ?? null }));
  }
  for (const duplicate of await ports.cdrs.duplicates(window)) {
    const { local, cdr, received_at } = duplicate;
    findings.push(cdrFinding('duplicate_cdr', local, cdr, received_at, moneyText(cdr.total_cost.excl_vat), { original_cdr_id: duplicate.original_cdr_id }));
  }
  for (const mispriced of await ports.cdrs.mispriced(window)) {
    const { local, cdr, received_at } = mispriced;
    const amount = new Money(cdr.total_cost.excl_vat).minus(mispriced.repriced_total_cost).abs();
    findings.push(cdrFinding('price_mismatch', local, cdr, received_at, moneyText(amount), { repriced_total_cost: mispriced.repriced_total_cost, differences: mispriced.differences }));
  }
  for (const refused of refusedCdrs) {
    const { local, cdr, problems } = refused;
    const type: FindingType = problems.some((p) => isValueProblem(p.field)) ? 'implausible_values' : 'cdr_refused';
    findings.push(cdrFinding(type, local, cdr, refused.last_received_at, moneyText(new Money(cdr.total_cost.excl_vat).abs()), { accepted: false, problems, attempts: refused.attempts }));
  }
  await scan((after) => ports.cdrs.receivedIn(window, after, SCAN_PAGE), ({ local, cdr, received_at }) => {
    const found = cdrImplausibilities(cdr, now, thresholds.futureSkewMs);
    if (found.length > 0) findings.push(cdrFinding('implausible_values', local, cdr, received_at, moneyText(new Money(cdr.total_cost.excl_vat).abs()), { accepted: true, problems: found }));
  });
  await scan(
    (after) => ports.sessions.startedIn(window, after, SCAN_PAGE),
    (received) => {
      const found = sessionImplausibilities(received.session, now, thresholds.futureSkewMs);
      if (found.length > 0) findings.push(sessionFinding('implausible_values', received, new Date(received.session.start_date_time), { problems: found }));
    },
    async (page) => findings.push(...(await tokenFindings(ports.tokens, page))),
  );
  return {
    findings,
    checked: EMSP_FINDING_TYPES.map((type) => `EMSP/${type}` as const),
    skipped,
  };
}

/**
 * Completed sessions past the threshold without a CDR. Before any is reported, the CDR list of
 * each CPO concerned is pulled again: a CDR lost on the way is recovered, not reported. A session
 * whose CDR came and was refused is the refusal's finding, not counted twice.
 */
async function sessionsWithoutCdr(ports: EmspPorts, window: FactWindow, now: Date, thresholds: Thresholds, refused: readonly RefusedCdr[], skipped: string[]): Promise<DetectedFinding[]> {
  const refusedSessions = new Set(refused.map(({ local, cdr }) => sessionKey(local, partyOf(cdr), cdr.session_id ?? '')));
  const overdue = async () =>
    (await ports.sessions.completedWithoutCdr(window)).filter(
      (r) => now.getTime() - Date.parse(r.session.end_date_time!) >= thresholds.emspCdrAfterSessionMs && !refusedSessions.has(sessionKey(r.local, partyOf(r.session), r.session.id)),
    );
  const candidates = await overdue();
  if (candidates.length === 0) return [];
  const pulls = new Map<string, Record<string, unknown>>();
  for (const peerId of new Set(candidates.map((c) => c.peer_id))) {
    const at = new Date().toISOString();
    try {
      const report = await ports.puller.pullCdrs(peerId);
      pulls.set(peerId, { peer_id: peerId, at, received: report.received, refused: report.refused });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      pulls.set(peerId, { peer_id: peerId, at, failed: reason });
      skipped.push(`pull of CDRs from partner ${peerId} failed: ${reason}`);
    }
  }
  return (await overdue()).map((received) => sessionFinding('session_without_cdr', received, new Date(received.session.end_date_time!), { pull: pulls.get(received.peer_id) ?? null }));
}

/**
 * The token at session start: unknown to us, or already blocked (blocked before the session
 * started and unchanged since). A refusal of ours in real time never reaches a session: the
 * authorization_reference is only given with ALLOWED (emsp/tokens/token-authorizer.ts).
 */
async function tokenFindings(tokens: EmspTokenFacts, page: readonly ReceivedSession[]): Promise<DetectedFinding[]> {
  const findings: DetectedFinding[] = [];
  const byParty = new Map<string, ReceivedSession[]>();
  for (const r of page) byParty.set(formatParty(r.local), [...(byParty.get(formatParty(r.local)) ?? []), r]);
  for (const received of byParty.values()) {
    const local = received[0]!.local;
    const states = await tokens.tokenStates(local, received.map((r) => ({ uid: r.session.cdr_token.uid, type: r.session.cdr_token.type })));
    const stateOf = new Map(states.map((s) => [`${s.type}/${s.uid}`, s]));
    for (const r of received) {
      const { session } = r;
      const start = new Date(session.start_date_time);
      const state = stateOf.get(`${session.cdr_token.type}/${session.cdr_token.uid}`);
      let why: Record<string, unknown> | null = null;
      if (!state) why = { reason: 'unknown', token: session.cdr_token };
      else if (!state.valid && state.last_updated <= start) why = { reason: 'blocked', token: session.cdr_token, block_reason: state.block_reason, blocked_since: state.last_updated.toISOString() };
      if (why) findings.push(sessionFinding('token_not_valid', r, start, { auth_method: session.auth_method, ...why }));
    }
  }
  return findings;
}

function sessionKey(local: PartyRef, cpo: PartyRef, sessionId: string): string {
  return `${formatParty(local)}/${formatParty(cpo)}/${sessionId}`.toUpperCase();
}

function sessionFinding(type: FindingType, { local, session }: { local: PartyRef; session: Session }, occurredAt: Date, evidence: Record<string, unknown>): DetectedFinding {
  return {
    type,
    role: 'EMSP',
    party: local,
    counterpart: partyOf(session),
    session_id: session.id,
    cdr_id: null,
    amount_at_risk: moneyText(new Money(session.total_cost?.excl_vat ?? 0).abs()),
    currency: session.currency,
    occurred_at: occurredAt,
    evidence: { status: session.status, start_date_time: session.start_date_time, end_date_time: session.end_date_time ?? null, kwh: session.kwh, total_cost: session.total_cost ?? null, ...evidence },
  };
}

function cdrFinding(type: FindingType, local: PartyRef, cdr: CDR, occurredAt: Date, amount: string, evidence: Record<string, unknown>): DetectedFinding {
  return {
    type,
    role: 'EMSP',
    party: local,
    counterpart: partyOf(cdr),
    session_id: cdr.session_id ?? null,
    cdr_id: cdr.id,
    amount_at_risk: amount,
    currency: cdr.currency,
    occurred_at: occurredAt,
    evidence: { start_date_time: cdr.start_date_time, end_date_time: cdr.end_date_time, total_energy: cdr.total_energy, total_cost: cdr.total_cost, ...evidence },
  };
}

/** Reads pages keyed by `seq` until one comes back short, handing each item, then each page, on. */
async function scan<T extends { seq: string }>(read: (after: string | null) => Promise<T[]>, each: (item: T) => void, perPage?: (page: T[]) => Promise<unknown>): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const page = await read(after);
    page.forEach(each);
    if (perPage && page.length > 0) await perPage(page);
    if (page.length < SCAN_PAGE) return;
    after = page.at(-1)!.seq;
  }
}
