import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Price } from '../../ocpi/types/common.js';

/** Appended to the credited CDR's id; CDR ids may be 39 characters for exactly this (OCPI 2.2.1 "CDRs", id). */
export const CREDIT_SUFFIX = '-C';
const MAX_CDR_ID = 39;

const COST_FIELDS = ['total_cost', 'total_fixed_cost', 'total_energy_cost', 'total_time_cost', 'total_parking_cost', 'total_reservation_cost'] as const;

/**
 * The credit CDR that cancels `original` (OCPI 2.2.1 "CDRs", credit CDRs): a new id, `credit`
 * true, `credit_reference_id` naming the original, the same session data with every cost negated.
 * Volumes, periods, location and token stay as they were: they describe the same charging.
 */
export function creditCdr(original: CDR, now: Date, remark?: string): CDR {
  if (original.credit) throw OcpiError.invalid(`Invalid field id: ${original.id} is itself a credit CDR`);
  const id = `${original.id}${CREDIT_SUFFIX}`;
  if (id.length > MAX_CDR_ID) throw OcpiError.invalid(`Invalid field id: a credit id for ${original.id} would exceed ${MAX_CDR_ID} characters`);
  const credit: CDR = { ...original, id, credit: true, credit_reference_id: original.id, last_updated: formatOcpiDateTime(now) };
  for (const field of COST_FIELDS) {
    const price = original[field];
    if (price) credit[field] = negate(price);
  }
  delete credit.invoice_reference_id;
  if (remark !== undefined) credit.remark = remark;
  else delete credit.remark;
  return credit;
}

function negate(price: Price): Price {
  return price.incl_vat === undefined ? { excl_vat: -price.excl_vat } : { excl_vat: -price.excl_vat, incl_vat: -price.incl_vat };
}
