import type { Cdr, IssuedCdr, ReceivedCdr, ReceivedSession, Session } from '../../api/types';

/** Rows a list page shows at once. */
export const PAGE_SIZE = 50;

/** A session as both roles list it: a CPO's own sessions and those an eMSP received look alike here. */
export interface SessionRow {
  session: Session;
  /** The other side: the eMSP of the token (CPO view) or the CPO (eMSP view). */
  counterpart: string;
}

export interface CdrRow {
  cdr: Cdr;
  counterpart: string;
  /** Issued (CPO) or received (eMSP). */
  recordedAt: string | null;
  flagged: boolean;
}

export const fromCpoSession = (session: Session): SessionRow => ({ session, counterpart: `${session.cdr_token.country_code}-${session.cdr_token.party_id}` });
export const fromReceivedSession = (row: ReceivedSession): SessionRow => ({ session: row.session, counterpart: `${row.session.country_code}-${row.session.party_id}` });
export const fromIssuedCdr = (row: IssuedCdr): CdrRow => ({ cdr: row.cdr, counterpart: `${row.cdr.cdr_token.country_code}-${row.cdr.cdr_token.party_id}`, recordedAt: null, flagged: false });
export const fromReceivedCdr = (row: ReceivedCdr): CdrRow => ({ cdr: row.cdr, counterpart: `${row.cdr.country_code}-${row.cdr.party_id}`, recordedAt: row.received_at, flagged: row.repricing_flagged });
