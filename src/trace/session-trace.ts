import { ApiError } from '../api/api-error.js';
import { formatParty, type PartyRef } from '../ocpi/headers.js';
import type { CDR } from '../ocpi/types/cdrs.js';
import type { Session } from '../ocpi/types/sessions.js';
import type { HostedParties, HostedParty } from '../peers/hosted-parties.js';

/** What a trace looks for beyond the session: its id and, once there is one, its CDR's. */
export interface TraceSubject {
  sessionId: string;
  cdrId: string | null;
}

export interface StatementLineRef {
  statement_id: string;
  period: string;
  /** The statement's status: DRAFT, ISSUED or SETTLED. */
  state: string;
  /** The line's total including VAT, in `currency`. */
  amount: number;
  currency: string;
  cdr_id: string;
  disputed: boolean;
}

/** Everything a trace reads, each from the module that owns it (wired in `src/server/modules.ts`). */
export interface TracePorts {
  hosted: HostedParties;
  cpo: {
    session(party: PartyRef, id: string): Promise<Session | null>;
    cdr(party: PartyRef, sessionId: string): Promise<CDR | null>;
    /** The OCPP frames of the transaction behind the session, oldest first. */
    chargerMessages(party: PartyRef, sessionId: string): Promise<unknown[]>;
  };
  emsp: {
    session(local: PartyRef, id: string): Promise<Session | null>;
    cdr(local: PartyRef, cpo: PartyRef, sessionId: string): Promise<CDR | null>;
  };
  /** OCPI requests to or from `party` about these objects, oldest first. */
  ocpiTraffic(party: PartyRef, objectIds: string[]): Promise<unknown[]>;
  findings(party: PartyRef, about: TraceSubject): Promise<unknown[]>;
  statementLines(party: PartyRef, about: TraceSubject): Promise<StatementLineRef[]>;
  disputes(party: PartyRef, about: TraceSubject): Promise<unknown[]>;
}

export interface SessionTraceView {
  party: string;
  role: 'CPO' | 'EMSP';
  session: Session;
  ocpp: unknown[];
  ocpi: unknown[];
  cdr: CDR | null;
  findings: unknown[];
  statement_lines: StatementLineRef[];
  disputes: unknown[];
}

/**
 * One session followed across everything this deployment holds about it, for the support desk:
 * at a CPO the session with the charger's OCPP frames, at an eMSP the session the CPO sent; on
 * both sides the OCPI requests about it and its CDR, the CDR, reconciliation findings, statement
 * lines and disputes.
 */
export class SessionTrace {
  constructor(private readonly ports: TracePorts) {}

  /** Session `id` at `only`, or at the first hosted party that holds it; CPO role first. */
  async trace(id: string, only?: HostedParty): Promise<SessionTraceView> {
    for (const party of only ? [only] : this.ports.hosted.all) {
      if (party.roles.includes('CPO')) {
        const session = await this.ports.cpo.session(party, id);
        if (session) return this.#around(party, 'CPO', session, await this.ports.cpo.cdr(party, session.id));
      }
      if (party.roles.includes('EMSP')) {
        const session = await this.ports.emsp.session(party, id);
        if (session) return this.#around(party, 'EMSP', session, await this.ports.emsp.cdr(party, { countryCode: session.country_code, partyId: session.party_id }, session.id));
      }
    }
    throw new ApiError(404, `No session ${id}${only ? ` at ${formatParty(only)}` : ''}`, 'id');
  }

  async #around(party: HostedParty, role: 'CPO' | 'EMSP', session: Session, cdr: CDR | null): Promise<SessionTraceView> {
    const about: TraceSubject = { sessionId: session.id, cdrId: cdr?.id ?? null };
    const { ports } = this;
    const [ocpp, ocpi, findings, statementLines, disputes] = await Promise.all([
      role === 'CPO' ? ports.cpo.chargerMessages(party, session.id) : Promise.resolve([]),
      ports.ocpiTraffic(party, cdr ? [session.id, cdr.id] : [session.id]),
      ports.findings(party, about),
      ports.statementLines(party, about),
      ports.disputes(party, about),
    ]);
    return { party: formatParty(party).toUpperCase(), role, session, ocpp, ocpi, cdr, findings, statement_lines: statementLines, disputes };
  }
}
