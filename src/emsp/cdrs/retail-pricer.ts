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
  /** The driver group of the CDR's token (upper case), null without one. */
  tokenGroup: string | null;
}

/**
 * The port through which the eMSP's CDR receiver prices each CDR it accepts for the driver
 * (implemented by `emsp/retail`), so the CDR module knows nothing of retail plans or their tables.
 * `record` runs inside the transaction that accepts the CDR.
 */
export interface RetailPricer {
  record(trx: Database, accepted: AcceptedCdr): Promise<void>;
}
