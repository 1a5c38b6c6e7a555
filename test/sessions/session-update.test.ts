import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { sessionUpdate } from '../../src/cpo/sessions/session-update.js';
import { applySessionPatch } from '../../src/emsp/sessions/session-patch.js';
import { TOKEN } from './pair.js';

const period = (start: string, kwh: number) => ({ start_date_time: start, dimensions: [{ type: 'ENERGY' as const, volume: kwh }], tariff_id: 'AC-1' });

const running: Session = {
  country_code: 'NL',
  party_id: 'CPO',
  id: 'S1',
  start_date_time: '2025-03-04T09:00:00.000Z',
  kwh: 3,
  cdr_token: TOKEN,
  auth_method: 'WHITELIST',
  location_id: 'LOC-1',
  evse_uid: 'EVSE-1',
  connector_id: '1',
  currency: 'EUR',
  charging_periods: [period('2025-03-04T09:00:00.000Z', 3)],
  total_cost: { excl_vat: 1.4 },
  status: 'ACTIVE',
  last_updated: '2025-03-04T09:15:00.000Z',
};

describe('the CPO: what a session change is sent as', () => {
  it('is a PATCH of the changed fields and only the periods the eMSP has not been sent', () => {
    const next: Session = { ...running, kwh: 6, total_cost: { excl_vat: 2.3 }, charging_periods: [...running.charging_periods!, period('2025-03-04T09:30:00.000Z', 3)], last_updated: '2025-03-04T09:45:00.000Z' };
    expect(sessionUpdate(running, next)).toEqual({
      method: 'PATCH',
      body: { kwh: 6, total_cost: { excl_vat: 2.3 }, charging_periods: [period('2025-03-04T09:30:00.000Z', 3)], last_updated: '2025-03-04T09:45:00.000Z' },
    });
  });

  it('is a PATCH with last_updated only when nothing else changed', () => {
    expect(sessionUpdate(running, { ...running, last_updated: '2025-03-04T09:20:00.000Z' })).toEqual({ method: 'PATCH', body: { last_updated: '2025-03-04T09:20:00.000Z' } });
  });

  it('is a PUT when a reported period changed or a field was dropped, which a PATCH cannot express', () => {
    const rewritten: Session = { ...running, charging_periods: [period('2025-03-04T09:00:00.000Z', 4)], last_updated: '2025-03-04T09:20:00.000Z' };
    expect(sessionUpdate(running, rewritten)).toEqual({ method: 'PUT', body: rewritten });
    const { total_cost: _dropped, ...withoutCost } = running;
    expect(sessionUpdate(running, withoutCost).method).toBe('PUT');
  });
});

describe('the eMSP: a PATCH applied to the session it holds', () => {
  it('replaces the fields sent and appends the periods, in time order', () => {
    const patched = applySessionPatch(running, { kwh: 6, charging_periods: [period('2025-03-04T09:30:00.000Z', 3)], last_updated: '2025-03-04T09:45:00.000Z' });
    expect(patched).toEqual({ ...running, kwh: 6, charging_periods: [period('2025-03-04T09:00:00.000Z', 3), period('2025-03-04T09:30:00.000Z', 3)], last_updated: '2025-03-04T09:45:00.000Z' });
  });

  it('drops periods it already holds, however their start is written, so a repeated PATCH changes nothing', () => {
    const patch = { charging_periods: [period('2025-03-04T09:00:00Z', 99), period('2025-03-04T09:30:00.000Z', 3), period('2025-03-04T09:30:00Z', 3)], last_updated: '2025-03-04T09:45:00.000Z' };
    const once = applySessionPatch(running, patch);
    expect(once.charging_periods!.map((p) => p.dimensions[0]!.volume)).toEqual([3, 3]);
    expect(applySessionPatch(once, patch)).toEqual(once);
  });

  it('keeps the periods when the PATCH carries none', () => {
    expect(applySessionPatch(running, { status: 'COMPLETED', last_updated: '2025-03-04T10:00:00.000Z' }).charging_periods).toEqual(running.charging_periods);
  });
});
