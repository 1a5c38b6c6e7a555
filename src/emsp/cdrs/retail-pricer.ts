import type { PartyRef } from '../../ocpi/headers.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';

/** The CDR as the eMSP stored it. */
export interface AcceptedCdr {
  local: PartyRef;
  seq: string;
  cdr: CDR;
  /** For a credit CDR: the `seq` of the CDR it credits. */
  creditsSeq: string | null;
}

/** Writes what an accepted CDR costs the driver, inside the transaction that accepts it. */
export type RetailRecorder = (trx: Database, accepted: AcceptedCdr) => Promise<void>;

/**
 * The port through which the eMSP's CDR receiver prices each CDR it accepts for the driver
 * (implemented by `emsp/retail`), so the CDR module knows nothing of retail plans or their tables.
 * `prepare` reads what other modules know (the driver's token) before the CDR's transaction:
 * on PGlite that transaction holds the only connection.
 */
export interface RetailPricer {
  prepare(local: PartyRef, cdr: CDR): Promise<RetailRecorder>;
}
