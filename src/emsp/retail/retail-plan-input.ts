import { Type, type Static } from '@sinclair/typebox';
import { isRfidUid, normalizeRfidUid } from '../../ids/rfid-uid.js';
import { formatPartyIdentity, parsePartyIdentity } from '../../ids/party-id.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { CiString, closedEnum, CurrencyCode, OcpiString, optional } from '../../ocpi/types/common.js';
import { TokenType } from '../../ocpi/types/tokens.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { RetailPlan } from '../../store/tables/retail-tables.js';

const Amount = Type.Number({ minimum: 0 });

/** A retail plan as an operator posts it; the id defaults to a new UUID. */
export const RetailPlanInput = Type.Object({
  id: optional(CiString(36)),
  scope: closedEnum(['TOKEN', 'GROUP', 'PARTNER', 'DEFAULT']),
  partner: optional(Type.String({ maxLength: 7 })),
  group_id: optional(CiString(36)),
  token_uid: optional(CiString(36)),
  token_type: optional(TokenType),
  channel: optional(closedEnum(['ROAMING', 'DIRECT'])),
  currency: optional(CurrencyCode),
  model: closedEnum(['PASS_THROUGH', 'MARKUP_PERCENT', 'WHOLESALE_TO_RETAIL']),
  /** A negative markup is a discount, never below zero. */
  markup_percent: optional(Type.Number({ minimum: -100 })),
  price_per_kwh: optional(Amount),
  price_per_minute: optional(Amount),
  price_per_session: optional(Amount),
  fee_per_session: optional(Amount),
  fee_per_kwh: optional(Amount),
  vat_percent: optional(Type.Number({ minimum: 0, maximum: 100 })),
  description: optional(OcpiString(255)),
});
type RetailPlanInput = Static<typeof RetailPlanInput>;

/** Which fields each scope and model needs; any other scope or price field is a mistake. */
const SCOPE_FIELDS = { TOKEN: ['token_uid', 'token_type'], GROUP: ['group_id'], PARTNER: ['partner'], DEFAULT: [] } as const;
const MODEL_FIELDS = { PASS_THROUGH: [], MARKUP_PERCENT: ['markup_percent'], WHOLESALE_TO_RETAIL: ['price_per_kwh', 'price_per_minute', 'price_per_session'] } as const;
const OWN_AMOUNTS = ['price_per_kwh', 'price_per_minute', 'price_per_session', 'fee_per_session', 'fee_per_kwh'] as const;

function invalid(field: string, reason: string): never {
  throw OcpiError.invalid(`Invalid field ${field}: ${reason}`);
}

/** The stored form of a token uid: RFID uids without separators, every uid in upper case. */
export function tokenKey(type: string, uid: string): string {
  return `${type.toUpperCase()}/${type.toUpperCase() === 'RFID' && isRfidUid(uid) ? normalizeRfidUid(uid) : uid.toUpperCase()}`;
}

/** Checks a posted plan: the fields of its scope and model present, no others, a currency for own amounts. */
export function parseRetailPlan(body: unknown, newId: () => string): RetailPlan {
  const input: RetailPlanInput = parseOcpi(RetailPlanInput, body);
  const given = input as Record<string, unknown>;
  for (const [scope, fields] of Object.entries(SCOPE_FIELDS)) {
    for (const field of fields) {
      if (scope === input.scope && given[field] === undefined) invalid(field, `a ${scope} plan names its ${field}`);
      if (scope !== input.scope && given[field] !== undefined) invalid(field, `only a ${scope} plan has ${field}`);
    }
  }
  for (const [model, fields] of Object.entries(MODEL_FIELDS)) {
    if (model !== input.model) for (const field of fields) if (given[field] !== undefined) invalid(field, `only a ${model} plan has ${field}`);
  }
  if (input.model === 'MARKUP_PERCENT' && input.markup_percent === undefined) invalid('markup_percent', 'a MARKUP_PERCENT plan states its markup');
  if (input.model === 'WHOLESALE_TO_RETAIL' && MODEL_FIELDS.WHOLESALE_TO_RETAIL.every((f) => given[f] === undefined)) {
    invalid('price_per_kwh', 'a WHOLESALE_TO_RETAIL plan states at least one of price_per_kwh, price_per_minute, price_per_session');
  }
  const ownAmount = OWN_AMOUNTS.find((f) => given[f] !== undefined);
  if (ownAmount && input.currency === undefined) invalid('currency', `${ownAmount} is an amount, so the plan needs its currency`);
  let partner: string | undefined;
  if (input.partner !== undefined) {
    try {
      partner = formatPartyIdentity(parsePartyIdentity(input.partner));
    } catch (error) {
      invalid('partner', `${(error as Error).message} (a CPO party such as NL-CPO)`);
    }
  }
  return { ...input, id: input.id ?? newId(), ...(partner === undefined ? {} : { partner }) };
}

/** The audience key a plan is stored and found under. */
export function scopeKey(plan: RetailPlan): string {
  switch (plan.scope) {
    case 'TOKEN':
      return tokenKey(plan.token_type!, plan.token_uid!);
    case 'GROUP':
      return plan.group_id!.toUpperCase();
    case 'PARTNER':
      return plan.partner!;
    case 'DEFAULT':
      return '';
  }
}
