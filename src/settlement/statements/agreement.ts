import { Type, type Static } from '@sinclair/typebox';
import { IANAZone } from 'luxon';
import { ApiError } from '../../api/api-error.js';
import { Tariff } from '../../ocpi/types/tariffs.js';
import type { Invoicing, PriceBasis, SettlementPeriod } from '../../store/tables/settlement-tables.js';
import { readsLocalClock } from '../../tariff/index.js';

/** What an operator sets for one partner; every field has a default (docs/SETTLEMENT.md, "Agreements"). */
export const AgreementInput = Type.Object(
  {
    invoicing: Type.Optional(Type.Union([Type.Literal('CPO_INVOICES'), Type.Literal('SELF_BILLING')])),
    period: Type.Optional(Type.Union([Type.Literal('MONTHLY'), Type.Literal('WEEKLY')])),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    price_basis: Type.Optional(Type.Union([Type.Literal('CPO_TARIFFS'), Type.Literal('WHOLESALE')])),
    wholesale_tariff: Type.Optional(Tariff),
    wholesale_time_zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
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
  /** The wholesale price list (price basis WHOLESALE); kept, unused, under CPO_TARIFFS. */
  wholesale_tariff: Tariff | null;
  /** The clock the wholesale tariff's time, date and weekday restrictions read. */
  wholesale_time_zone: string | null;
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
  wholesale_tariff: null,
  wholesale_time_zone: null,
  hub_fee_per_session: 0,
  transaction_fee_percent: 0,
  payment_terms_days: 30,
  cutoff_days: 5,
};

/**
 * The rules across fields of an agreement about to be stored. A wholesale price list is in the
 * agreement's currency; one whose elements read the local clock names that clock, because a
 * CdrLocation carries no time zone (ocpi/ocpi#517) and both parties must price alike.
 */
export function assertAgreement(agreement: Agreement): void {
  const tariff = agreement.wholesale_tariff;
  if (agreement.price_basis === 'WHOLESALE' && tariff === null) {
    throw new ApiError(400, 'Invalid field wholesale_tariff: price basis WHOLESALE needs the wholesale price list, as an OCPI tariff', 'wholesale_tariff');
  }
  if (tariff !== null && tariff.currency !== agreement.currency) {
    throw new ApiError(400, `Invalid field wholesale_tariff.currency: the agreement settles in ${agreement.currency}, the tariff is in ${tariff.currency}`, 'wholesale_tariff.currency');
  }
  const zone = agreement.wholesale_time_zone;
  if (zone !== null && !IANAZone.isValidZone(zone)) throw new ApiError(400, `Invalid field wholesale_time_zone: "${zone}" is not an IANA time zone (e.g. Europe/Amsterdam)`, 'wholesale_time_zone');
  if (tariff !== null && zone === null && readsLocalClock(tariff)) {
    throw new ApiError(400, 'Invalid field wholesale_time_zone: the wholesale tariff restricts by time, date or weekday; name the IANA time zone it reads', 'wholesale_time_zone');
  }
}
