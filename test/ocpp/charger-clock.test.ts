import { describe, expect, it } from 'vitest';
import { chargerTime } from '../../src/ocpp/charger-clock.js';

const RECEIVED = new Date('2026-11-24T12:00:00.000Z');
const minutes = (m: number) => new Date(RECEIVED.getTime() + m * 60_000).toISOString();

describe("a charger's timestamps", () => {
  it('are believed within five minutes ahead of our clock, and however late a queued message arrives within two years', () => {
    expect(chargerTime('2026-11-24T13:04:00+01:00', RECEIVED)).toEqual({ at: minutes(4) });
    expect(chargerTime('2025-01-10T08:00:00Z', RECEIVED)).toEqual({ at: '2025-01-10T08:00:00.000Z' });
  });

  it('more than five minutes ahead: the time of receipt, with the charger value kept', () => {
    expect(chargerTime(minutes(6), RECEIVED)).toEqual({ at: RECEIVED.toISOString(), clock: { reported: minutes(6), reason: 'ahead' } });
  });

  it('a clock never set (1970, 2000) or otherwise years old: the time of receipt', () => {
    expect(chargerTime('1970-01-01T00:00:10Z', RECEIVED)).toEqual({ at: RECEIVED.toISOString(), clock: { reported: '1970-01-01T00:00:10Z', reason: 'too_old' } });
    expect(chargerTime('2024-11-01T00:00:00Z', RECEIVED).clock?.reason).toBe('too_old');
  });

  it('unreadable: the time of receipt; absent (optional in 1.6 StatusNotification): the time of receipt, nothing to keep', () => {
    expect(chargerTime('yesterday', RECEIVED)).toEqual({ at: RECEIVED.toISOString(), clock: { reported: 'yesterday', reason: 'unreadable' } });
    expect(chargerTime(undefined, RECEIVED)).toEqual({ at: RECEIVED.toISOString() });
  });
});
