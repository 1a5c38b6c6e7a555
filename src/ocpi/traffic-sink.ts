import type { PartyRef } from './headers.js';

/** One OCPI request this process received (`in`) or sent (`out`), as the transport saw it. */
export interface OcpiExchange {
  direction: 'in' | 'out';
  startedAt: Date;
  method: string;
  /** `in`: path and query as received; `out`: the URL called. */
  url: string;
  /** Null when no answer came (timeout, connection refused). */
  httpStatus: number | null;
  /** The answer's envelope `status_code`; null when the answer was not an envelope. */
  ocpiStatus: number | null;
  requestId: string;
  correlationId: string;
  from: PartyRef | null;
  to: PartyRef | null;
  /** The parsed request body, if any: some requests name their object only there (a CDR POST). */
  body: unknown;
  latencyMs: number;
  /** Why the request failed or was refused, when it did. */
  error: string | null;
}

/**
 * Where the transport and the client report every exchange. `record` is called on the request's
 * path and must return at once: whoever stores the exchanges does so in the background.
 */
export interface OcpiTrafficSink {
  record(exchange: OcpiExchange): void;
}
