import type { Agreement } from '../../api/types';
import { formatMoney } from '../../lib/format';

const words = (value: string) => value.replace(/_/g, ' ').toLowerCase();

/** The terms of an agreement as the console lists them, for the agreement card and a statement's frozen copy. */
export function agreementRows(agreement: Agreement, cutoffNote?: string): Array<[string, string]> {
  return [
    ['Invoicing', words(agreement.invoicing)],
    ['Period', words(agreement.period)],
    ['Currency', agreement.currency],
    ['Price basis', words(agreement.price_basis)],
    ['Hub fee per session', formatMoney(agreement.hub_fee_per_session, agreement.currency)],
    ['Transaction fee', `${agreement.transaction_fee_percent} %`],
    ['Payment terms', `${agreement.payment_terms_days} days`],
    ['Cut-off', `${agreement.cutoff_days} days after the period${cutoffNote ? ` (${cutoffNote})` : ''}`],
  ];
}
