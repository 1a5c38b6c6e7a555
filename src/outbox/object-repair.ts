import { OcpiStatus } from '../ocpi/status-codes.js';
import type { OutboxRow } from './outbox-repository.js';

/** What replaces a message the partner could not apply: a PUT of the whole object as it is now. */
export interface ReplacementPut {
  kind: string;
  path: string[];
  query?: Record<string, string>;
  body: unknown;
}

/**
 * Supplies the replacement for a message of one kind (a Session PATCH, an EVSE PATCH, …); the
 * module that owns the object registers it. Null when the object is gone.
 */
export type RepairHook = (message: OutboxRow) => Promise<ReplacementPut | null>;

/**
 * Whether a partner's refusal says it does not hold the object a message addresses: HTTP 404 with
 * an OCPI client-error envelope (the 2.2.1 receiver interfaces answer 404 for an object they do not
 * have; a 404 without an envelope is a missing endpoint), or Unknown Location / Unknown Token at any
 * HTTP status, as receivers that answer 200 + 2003 send it. OCPI 2.2.1 "Transport and format": when
 * a PATCH fails, the sender should PUT the object.
 */
export function isUnknownObject(ocpiStatus: number, httpStatus: number): boolean {
  if (ocpiStatus === OcpiStatus.UnknownLocation || ocpiStatus === OcpiStatus.UnknownToken) return true;
  return httpStatus === 404 && ocpiStatus >= 2000 && ocpiStatus < 3000;
}
