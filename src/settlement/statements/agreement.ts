import { Type, type Static } from '@sinclair/typebox';
import type { Invoicing, PriceBasis, SettlementPeriod } from '../../store/tables/settlement-tables.js';

/** What an operator sets for one partner; every field has a default (docs/SETTLEMENT.md, "Agreements"). */
export const AgreementInput = Type.Object(
  {
    invoicing: Type.Optional(Type.Union([Type.Literal('CPO_INVOICES'), Type.Literal('SELF_BILLING')])),
    period: Type.Optional(Type.Union([Type.Literal('MONTHLY'), Type.Literal('WEEKLY')])),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    price_basis: Type.Optional(Type.Union([Type.Literal('CPO_TARIFFS'), Type.Literal('WHOLESALE')])),
    hub_fee_per_session: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    transaction_fee_percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    payment_terms_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    cutoff_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  },
  { additionalProperties: false },
);
export type AgreementInput = Static<typeof AgreementInput>;

/** An agreement as statements read it. */
export interface Agreement {
  invoicing: Invoicing;
  period: SettlementPeriod;
  currency: string;
  price_basis: PriceBasis;
  hub_fee_per_session: number;
  transaction_fee_percent: number;
  payment_terms_days: number;
  cutoff_days: number;
}

/**
 * Without an agreement: the CPO invoices monthly in EUR at its tariffs, no fees, 30 days to pay,
 * and CDRs recorded up to 5 days after the month still count for it (roaming-domain.md §2.3:
 * hubs and clearing houses process a month's CDRs in the days after it).
 */
export const DEFAULT_AGREEMENT: Agreement = {
  invoicing: 'CPO_INVOICES',
  period: 'MONTHLY',
  currency: 'EUR',
  price_basis: 'CPO_TARIFFS',
  hub_fee_per_session: 0,
  transaction_fee_percent: 0,
  payment_terms_days: 30,
  cutoff_days: 5,
};
