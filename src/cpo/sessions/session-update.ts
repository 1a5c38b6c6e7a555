import { canonicalJson } from '../../ocpi/canonical-json.js';
import type { Session, SessionPatch } from '../../ocpi/types/sessions.js';

export type SessionUpdate = { method: 'PUT'; body: Session } | { method: 'PATCH'; body: SessionPatch };

/**
 * How to tell the eMSP that `previous` became `next` (OCPI 2.2.1 "Sessions", push model): a PATCH
 * with the changed fields, `last_updated`, and only the charging periods it has not been sent yet,
 * because a receiver appends PATCHed periods. When a PATCH cannot express the change (a field
 * dropped, or reported periods changed), the whole session is PUT instead, which replaces them.
 */
export function sessionUpdate(previous: Session, next: Session): SessionUpdate {
  const before = previous.charging_periods ?? [];
  const after = next.charging_periods ?? [];
  const periodsExtend = before.length <= after.length && before.every((p, i) => canonicalJson(p) === canonicalJson(after[i]));
  const fieldDropped = Object.keys(previous).some((key) => (next as Record<string, unknown>)[key] === undefined);
  if (!periodsExtend || fieldDropped) return { method: 'PUT', body: next };

  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (key === 'charging_periods' || key === 'last_updated') continue;
    if (canonicalJson(value) !== canonicalJson((previous as Record<string, unknown>)[key])) patch[key] = value;
  }
  const added = after.slice(before.length);
  if (added.length > 0) patch.charging_periods = added;
  return { method: 'PATCH', body: { ...patch, last_updated: next.last_updated } as SessionPatch };
}
