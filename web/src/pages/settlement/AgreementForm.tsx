import { useState } from 'preact/hooks';
import type { AgreementChanges, SettlementAgreement } from '../../api/types';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { useAction } from '../../lib/use-action';

type Draft = Record<'invoicing' | 'period' | 'currency' | 'price_basis' | 'hub_fee_per_session' | 'transaction_fee_percent' | 'payment_terms_days' | 'cutoff_days' | 'wholesale_time_zone' | 'wholesale_tariff', string>;

function draftOf(a: SettlementAgreement): Draft {
  return {
    invoicing: a.invoicing,
    period: a.period,
    currency: a.currency,
    price_basis: a.price_basis,
    hub_fee_per_session: String(a.hub_fee_per_session),
    transaction_fee_percent: String(a.transaction_fee_percent),
    payment_terms_days: String(a.payment_terms_days),
    cutoff_days: String(a.cutoff_days),
    wholesale_time_zone: a.wholesale_time_zone ?? '',
    wholesale_tariff: a.wholesale_tariff ? JSON.stringify(a.wholesale_tariff, null, 2) : '',
  };
}

/**
 * The agreement's terms as the API takes them. Limits are the API's to enforce: its 400 names the
 * field, which the form shows. The wholesale price list is an OCPI Tariff as JSON.
 */
function changesOf(draft: Draft): AgreementChanges {
  const changes: AgreementChanges = {
    invoicing: draft.invoicing as SettlementAgreement['invoicing'],
    period: draft.period as SettlementAgreement['period'],
    currency: draft.currency.trim().toUpperCase(),
    price_basis: draft.price_basis as SettlementAgreement['price_basis'],
    hub_fee_per_session: Number(draft.hub_fee_per_session),
    transaction_fee_percent: Number(draft.transaction_fee_percent),
    payment_terms_days: Number(draft.payment_terms_days),
    cutoff_days: Number(draft.cutoff_days),
  };
  if (draft.wholesale_time_zone.trim()) changes.wholesale_time_zone = draft.wholesale_time_zone.trim();
  if (draft.wholesale_tariff.trim()) {
    try {
      changes.wholesale_tariff = JSON.parse(draft.wholesale_tariff);
    } catch {
      throw new Error('The wholesale price list is not JSON: paste an OCPI Tariff object');
    }
  }
  return changes;
}

export function AgreementForm({ agreement, onSave, onCancel }: { agreement: SettlementAgreement; onSave: (changes: AgreementChanges) => Promise<unknown>; onCancel: () => void }) {
  const [draft, setDraft] = useState(() => draftOf(agreement));
  const save = useAction(() => onSave(changesOf(draft)));
  const set = (field: keyof Draft) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: e.currentTarget.value });
  const number = (field: keyof Draft, label: string, step: string) => (
    <Field label={label}>
      <input type="number" step={step} value={draft[field]} onInput={set(field)} required data-testid={`agreement-${field.replace(/_/g, '-')}`} />
    </Field>
  );
  return (
    <form
      class="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
      data-testid="agreement-form"
    >
      <div class="form-row">
        <Field label="Who invoices">
          <select value={draft.invoicing} onChange={set('invoicing')} data-testid="agreement-invoicing">
            <option value="CPO_INVOICES">The CPO invoices</option>
            <option value="SELF_BILLING">Self-billing (the eMSP)</option>
          </select>
        </Field>
        <Field label="Period">
          <select value={draft.period} onChange={set('period')} data-testid="agreement-period">
            <option value="MONTHLY">Monthly</option>
            <option value="WEEKLY">Weekly</option>
          </select>
        </Field>
        <Field label="Currency">
          <input value={draft.currency} onInput={set('currency')} size={4} required data-testid="agreement-currency" />
        </Field>
        <Field label="Price basis">
          <select value={draft.price_basis} onChange={set('price_basis')} data-testid="agreement-price-basis">
            <option value="CPO_TARIFFS">The CPO's tariffs</option>
            <option value="WHOLESALE">A wholesale price list</option>
          </select>
        </Field>
      </div>
      <div class="form-row">
        {number('hub_fee_per_session', 'Hub fee per session', '0.0001')}
        {number('transaction_fee_percent', 'Transaction fee %', '0.01')}
        {number('payment_terms_days', 'Payment terms (days)', '1')}
        {number('cutoff_days', 'Cut-off (days after the period)', '1')}
      </div>
      {draft.price_basis === 'WHOLESALE' && (
        <>
          <Field label="Wholesale time zone (IANA, for tariffs restricted by time or weekday)">
            <input value={draft.wholesale_time_zone} onInput={set('wholesale_time_zone')} placeholder="Europe/Amsterdam" data-testid="agreement-wholesale-time-zone" />
          </Field>
          <Field label="Wholesale price list (OCPI Tariff, JSON)">
            <textarea rows={6} class="mono" value={draft.wholesale_tariff} onInput={set('wholesale_tariff')} data-testid="agreement-wholesale-tariff" />
          </Field>
        </>
      )}
      <ErrorNotice error={save.error} testid="agreement-error" />
      <div class="row">
        <button type="submit" class="btn primary" disabled={save.busy} data-testid="agreement-save">
          {save.busy ? 'Saving…' : 'Save agreement'}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
